/** HTTP routes of the running meeting: the current agenda item and the hours of a day. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, MeetingParams } from '../../../../shared/schemas/common.ts';
import {
  AgendaItemSummarySchema,
  CurrentItemBody,
  RunStateSchema,
  ScheduleBody,
} from '../../../../shared/schemas/meetingRecord.ts';
import { Type } from 'typebox';
import { requireUser } from '../../auth/authPlugin.ts';
import type { RunService } from './runService.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const runRoutes: FastifyPluginAsyncTypebox<{ service: RunService }> = async (app, { service }) => {
  app.get(
    '/api/meetings/:meetingId/run',
    {
      schema: {
        tags: ['meeting record'],
        summary: 'The current agenda item (since when) and the end of a meeting day',
        params: MeetingParams,
        response: { 200: RunStateSchema, ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return service.state(request.params.meetingId);
    },
  );

  app.get(
    '/api/meetings/:meetingId/agenda-items',
    {
      schema: {
        tags: ['meeting record'],
        summary: 'The structured items of the agenda as it is stored now, numbered, in order',
        params: MeetingParams,
        response: { 200: Type.Array(AgendaItemSummarySchema), ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return service.items(request.params.meetingId);
    },
  );

  app.put(
    '/api/meetings/:meetingId/current-item',
    {
      schema: {
        tags: ['meeting record'],
        summary: 'Mark the agenda item being discussed (null for none); secretariat or chair only',
        params: MeetingParams,
        body: CurrentItemBody,
        response: { 200: RunStateSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.setCurrentItem(request.params.meetingId, user, request.body.itemId);
    },
  );

  app.put(
    '/api/meetings/:meetingId/schedule',
    {
      schema: {
        tags: ['meeting record'],
        summary: 'Set when a meeting day ends (the day view warns past it); secretariat or chair only',
        params: MeetingParams,
        body: ScheduleBody,
        response: { 200: RunStateSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.setDayEnd(request.params.meetingId, user, request.body.dayEnd);
    },
  );
};
