/** HTTP commands and queries of comment threads (see docs/api.md) and the moderation log. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  COMMENT_LIMITS,
  CommentSchema,
  DeleteCommentBody,
  ModerationEntrySchema,
  NewCommentBody,
  NewThreadBody,
  ThreadSchema,
  ThreadsQuery,
} from '../../../shared/schemas/comments.ts';
import { COMMAND_REFUSALS, ErrorResponse, IdParams, MeetingParams } from '../../../shared/schemas/common.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import type { CommentService } from './commentService.ts';

const commandRefusals = COMMAND_REFUSALS;

export const commentRoutes: FastifyPluginAsyncTypebox<{ service: CommentService }> = async (app, { service }) => {
  app.get(
    '/api/threads',
    {
      schema: {
        tags: ['comments'],
        summary: 'The comment threads of a document (agenda or proposal), oldest first',
        querystring: ThreadsQuery,
        response: { 200: Type.Array(ThreadSchema), ...commandRefusals },
      },
    },
    async (request) => service.threads(requireUser(request), request.query.doc),
  );

  app.post(
    '/api/threads',
    {
      schema: {
        tags: ['comments'],
        summary: 'Start a thread on a document, optionally anchored to a passage',
        body: NewThreadBody,
        response: { 201: ThreadSchema, ...commandRefusals, 429: ErrorResponse },
      },
      config: perPersonPerMinute(COMMENT_LIMITS.perMinute),
    },
    async (request, reply) => {
      const thread = await service.createThread(requireUser(request), request.body);
      return reply.status(201).send(thread);
    },
  );

  app.post(
    '/api/threads/:id/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Reply in a thread',
        params: IdParams,
        body: NewCommentBody,
        response: { 201: CommentSchema, ...commandRefusals, 429: ErrorResponse },
      },
      config: perPersonPerMinute(COMMENT_LIMITS.perMinute),
    },
    async (request, reply) => {
      const comment = await service.reply(requireUser(request), request.params.id, request.body.body);
      return reply.status(201).send(comment);
    },
  );

  app.patch(
    '/api/comments/:id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Edit one’s own comment',
        params: IdParams,
        body: NewCommentBody,
        response: { 200: CommentSchema, ...commandRefusals, 409: ErrorResponse, 429: ErrorResponse },
      },
      config: perPersonPerMinute(COMMENT_LIMITS.perMinute),
    },
    async (request) => service.edit(requireUser(request), request.params.id, request.body.body),
  );

  app.delete(
    '/api/comments/:id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Delete one’s own comment, or hide another’s with a reason (secretariat, chair)',
        params: IdParams,
        body: DeleteCommentBody,
        response: { 204: Type.Null(), ...commandRefusals, 409: ErrorResponse },
      },
      // The body is optional: an author's delete needs none.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      await service.remove(requireUser(request), request.params.id, request.body.reason);
      return reply.status(204).send(null);
    },
  );

  for (const [action, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    app.post(
      `/api/threads/:id/${action}`,
      {
        schema: {
          tags: ['comments'],
          summary: resolved ? 'Mark a thread resolved' : 'Reopen a resolved thread',
          params: IdParams,
          response: { 200: ThreadSchema, ...commandRefusals },
        },
      },
      async (request) => service.setResolved(requireUser(request), request.params.id, resolved),
    );
  }

  app.get(
    '/api/meetings/:meetingId/moderation-log',
    {
      schema: {
        tags: ['comments'],
        summary: 'Every comment hidden by a moderator in a meeting: whose, by whom, why and when (never the body)',
        params: MeetingParams,
        response: { 200: Type.Array(ModerationEntrySchema), 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      requireUser(request);
      return service.moderationLog(request.params.meetingId);
    },
  );
};
