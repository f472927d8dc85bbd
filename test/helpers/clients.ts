/** Clients of a test server: HTTP with a session cookie, and Hocuspocus providers. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { expect } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { hashPassword } from '../../server/src/auth/passwords.ts';
import type { Store } from '../../server/src/storage/store.ts';
import type { User } from '../../server/src/users/userStore.ts';
import type { Role, StakeholderGroup } from '../../shared/roles.ts';

export const DEMO_PASSWORD = 'plenary-demo-2025';

export interface Session {
  cookie: string;
  user: { id: string; name: string; role: Role; email: string; group: StakeholderGroup };
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request; `cookie` signs it in. */
export async function http<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/**
 * A JSON request the test needs to succeed, for set-up and for reads whose answer the test then
 * checks: asserts a status under 300 (exactly `status` when given), with the request and the
 * server's answer in the failure's message, and returns the body. A test of the status itself
 * (a refusal, a role's permissions) reads `http`'s result instead.
 */
export async function httpOk<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string>; status?: number } = {},
): Promise<T> {
  const { status, ...request } = options;
  const result = await http<T>(baseUrl, method, path, request);
  const message = `${method} ${path}: ${JSON.stringify(result.body)}`;
  if (status === undefined) expect(result.status, message).toBeLessThan(300);
  else expect(result.status, message).toBe(status);
  return result.body;
}

export async function login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const result = await http<{ user: Session['user'] }>(baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
  if (result.status !== 200) throw new Error(`login ${email} failed: ${result.status} ${JSON.stringify(result.body)}`);
  const cookie = result.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, user: result.body.user };
}

export async function collabToken(baseUrl: string, session: Session, doc?: string): Promise<string> {
  const result = await http<{ token: string }>(baseUrl, 'POST', '/api/collab-token', {
    cookie: session.cookie,
    body: doc ? { doc } : {},
  });
  if (result.status !== 200) throw new Error(`collab-token failed: ${result.status}`);
  return result.body.token;
}

let fastHash: Promise<string> | undefined;

/** Creates a user straight in the store (one scrypt hash shared by all, for speed). */
export async function createUser(
  store: Store,
  input: { name: string; role: Role; group?: StakeholderGroup; email?: string; password?: string },
): Promise<User> {
  fastHash ??= hashPassword(DEMO_PASSWORD);
  const passwordHash = input.password ? await hashPassword(input.password) : await fastHash;
  return store.users.create({
    email:
      input.email ??
      `${input.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${Math.random().toString(36).slice(2, 7)}@test.example`,
    name: input.name,
    role: input.role,
    group: input.group ?? 'civil-society',
    passwordHash,
  });
}

export interface Peer {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  /** Reasons of authentication failures seen. */
  denied: string[];
  scope: string | undefined;
  destroy(): void;
}

/** A WebSocket class for a provider's socket in Node; `headers` go on the upgrade request (Origin, Cookie). */
export function nodeWebSocket(headers?: Record<string, string>): new (url: string, protocols?: string | string[]) => WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, headers ? { headers } : {});
      // The provider closes a socket that is still connecting after removing its own
      // listeners; in Node (unlike browsers) that emits an error nobody would handle.
      this.on('error', () => {});
    }
  };
}

/** A Hocuspocus provider on its own socket; `headers` go on the upgrade request (Origin, Cookie). */
export function connectPeer(
  wsUrl: string,
  name: string,
  token: string | (() => Promise<string>) | null,
  options: { headers?: Record<string, string>; doc?: Y.Doc } = {},
): Peer {
  const socket = new HocuspocusProviderWebsocket({
    url: wsUrl,
    WebSocketPolyfill: nodeWebSocket(options.headers),
    maxAttempts: 0,
  });
  const doc = options.doc ?? new Y.Doc();
  const peer: Peer = {
    socket,
    doc,
    denied: [],
    scope: undefined,
    provider: undefined as unknown as HocuspocusProvider,
    destroy: () => {
      peer.provider.destroy();
      socket.destroy();
    },
  };
  peer.provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => peer.denied.push(reason),
    onAuthenticated: ({ scope }) => {
      peer.scope = scope;
    },
  });
  peer.provider.attach();
  return peer;
}

export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeout = 10_000, interval = 20, message = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export const synced = (peer: Peer, timeout = 10_000) =>
  waitFor(() => peer.provider.isSynced, { timeout, message: `${peer.provider.configuration.name} synced` });

/** Waits until the server has acknowledged every local change. */
export const acknowledged = (peer: Peer, timeout = 10_000) =>
  waitFor(() => peer.provider.isSynced && !peer.provider.hasUnsyncedChanges, { timeout, message: 'acknowledgement' });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
