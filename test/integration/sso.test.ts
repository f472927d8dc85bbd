/**
 * Single sign-on against a real OpenID Connect provider run in this process: sign-in, linking to
 * an existing person by verified email, refusal of an unverified email, an observer created when
 * allowed, sign-out; and password sign-in turned off per person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, http, login } from '../helpers/clients.ts';
import { freePort } from '../helpers/freePort.ts';
import { browse, CookieJar, startOidcProvider, type TestProvider } from '../helpers/oidcProvider.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const providerPort = await freePort();
let provider: TestProvider | undefined;

const { server, call } = serverSuite({
  env: {
    OIDC_PROVIDERS: 'acme',
    OIDC_ACME_ISSUER: `http://127.0.0.1:${providerPort}`,
    OIDC_ACME_CLIENT_ID: 'plenary',
    OIDC_ACME_CLIENT_SECRET: 'a test client secret',
    OIDC_ACME_LABEL: 'Acme ID',
    OIDC_CREATE_OBSERVERS: '1',
  },
});

// After the server's beforeAll (registered above): the redirect URI names the server's port.
// The server discovers the provider at the first sign-in, not at start.
beforeAll(async () => {
  provider = await startOidcProvider({
    port: providerPort,
    clientId: 'plenary',
    clientSecret: 'a test client secret',
    redirectUri: `${server.baseUrl}/api/auth/oidc/acme/callback`,
    accounts: {
      'sub-mei': { email: 'Mei@Example.org', email_verified: true, name: 'Mei at Acme' },
      'sub-unverified': { email: 'kwame@example.org', email_verified: false },
      'sub-newcomer': { email: 'newcomer@acme.example', email_verified: true, name: 'New Comer' },
    },
  });
});
afterAll(async () => {
  await provider?.close();
});

/** Signs in through the provider as `account`; the board's session cookie, if one was set. */
async function signInWithAcme(account: string) {
  const jar = new CookieJar();
  const result = await browse(`${server.baseUrl}/api/auth/oidc/acme/start`, jar, account);
  const session = jar.get(new URL(server.baseUrl).host, 'plenary_session');
  return { result, jar, cookie: session ? `plenary_session=${session}` : undefined };
}

describe('single sign-on', () => {
  it('lists the providers for the sign-in page', async () => {
    const providers = await http(server.baseUrl, 'GET', '/api/auth/providers');
    expect(providers.body).toEqual([{ name: 'acme', label: 'Acme ID', startUrl: '/api/auth/oidc/acme/start' }]);
  });

  it('signs in and links to the person with the same verified email; signing out ends the board session', async () => {
    const { result, cookie } = await signInWithAcme('sub-mei');
    // Back on the board's home page, signed in as the existing person with their board role.
    expect(result.url.href).toBe(`${server.baseUrl}/`);
    expect(cookie).toBeDefined();
    const me = await http(server.baseUrl, 'GET', '/api/me', { cookie: cookie! });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'mei@example.org', name: 'Mei Lin', role: 'member' });
    const linked = await server.app.store.db.get<{ user_id: string }>(
      "SELECT user_id FROM oidc_identities WHERE provider = 'acme' AND subject = 'sub-mei'",
    );
    expect(linked!.user_id).toBe(me.body.id);
    // The flow went through PKCE, state and nonce.
    const authorize = new URL(result.visited.find((url) => url.includes('/auth?'))!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();

    expect((await http(server.baseUrl, 'POST', '/api/auth/logout', { cookie: cookie! })).status).toBe(204);
    expect((await http(server.baseUrl, 'GET', '/api/me', { cookie: cookie! })).status).toBe(401);

    // A second sign-in finds the linked identity: the same person again.
    const again = await signInWithAcme('sub-mei');
    expect((await http(server.baseUrl, 'GET', '/api/me', { cookie: again.cookie! })).body.id).toBe(me.body.id);
  });

  it('refuses an email the provider has not verified, with a page that says so', async () => {
    const { result, cookie } = await signInWithAcme('sub-unverified');
    expect(result.status).toBe(403);
    expect(result.body).toContain('data-code="SSO_EMAIL_UNVERIFIED"');
    expect(result.body).toContain('has not verified this email address');
    expect(cookie).toBeUndefined();
    expect(
      await server.app.store.db.get("SELECT 1 AS one FROM oidc_identities WHERE subject = 'sub-unverified'"),
    ).toBeUndefined();
  });

  it('creates an observer for an unknown verified email when allowed', async () => {
    const { cookie } = await signInWithAcme('sub-newcomer');
    const me = await http(server.baseUrl, 'GET', '/api/me', { cookie: cookie! });
    expect(me.body).toMatchObject({ email: 'newcomer@acme.example', name: 'New Comer', role: 'observer' });
    // No password opens that account.
    expect(
      (await http(server.baseUrl, 'POST', '/api/auth/login', { body: { email: 'newcomer@acme.example', password: 'sso-only' } }))
        .status,
    ).toBe(401);
  });

  it('refuses a callback whose state does not match the sign-in started here', async () => {
    const forged = await http(server.baseUrl, 'GET', '/api/auth/oidc/acme/callback?code=abc&state=xyz');
    expect(forged.status).toBe(400);
    expect(String(forged.body)).toContain('data-code="SSO_FAILED"');
    expect((await http(server.baseUrl, 'GET', '/api/auth/oidc/nobody/start')).status).toBe(404);
  });

  it('lets the secretariat turn password sign-in off for one person: the same 401 as a wrong password', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const laura = await login(server.baseUrl, 'laura@example.org');
    const member = await call(laura, 'PATCH', `/api/users/${laura.user.id}/password-login`, { enabled: false });
    expect(member.status).toBe(403);

    const off = await call(secretariat, 'PATCH', `/api/users/${laura.user.id}/password-login`, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ id: laura.user.id, passwordLogin: false });
    const refused = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'laura@example.org', password: DEMO_PASSWORD },
    });
    const wrong = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'laura@example.org', password: 'wrong' },
    });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(wrong.body);

    expect((await call(secretariat, 'PATCH', `/api/users/${laura.user.id}/password-login`, { enabled: true })).status).toBe(200);
    expect(
      (await http(server.baseUrl, 'POST', '/api/auth/login', { body: { email: 'laura@example.org', password: DEMO_PASSWORD } }))
        .status,
    ).toBe(200);
  });
});
