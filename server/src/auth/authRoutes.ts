/** Sign-in, sign-out, who am I, and tokens for the WebSocket. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { CollabTokenBody, CollabTokenResponse, LoginBody, LoginResponse, PublicUser } from '../../../shared/schemas/auth.ts';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { AppError, badRequest } from '../http/appError.ts';
import { isPasswordLoginOff } from '../sso/ssoStore.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { requireUser } from './authPlugin.ts';
import type { CollabTokens } from './collabToken.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, DeviceCookies, LoginGuard } from './loginGuard.ts';
import { DECOY_HASH, verifyPassword } from './passwords.ts';

export interface AuthRoutesOptions {
  store: Store;
  tokens: CollabTokens;
  /** Told when a session ends, so open sockets of that session can be closed. */
  onSessionRevoked?: (sessionId: string) => void;
  /** Device cookies get `Secure` like the session cookie. */
  secureCookies?: boolean;
}

export function publicUser(user: User): PublicUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    group: user.group,
    region: user.region,
    language: user.language,
  };
}

const INVALID = 'The email or password is not correct.';

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (
  app,
  { store, tokens, onSessionRevoked, secureCookies = false },
) => {
  const guard = new LoginGuard();
  const devices = new DeviceCookies(await store.settings.secret('device-cookie-secret'));
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
      // Guessing and spraying passwords are slowed by LoginGuard (per account, per address, per known browser);
      // this only bounds raw floods, counted apart from the other routes.
      config: { public: true, rateLimit: { max: 600, timeWindow: 60_000, keyGenerator: (request) => `login:${request.ip}` } },
    },
    async (request, reply) => {
      const email = request.body.email.toLowerCase();
      const found = await store.users.credentialsByEmail(request.body.email);
      const cookie = devices.read(request.cookies[DEVICE_COOKIE]);
      const attempt = {
        email,
        address: request.ip,
        device: cookie && found && cookie.userId === found.user.id ? { deviceId: cookie.deviceId } : null,
      };
      const waitMs = guard.waitMs(attempt);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        void reply.header('retry-after', String(seconds));
        throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${seconds} s.`, {
          retryAfterSeconds: seconds,
        });
      }
      // Verify against a decoy when the email is unknown: same answer, same cost.
      const valid = await verifyPassword(request.body.password, found?.passwordHash ?? DECOY_HASH);
      // Switched to single sign-on only by the secretariat: the same answer as a wrong password.
      if (!found || !valid || found.user.disabled || (await isPasswordLoginOff(store.db, found.user.id))) {
        guard.failed(attempt);
        throw new AppError('INVALID_CREDENTIALS', INVALID);
      }
      guard.succeeded(attempt);
      await app.signIn(reply, found.user.id);
      if (!attempt.device) {
        void reply.setCookie(DEVICE_COOKIE, devices.issue(found.user.id), {
          httpOnly: true,
          sameSite: 'lax',
          secure: secureCookies,
          path: '/api/auth',
          maxAge: DEVICE_COOKIE_MAX_AGE_S,
        });
      }
      return { user: publicUser(found.user) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      // Signing out an ended session still clears the cookie.
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign out; the session is revoked on the server', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (request.session) {
        await store.sessions.revoke(request.session.id);
        onSessionRevoked?.(request.session.id);
      }
      app.clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: PublicUser, 401: ErrorResponse } } },
    async (request) => publicUser(requireUser(request)),
  );

  app.post(
    '/api/collab-token',
    {
      schema: {
        tags: ['auth'],
        summary: 'A short-lived token for the WebSocket (optionally bound to one document)',
        body: CollabTokenBody,
        response: { 200: CollabTokenResponse, 401: ErrorResponse },
      },
      // The body is optional: a bare POST asks for a token for any document.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const user = requireUser(request);
      const doc = request.body.doc;
      if (doc !== undefined && !parseDocumentName(doc)) throw badRequest('Unknown document name.');
      return tokens.issue({ u: user.id, s: request.session!.id, ...(doc ? { d: doc } : {}) });
    },
  );
};
