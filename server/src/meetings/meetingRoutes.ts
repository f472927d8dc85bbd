/** The consultations a signed-in user can see. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, MeetingParams } from '../../../shared/schemas/common.ts';
import { MeetingSchema } from '../../../shared/schemas/meetings.ts';
import { requireUser } from '../auth/authPlugin.ts';
import type { Store } from '../storage/store.ts';
import type { Meeting } from './meetingStore.ts';
import { requireMeeting } from './requireMeeting.ts';

const toDto = ({ createdAt: _createdAt, ...meeting }: Meeting) => meeting;

export const meetingRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get(
    '/api/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Consultations, newest first',
        response: { 200: Type.Array(MeetingSchema), 401: ErrorResponse },
      },
    },
    async (request) => {
      requireUser(request);
      return (await store.meetings.list()).map(toDto);
    },
  );

  app.get(
    '/api/meetings/:meetingId',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One consultation',
        params: MeetingParams,
        response: { 200: MeetingSchema, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      requireUser(request);
      return toDto(await requireMeeting(store.meetings, request.params.meetingId));
    },
  );
};
