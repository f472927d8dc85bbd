/**
 * One error handler for every route: `{"error": {"code", "message"}}` with a fitting status.
 * Details of server faults (5xx) are logged, never sent.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorBody } from '../../../shared/errors.ts';
import { scopeRefusal } from '../apiTokens/bearerAuth.ts';
import { StoreUnavailable } from '../storage/db.ts';
import { AppError } from './appError.ts';

/**
 * The field a schema refusal is about, so that a form can show the message next to it: the first
 * failing property (`/title` or `/anchor/quote` → `title`, `anchor.quote`), or the missing one.
 */
export function invalidField(validation: NonNullable<FastifyError['validation']>): string | undefined {
  const first = validation[0];
  if (!first) return undefined;
  const path = first.instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  const missing = (first.params as { missingProperty?: unknown } | undefined)?.missingProperty;
  if (typeof missing === 'string') path.push(missing);
  return path.length ? path.join('.') : undefined;
}

function toResponse(error: FastifyError | Error): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: error.statusCode, body };
  }
  if (error instanceof StoreUnavailable) {
    return {
      status: 503,
      body: {
        error: { code: 'STORE_UNAVAILABLE', message: 'The store is unavailable; nothing was changed. Try again shortly.' },
      },
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const field = invalidField(fastifyError.validation);
    const body: ErrorBody = { error: { code: 'BAD_REQUEST', message: `Invalid request: ${error.message}` } };
    if (field) body.error.details = { field };
    return { status: 400, body };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) {
    return { status, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } } };
  }
  if (status === 415) {
    return {
      status,
      body: {
        error: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'This route does not accept a body of that Content-Type (send application/json).',
        },
      },
    };
  }
  if (status === 429) {
    return { status, body: { error: { code: 'RATE_LIMITED', message: error.message || 'Too many requests; slow down.' } } };
  }
  if (status >= 400 && status < 500) {
    return { status, body: { error: { code: 'BAD_REQUEST', message: error.message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on the server.' } } };
}

/**
 * Errors Fastify raises before routing (a malformed percent-encoding in the path, a bad
 * constraint): the same envelope as every other error.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const bad = error.code === 'FST_ERR_BAD_URL';
  const { status, body } = bad
    ? {
        status: 400,
        body: { error: { code: 'BAD_REQUEST', message: 'The address is not valid (a malformed percent-encoding).' } },
      }
    : toResponse(error);
  void reply.code(status).send(body);
}

export const errorHandler = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { status, body } = toResponse(scopeRefusal(request, error.code) ?? error);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      void reply.status(status).send(body);
    });
  },
  { name: 'error-handler' },
);
