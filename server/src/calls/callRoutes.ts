/** Calls for proposals of a meeting: listed for everyone signed in, opened and extended by the secretariat. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams, MeetingParams } from '../../../shared/schemas/common.ts';
import { CallPatchBody, CallSchema, NewCallBody } from '../../../shared/schemas/meetings.ts';
import { SECRETARIAT_ONLY } from '../apiTokens/tokenScopes.ts';
import { requireUser } from '../auth/authPlugin.ts';
import type { CallService } from './callService.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const callRoutes: FastifyPluginAsyncTypebox<{ service: CallService }> = async (app, { service }) => {
  app.get(
    '/api/meetings/:meetingId/calls',
    {
      schema: {
        tags: ['calls'],
        summary: 'Calls for proposals of a meeting, with whether each is open now',
        params: MeetingParams,
        response: { 200: Type.Array(CallSchema), 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      requireUser(request);
      return service.list(request.params.meetingId);
    },
  );

  app.post(
    '/api/meetings/:meetingId/calls',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['calls'],
        summary:
          'Open a call for proposals of a kind; once a meeting has a call of a kind, proposals of that kind are accepted only while one is open (409 CALL_CLOSED); secretariat only',
        params: MeetingParams,
        body: NewCallBody,
        response: { 201: CallSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.create(requireUser(request), request.params.meetingId, request.body)),
  );

  app.patch(
    '/api/calls/:id',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['calls'],
        summary: 'Move a call’s opening or closing (extend it, or close it early); secretariat only',
        params: IdParams,
        body: CallPatchBody,
        response: { 200: CallSchema, ...errors },
      },
    },
    async (request) => service.update(requireUser(request), request.params.id, request.body),
  );
};
