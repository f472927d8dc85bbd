/**
 * Personal API tokens: create (shown once), list (never the token), revoke (effective at once on
 * REST; open sockets of the token close at once on this instance and within the access sweep's
 * interval on the others). Managed with the session cookie only: a token cannot make tokens.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CreatedToken, CreateTokenBody, TokenIdParams, TokenInfo } from '../../../shared/schemas/apiTokens.ts';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { AppError, notFound } from '../http/appError.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { checkLiveCount, checkScopes, expiryOf, TOKEN_CREATIONS_PER_MINUTE } from './apiTokenPolicy.ts';
import type { ApiToken, ApiTokenStore } from './apiTokenStore.ts';

export interface ApiTokenRoutesOptions {
  store: Store;
  tokens: ApiTokenStore;
  /** Told after a token is revoked: close the sockets of its session. */
  onRevoked: (sessionId: string) => void;
}

/** Tokens are managed by the signed-in person, with the session cookie: an API token is refused (403 TOKEN_SCOPE). */
const SESSION_ONLY = [{ sessionCookie: [] }];

const info = (token: ApiToken): TokenInfo => ({
  id: token.id,
  name: token.name,
  scopes: token.scopes,
  createdAt: token.createdAt,
  expiresAt: token.expiresAt,
  lastUsedAt: token.lastUsedAt,
  revokedAt: token.revokedAt,
});

function requireSessionUser(request: FastifyRequest): User {
  const user = requireUser(request);
  if (request.apiToken) throw new AppError('TOKEN_SCOPE', 'API tokens are managed when signed in, not with a token.');
  return user;
}

export const apiTokenRoutes: FastifyPluginAsyncTypebox<ApiTokenRoutesOptions> = async (app, { store, tokens, onRevoked }) => {
  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['tokens'],
        security: SESSION_ONLY,
        summary: 'Create a personal API token; the token is in this answer only',
        description:
          '409 TOKEN_LIMIT when the person already holds the most live tokens allowed; 429 RATE_LIMITED after too many creations in a minute.',
        body: CreateTokenBody,
        response: {
          201: CreatedToken,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
          429: ErrorResponse,
        },
      },
      // Each token is a session row: creations are few in a person's day, so a tight limit of their own.
      config: perPersonPerMinute(TOKEN_CREATIONS_PER_MINUTE),
    },
    async (request, reply) => {
      const user = requireSessionUser(request);
      const { name, scopes } = request.body;
      checkScopes(user, scopes);
      const expiresAt = expiryOf(request.body.expiresAt);
      const { token, apiToken } = await store.db.transaction(async (tx) => {
        // The count and the insert must not interleave with another creation's (apiTokenStore.lockOwner).
        await tokens.lockOwner(user.id, tx);
        checkLiveCount(await tokens.liveCountOf(user.id, tx));
        const created = await tokens.create({ userId: user.id, name: name.trim(), scopes, expiresAt }, tx);
        await store.audit.record(
          {
            actorId: user.id,
            action: 'token.create',
            subject: `token:${created.apiToken.id}`,
            detail: { name, scopes, expiresAt },
          },
          tx,
        );
        return created;
      });
      return reply.status(201).send({ id: apiToken.id, token, name: apiToken.name, scopes: apiToken.scopes, expiresAt });
    },
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        tags: ['tokens'],
        security: SESSION_ONLY,
        summary: 'My API tokens, with when each was last used (never the token itself)',
        response: { 200: Type.Array(TokenInfo), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => (await tokens.listOf(requireSessionUser(request).id)).map(info),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        security: SESSION_ONLY,
        summary: 'Revoke one of my API tokens, at once',
        params: TokenIdParams,
        response: { 204: Type.Null(), 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = requireSessionUser(request);
      const token = await tokens.byId(request.params.id);
      if (!token || token.userId !== user.id) throw notFound('The token');
      await store.db.transaction(async (tx) => {
        if (await tokens.revoke(token, tx)) {
          await store.audit.record({ actorId: user.id, action: 'token.revoke', subject: `token:${token.id}` }, tx);
        }
      });
      onRevoked(token.sessionId);
      return reply.status(204).send(null);
    },
  );
};
