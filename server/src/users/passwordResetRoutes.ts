/**
 * "Forgot password?": asking for a reset link by email, and setting a new password through it.
 * Both are reached without signing in. The request answers the same whether or not the address
 * belongs to anyone (no account enumeration); it is slowed per address asked about and per client
 * address with the sign-in guard's backoff, so that nobody can flood a mailbox through the board.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { PasswordResetBody, PasswordResetRequestBody, TokenParams } from '../../../shared/schemas/users.ts';
import { Backoff, type BackoffPolicy } from '../auth/loginGuard.ts';
import { AppError } from '../http/appError.ts';
import type { PeopleService } from './peopleService.ts';
import { normaliseEmail } from './userStore.ts';

export interface PasswordResetRoutesOptions {
  people: PeopleService;
  onUserChanged: (userId: string) => void;
}

/** Per email address: two links freely, then each further one waits twice as long (up to an hour). */
export const RESET_EMAIL_POLICY: BackoffPolicy = {
  freeFailures: 2,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  forgetAfterMs: 60 * 60_000,
};
/** Per client address, across email addresses. */
export const RESET_CLIENT_POLICY: BackoffPolicy = {
  freeFailures: 10,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

const Accepted = Type.Object({
  accepted: Type.Literal(true, { description: 'the same answer whether or not the address belongs to anyone' }),
});
const SessionsEnded = Type.Object({ sessionsEnded: Type.Integer({ description: 'how many sessions of the person were ended' }) });

export const passwordResetRoutes: FastifyPluginAsyncTypebox<PasswordResetRoutesOptions> = async (
  app,
  { people, onUserChanged },
) => {
  const perEmail = new Backoff(RESET_EMAIL_POLICY);
  const perClient = new Backoff(RESET_CLIENT_POLICY);

  app.post(
    '/api/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password reset link by email; the same 202 whether or not the address belongs to anyone',
        description:
          'The link works once, for an hour; a newer one replaces it. Deactivated and still-invited people get no email. ' +
          '429 RATE_LIMITED when this address, or this client, asked too often.',
        body: PasswordResetRequestBody,
        response: { 202: Accepted, 400: ErrorResponse, 429: ErrorResponse },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      const wait = Math.max(perEmail.waitMs(email), perClient.waitMs(request.ip));
      if (wait > 0) {
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw new AppError('RATE_LIMITED', `Too many reset requests; try again in ${Math.ceil(wait / 1000)} seconds.`);
      }
      // Every request counts, whoever the address belongs to: the answer must not tell.
      perEmail.fail(email);
      perClient.fail(request.ip);
      await people.requestPasswordReset(email, request.body.language ?? 'en');
      return reply.status(202).send({ accepted: true });
    },
  );

  app.post(
    '/api/auth/password-reset/:token',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Set a new password through a reset link; every session of the person ends. 410 RESET_LINK_GONE when used or expired',
        params: TokenParams,
        body: PasswordResetBody,
        response: { 200: SessionsEnded, 400: ErrorResponse, 410: ErrorResponse },
      },
      // The link is the credential; each try costs a password hash.
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request) => {
      const { user, sessionsEnded } = await people.resetPassword(request.params.token, request.body.password);
      onUserChanged(user.id);
      return { sessionsEnded };
    },
  );
};
