/** HTTP routes of audience questions: ask, list, upvote, and moderation (approve, answered, hide). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, MeetingParams, refusals } from '../../../shared/schemas/common.ts';
import {
  AskBody,
  HideBody,
  MetaSchema,
  QuestionModerationSchema,
  QuestionSchema,
  QuestionSettingsBody,
  QuestionsQuery,
  VoteResponse,
} from '../../../shared/schemas/floor.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { meetingRoute } from '../http/meetingRoute.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import type { QuestionService } from './questionService.ts';

const errors = refusals(400, 401, 403, 404, 409);
const tags = ['questions'];

export const questionRoutes: FastifyPluginAsyncTypebox<{ service: QuestionService }> = async (app, { service }) => {
  app.get(
    '/api/meetings/:meetingId/questions',
    {
      schema: {
        tags,
        summary: 'Questions, most votes first: approved ones, one’s own, and all of them for the chair and secretariat',
        params: MeetingParams,
        querystring: QuestionsQuery,
        response: { 200: Type.Array(QuestionSchema), ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.list(request.params.meetingId, user, request.query.itemId);
    },
  );

  app.post(
    '/api/meetings/:meetingId/questions',
    {
      schema: {
        tags,
        summary: 'Ask a question on the current item (or itemId), optionally without one’s name shown to others',
        params: MeetingParams,
        body: AskBody,
        response: { 201: QuestionSchema, ...errors },
      },
      config: perPersonPerMinute(10),
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.status(201).send(await service.ask(request.params.meetingId, user, request.body));
    },
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'PUT',
      path: '/questions/settings',
      summary: 'Whether new questions need approval before they show; chair, secretariat',
      body: QuestionSettingsBody,
      response: MetaSchema,
    },
    (meetingId, user, body) => service.setApproval(meetingId, user, body.requireApproval),
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'GET',
      path: '/questions/moderation-log',
      summary: 'Hidden questions: which, whose, by whom, why and when; chair, secretariat',
      response: Type.Array(QuestionModerationSchema),
    },
    (meetingId, user) => service.moderationLog(meetingId, user),
  );

  for (const method of ['PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/api/questions/:id/vote',
      schema: {
        tags,
        summary: method === 'PUT' ? 'Upvote a question (idempotent: one vote per person)' : 'Take one’s upvote back (idempotent)',
        params: IdParams,
        response: { 200: VoteResponse, ...errors },
      },
      config: { rateLimit: { max: 60, timeWindow: '10 seconds' } },
      handler: async (request) => {
        const user = requireUser(request);
        return service.vote(request.params.id, user, method === 'PUT');
      },
    });
  }

  const moderation = [
    ['approve', 'Approve a question that waits for approval: it shows to everyone'],
    ['answered', 'Mark a question answered'],
  ] as const;
  for (const [action, summary] of moderation) {
    app.post(
      `/api/questions/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${summary}; chair, secretariat`,
          params: IdParams,
          response: { 200: QuestionSchema, ...errors },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return action === 'approve' ? service.approve(request.params.id, user) : service.answered(request.params.id, user);
      },
    );
  }

  app.post(
    '/api/questions/:id/hide',
    {
      schema: {
        tags,
        summary: 'Hide a question with a reason (kept in the moderation log); chair, secretariat',
        params: IdParams,
        body: HideBody,
        response: { 200: QuestionSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.hide(request.params.id, user, request.body.reason);
    },
  );
};
