/** Meetings: the consultations everyone signed in sees, and their administration by the secretariat. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, MeetingParams } from '../../../shared/schemas/common.ts';
import { MeetingPatchBody, MeetingSchema, NewMeetingBody } from '../../../shared/schemas/meetings.ts';
import { SECRETARIAT_ONLY } from '../apiTokens/tokenScopes.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { badRequest } from '../http/appError.ts';
import type { MeetingService } from './meetingService.ts';

/** A command without parameters takes no body, or an empty object; anything else is a client's mistake. */
export function requireNoBody(body: unknown): void {
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0)
    throw badRequest('This command takes no body (or an empty JSON object).');
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const meetingRoutes: FastifyPluginAsyncTypebox<{ service: MeetingService }> = async (app, { service }) => {
  app.get(
    '/api/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary:
          'Consultations the person may read (a public registrant: the public ones), newest first, with their visibility, status and counts of open polls and actions',
        response: { 200: Type.Array(MeetingSchema), 401: ErrorResponse },
      },
    },
    async (request) => service.list(requireUser(request)),
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
      return service.get(request.params.meetingId);
    },
  );

  app.post(
    '/api/meetings',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['meetings'],
        summary:
          'Create a meeting with its agenda and live documents; copyFrom copies another meeting’s agenda and working groups; secretariat only',
        body: NewMeetingBody,
        response: { 201: MeetingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const meeting = await service.create(requireUser(request), request.body);
      return reply.status(201).send(meeting);
    },
  );

  app.patch(
    '/api/meetings/:meetingId',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['meetings'],
        summary: 'Change a meeting’s title, dates, time zone, format, place, description or visibility; secretariat only',
        params: MeetingParams,
        body: MeetingPatchBody,
        response: { 200: MeetingSchema, ...errors },
      },
    },
    async (request) => service.update(requireUser(request), request.params.meetingId, request.body),
  );

  app.post(
    '/api/meetings/:meetingId/archive',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['meetings'],
        summary:
          'Archive a meeting: open polls close, its documents turn read-only and every later write is 409; secretariat only',
        params: MeetingParams,
        response: { 200: MeetingSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireNoBody(request.body);
      return service.archive(user, request.params.meetingId);
    },
  );

  app.delete(
    '/api/meetings/:meetingId',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['meetings'],
        summary: 'Delete a meeting that holds nothing but its agenda (409 MEETING_NOT_EMPTY otherwise); secretariat only',
        params: MeetingParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.delete(requireUser(request), request.params.meetingId);
      return reply.status(204).send(null);
    },
  );
};
