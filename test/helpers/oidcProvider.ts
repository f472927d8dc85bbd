/**
 * A real OpenID Connect provider (the oidc-provider package) in the test process, with its
 * development sign-in pages, and a browser-like walk through a sign-in (cookies per host,
 * redirects followed by hand, the provider's login and consent forms submitted).
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider(options: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string, TestAccount>;
}): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['a test key, not a secret'] },
    features: { devInteractions: { enabled: true } },
  });
  // The development pages warn on the console at start; nothing to act on in a test.
  const server: Server = provider.listen(options.port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Cookies by host, as a browser keeps them (no paths or expiry needed for these tests). */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.byHost.get(url.host) ?? new Map()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(url: URL, response: Response): void {
    const jar = this.byHost.get(url.host) ?? new Map<string, string>();
    this.byHost.set(url.host, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some(
        (attribute) => /^\s*max-age=0\b/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(host: string, name: string): string | undefined {
    return this.byHost.get(host)?.get(name);
  }

  set(host: string, name: string, value: string): void {
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    this.byHost.set(host, jar);
    jar.set(name, value);
  }
}

export interface BrowserResult {
  /** The last response (not a redirect). */
  status: number;
  url: URL;
  body: string;
  /** Every URL visited, in order. */
  visited: string[];
}

/**
 * Goes to `start` as a browser would and signs in at the provider as `login` (any password),
 * consenting when asked; stops at the first page that is neither a redirect nor a provider form.
 */
export async function browse(start: string, jar: CookieJar, login: string): Promise<BrowserResult> {
  let url = new URL(start);
  let init: RequestInit = {};
  const visited: string[] = [];
  for (let step = 0; step < 20; step++) {
    visited.push(url.href);
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(url, response);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      init = {};
      continue;
    }
    const body = await response.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[\s\S]*?name="prompt" value="(login|consent)"/.exec(body);
    if (!form) return { status: response.status, url, body, visited };
    const fields = new URLSearchParams({ prompt: form[2]! });
    if (form[2] === 'login') {
      fields.set('login', login);
      fields.set('password', 'any');
    }
    url = new URL(form[1]!.replace(/&amp;/g, '&'), url);
    init = { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error(`too many steps: ${visited.join(' -> ')}`);
}
