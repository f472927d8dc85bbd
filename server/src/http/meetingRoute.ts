/**
 * The most common route shape: a signed-in person asks something of one meeting
 * (`/api/meetings/:meetingId/...`), the handler hands the person, the meeting id and the body to
 * one service method and answers what it returns. Writing it once keeps the routes files to what
 * differs (path, summary, schemas, the service call); routes that answer otherwise (201 with a
 * location, 204, a file) are written out in full.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyContextConfig, FastifyRequest, FastifySchema } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { MeetingParams, refusals } from '../../../shared/schemas/common.ts';
import { requireUser } from '../auth/authPlugin.ts';
import type { User } from '../users/userStore.ts';

type TypeboxApp = Parameters<FastifyPluginAsyncTypebox>[0];

/** A meeting's commands may be refused for bad input, no session, the role, no such meeting, or a conflict (archived). */
const MEETING_REFUSALS = refusals(400, 401, 403, 404, 409);

export interface MeetingRouteSpec<B extends TSchema, R extends TSchema> {
  method: 'GET' | 'POST' | 'PUT';
  /** The path after `/api/meetings/:meetingId` ('' for the meeting's own). */
  path: string;
  tags: string[];
  summary: string;
  body?: B;
  /** A command without required fields: a bare POST is fine, a body that is not an object is refused (400). */
  optionalBody?: boolean;
  response: R;
  config?: FastifyContextConfig;
}

export function meetingRoute<B extends TSchema, R extends TSchema>(
  app: TypeboxApp,
  spec: MeetingRouteSpec<B, R>,
  run: (meetingId: string, user: User, body: Static<B>) => Promise<Static<R>>,
): void {
  // Typed at the call (`run`'s body and answer), so the schema is given to Fastify untyped.
  const schema: FastifySchema = {
    tags: spec.tags,
    summary: spec.summary,
    params: MeetingParams,
    ...(spec.body ? { body: spec.body } : {}),
    response: { 200: spec.response, ...MEETING_REFUSALS },
  };
  app.route({
    method: spec.method,
    url: `/api/meetings/:meetingId${spec.path}`,
    schema,
    ...(spec.config ? { config: spec.config } : {}),
    ...(spec.optionalBody
      ? {
          preValidation: async (request: FastifyRequest) => {
            request.body ??= {};
          },
        }
      : {}),
    handler: async (request) => {
      const user = requireUser(request);
      return run((request.params as MeetingParams).meetingId, user, request.body as Static<B>);
    },
  });
}
