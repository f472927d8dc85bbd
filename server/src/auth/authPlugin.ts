/**
 * Who is asking: resolves the session cookie to a user on every request, and refuses
 * state-changing requests that come from another site.
 *
 * Every /api route requires a signed-in user unless it says otherwise with
 * `config: { public: true }` (sign-in, sign-out, the OpenAPI document): a route added without
 * thinking about it is closed, not open. Routes still check roles themselves (requireRole...).
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SIGNED_IN_HINT_COOKIE } from '../../../shared/constants/users.ts';
import { isModerator, type Role } from '../../../shared/roles.ts';
import { authenticateBearer, bearerOf } from '../apiTokens/bearerAuth.ts';
import { AppError, forbidden, unauthorized } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { sessionOfSecret } from './liveSession.ts';
import { SESSION_TTL_MS, type Session } from './sessionStore.ts';

// Still exported from here, where the WebSocket and other features import it.

export const SESSION_COOKIE = 'plenary_session';

/** The page's script reads this cookie (no credential) to know whether to ask who is signed in (shared/constants/users.ts). */
function setSignedInHint(reply: FastifyReply, signedIn: boolean, secure: boolean): void {
  if (signedIn) {
    void reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', {
      httpOnly: false,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
  } else void reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/', sameSite: 'lax', secure });
}

/** What a sign-in records in `auth.login`'s detail: how the person came in, when not by password. */
type SignInDetail = { via?: 'invitation'; method?: 'oidc'; provider?: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. */
    user: User | null;
    /** The session behind `user`, or null. */
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** An /api route anyone may call, signed in or not (see the file's comment). */
    public?: boolean;
  }
  interface FastifyInstance {
    setSessionCookie(reply: FastifyReply, secret: string): void;
    /** Signs `userId` in on this reply: a new session, its cookie, and the `auth.login` audit entry (`detail`: how). */
    signIn(reply: FastifyReply, userId: string, detail?: SignInDetail): Promise<void>;
    clearSessionCookie(reply: FastifyReply): void;
    /**
     * Sets or clears the readable signed-in hint, `Secure` exactly as the session cookie: a page
     * load that decided by the request's own protocol (plain HTTP behind a proxy that ends TLS)
     * could neither replace nor clear the `Secure` hint that signing in had set.
     */
    setSignedInHint(reply: FastifyReply, signedIn: boolean): void;
  }
}

/**
 * Whether anyone may call the route, signed in or not: any route outside /api (pages, files,
 * health), and an /api route marked `config: { public: true }`. The sign-in check below and the
 * OpenAPI document's `security: []` (app.ts) both ask this, so the document says what is enforced.
 */
export function isOpenRoute(url: string, config: { public?: boolean } | undefined): boolean {
  return !url.startsWith('/api/') || config?.public === true;
}

export interface AuthPluginOptions {
  store: Store;
  publicOrigins: string[];
  secureCookies: boolean;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const authPlugin = fp<AuthPluginOptions>(
  async (app: FastifyInstance, options) => {
    await app.register(cookie);
    app.decorateRequest('user', null);
    app.decorateRequest('session', null);
    app.decorateRequest('apiToken', null);

    app.decorate('setSignedInHint', (reply: FastifyReply, signedIn: boolean) =>
      setSignedInHint(reply, signedIn, options.secureCookies),
    );
    app.decorate('setSessionCookie', (reply: FastifyReply, secret: string) => {
      void reply.setCookie(SESSION_COOKIE, secret, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      setSignedInHint(reply, true, options.secureCookies);
    });
    app.decorate('signIn', async (reply: FastifyReply, userId: string, detail?: SignInDetail) => {
      const { secret } = await options.store.sessions.create(userId);
      app.setSessionCookie(reply, secret);
      await options.store.audit.record({
        actorId: userId,
        action: 'auth.login',
        subject: `user:${userId}`,
        ...(detail ? { detail } : {}),
      });
    });
    app.decorate('clearSessionCookie', (reply: FastifyReply) => {
      void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies });
      setSignedInHint(reply, false, options.secureCookies);
    });

    app.addHook('onRequest', async (request) => {
      // An API token instead of the cookie: no cookie is read, so there is no cross-site risk.
      // Only the API takes API tokens: /metrics has a bearer token of its own (METRICS_TOKEN).
      const bearer = request.url.startsWith('/api/') ? bearerOf(request) : undefined;
      if (bearer !== undefined) return authenticateBearer(request, bearer, options.store);
      if (UNSAFE_METHODS.has(request.method)) refuseCrossSite(request, options.publicOrigins);
      const secret = request.cookies[SESSION_COOKIE];
      if (!secret) return;
      const found = await sessionOfSecret(options.store, secret);
      if (found) {
        request.session = found.session;
        request.user = found.user;
      }
    });

    // A route-level preHandler, appended after the rate limit's (registered before this plugin),
    // so that anonymous requests are still counted and refused with 429 when too many; after
    // validation, as requireUser in a handler was.
    app.addHook('onRoute', (route) => {
      if (isOpenRoute(route.url, route.config)) return;
      route.preHandler = [...(route.preHandler ? [route.preHandler].flat() : []), requireSignIn];
    });
  },
  { name: 'auth' },
);

/**
 * Browsers send Origin on every cross-origin state-changing request, and Sec-Fetch-Site too.
 * Clients without them (scripts, tests) are not browsers and cannot ride on a victim's cookie.
 */
function refuseCrossSite(request: FastifyRequest, publicOrigins: string[]): void {
  const origin = request.headers.origin;
  if (origin !== undefined && !publicOrigins.includes(origin)) {
    throw new AppError('CROSS_SITE', 'Cross-site requests are refused.');
  }
  if (origin === undefined && request.headers['sec-fetch-site'] === 'cross-site') {
    throw new AppError('CROSS_SITE', 'Cross-site requests are refused.');
  }
}

async function requireSignIn(request: FastifyRequest): Promise<void> {
  if (!request.user) throw unauthorized();
}

/** The signed-in user, or a 401. */
export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** The signed-in user if they hold one of `roles`, else 401/403. */
export function requireRole(request: FastifyRequest, roles: readonly Role[]): User {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/** The signed-in secretariat or chair, else 401/403. */
export function requireModerator(request: FastifyRequest): User {
  const user = requireUser(request);
  if (!isModerator(user.role)) throw forbidden('Only the secretariat or the chair may do that.');
  return user;
}
