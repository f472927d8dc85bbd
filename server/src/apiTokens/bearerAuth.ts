/**
 * `Authorization: Bearer <API token>` on REST. A bearer request carries no cookie that a browser
 * would add on its own, so it is exempt from the cross-site check of the cookie path; the cookie
 * is then ignored altogether. Scopes (tokenScopes.ts, which the OpenAPI document states per
 * operation): `read` allows GET and HEAD only; `write` allows commands; `admin` (secretariat only)
 * is needed on top for the routes declared the secretariat's alone (`SECRETARIAT_ONLY`), and the
 * role cap below applies it to every other decision that the secretariat's role makes.
 */
import type { FastifyRequest } from 'fastify';
import { liveSession } from '../auth/liveSession.ts';
import { AppError } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';
import { type ApiToken, ApiTokenStore, type Scope } from './apiTokenStore.ts';
import { requiredScope } from './tokenScopes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token behind `user` on a bearer request, or null (cookie or anonymous). */
    apiToken: ApiToken | null;
    /** The secretariat's role was capped to the chair's because the token lacks the admin scope. */
    apiTokenRoleCapped?: boolean;
  }
}

/** The bearer token of a request: undefined without an Authorization header, '' for a malformed one. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

export function tokenRefused(): AppError {
  return new AppError('TOKEN_INVALID', 'The API token is unknown, revoked or expired.');
}

export function hasScope(token: ApiToken, scope: Scope): boolean {
  if (scope === 'read') return true;
  if (scope === 'write') return token.scopes.includes('write') || token.scopes.includes('admin');
  return token.scopes.includes('admin');
}

const stores = new WeakMap<Store, ApiTokenStore>();

export function apiTokenStoreOf(store: Store): ApiTokenStore {
  let tokens = stores.get(store);
  if (!tokens) {
    tokens = new ApiTokenStore(store.db);
    stores.set(store, tokens);
  }
  return tokens;
}

/** Sets request.user, request.session and request.apiToken from a bearer token, or throws 401/403. */
export async function authenticateBearer(request: FastifyRequest, bearer: string, store: Store): Promise<void> {
  const tokens = apiTokenStoreOf(store);
  const token = bearer ? await tokens.byToken(bearer) : undefined;
  const found = token ? await liveSession(store, token.sessionId) : null;
  if (!token || !found) throw tokenRefused();
  const { session, user } = found;
  const needed = requiredScope(request.method, request.routeOptions.config);
  if (!hasScope(token, needed)) {
    throw needed === 'admin'
      ? adminScopeMissing()
      : new AppError('TOKEN_SCOPE', 'This API token may only read (its scope is read).');
  }
  request.apiToken = token;
  request.session = session;
  // Without the admin scope, a secretariat's token acts with the chair's powers: the secretariat's
  // routes decide on the role in their services and policies, so capping the role here applies the
  // scope everywhere at once, including routes added later.
  request.apiTokenRoleCapped = user.role === 'secretariat' && !hasScope(token, 'admin');
  request.user = request.apiTokenRoleCapped ? { ...user, role: 'chair' } : user;
  await tokens.touch(token);
}

const adminScopeMissing = () =>
  new AppError('TOKEN_SCOPE', "This API token lacks the admin scope that the secretariat's routes need.");

/** A refusal that the admin scope would have avoided says so (TOKEN_SCOPE), not only "forbidden". */
export function scopeRefusal(request: FastifyRequest, code: string): AppError | null {
  if (code !== 'FORBIDDEN' || !request.apiTokenRoleCapped) return null;
  return adminScopeMissing();
}
