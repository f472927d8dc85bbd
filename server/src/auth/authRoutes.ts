/** Sign-in, sign-out, who am I, and tokens for the WebSocket. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { CollabTokenBody, CollabTokenResponse, LoginBody, LoginResponse, PublicUser } from '../../../shared/schemas/auth.ts';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { AppError, badRequest } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { requireUser } from './authPlugin.ts';
import type { CollabTokens } from './collabToken.ts';
import { DECOY_HASH, verifyPassword } from './passwords.ts';
import { isPasswordLoginOff } from '../sso/ssoStore.ts';

export interface AuthRoutesOptions {
  store: Store;
  tokens: CollabTokens;
  /** Told when a session ends, so open sockets of that session can be closed. */
  onSessionRevoked?: (sessionId: string) => void;
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

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { store, tokens, onSessionRevoked }) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorResponse },
      },
      // Guessing passwords: ten tries a minute per account from one address.
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (request) =>
            `login:${request.ip}:${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (request, reply) => {
      const found = await store.users.credentialsByEmail(request.body.email);
      // Verify against a decoy when the email is unknown: same answer, same cost.
      const valid = await verifyPassword(request.body.password, found?.passwordHash ?? DECOY_HASH);
      if (!found || !valid || found.user.disabled) throw new AppError('INVALID_CREDENTIALS', INVALID);
      // Switched to single sign-on only by the secretariat: the same answer as a wrong password.
      if (await isPasswordLoginOff(store.db, found.user.id)) throw new AppError('INVALID_CREDENTIALS', INVALID);
      const { secret } = await store.sessions.create(found.user.id);
      app.setSessionCookie(reply, secret);
      await store.audit.record({ actorId: found.user.id, action: 'auth.login', subject: `user:${found.user.id}` });
      return { user: publicUser(found.user) };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out; the session is revoked on the server', response: { 204: Type.Null() } } },
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
