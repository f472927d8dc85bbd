/** HTTP routes of action items. */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ACTION_LIMITS,
  ActionHistoryEntrySchema,
  ActionListQuery,
  ActionPatchSchema,
  ActionSchema,
  NewActionSchema,
} from '../../../../shared/schemas/actions.ts';
import { COMMAND_REFUSALS, IdParams, MeetingParams } from '../../../../shared/schemas/common.ts';
import { requireUser } from '../../auth/authPlugin.ts';
import { perPersonPerMinute } from '../../http/rateLimits.ts';
import { requestLanguage } from '../../i18n/requestLanguage.ts';
import type { ActionService } from './actionService.ts';
import { withOverdue } from './actionStore.ts';

const errors = COMMAND_REFUSALS;

export const actionRoutes: FastifyPluginAsyncTypebox<{ service: ActionService }> = async (app, { service }) => {
  app.get(
    '/api/meetings/:meetingId/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Action items of a meeting, in order; `owner=me` for "my actions"',
        params: MeetingParams,
        querystring: ActionListQuery,
        response: { 200: Type.Array(ActionSchema), ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.list(request.params.meetingId, user, request.query);
    },
  );

  app.post(
    '/api/meetings/:meetingId/actions',
    {
      config: perPersonPerMinute(ACTION_LIMITS.perMinute),
      schema: {
        tags: ['actions'],
        summary: 'Create an action item (typed directly, or from an agenda item, a comment or a poll)',
        params: MeetingParams,
        body: NewActionSchema,
        response: { 201: ActionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const action = await service.create(request.params.meetingId, user, request.body, requestLanguage(request));
      return reply.code(201).send(action);
    },
  );

  app.get(
    '/api/actions/:id',
    {
      schema: { tags: ['actions'], summary: 'One action item', params: IdParams, response: { 200: ActionSchema, ...errors } },
    },
    async (request) => {
      requireUser(request);
      return withOverdue(await service.get(request.params.id));
    },
  );

  app.patch(
    '/api/actions/:id',
    {
      config: perPersonPerMinute(ACTION_LIMITS.perMinute),
      schema: {
        tags: ['actions'],
        summary: 'Change an action item: text, owner, due date, status or agenda item',
        params: IdParams,
        body: ActionPatchSchema,
        response: { 200: ActionSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.update(request.params.id, user, request.body, requestLanguage(request));
    },
  );

  app.get(
    '/api/actions/:id/history',
    {
      schema: {
        tags: ['actions'],
        summary: 'Every change of an action item, oldest first',
        params: IdParams,
        response: { 200: Type.Array(ActionHistoryEntrySchema), ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return service.history(request.params.id);
    },
  );
};
