/** HTTP routes of the agenda's version history. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { COMMAND_REFUSALS, MeetingParams } from '../../../../shared/schemas/common.ts';
import {
  DiffQuery,
  DiffSchema,
  NewVersionBody,
  RestoreResultSchema,
  VersionParams,
  VersionSchema,
} from '../../../../shared/schemas/meetingRecord.ts';
import { requireUser } from '../../auth/authPlugin.ts';
import { perPersonPerMinute } from '../../http/rateLimits.ts';
import { requestLanguage } from '../../i18n/requestLanguage.ts';
import type { VersionService } from './versionService.ts';

const errors = COMMAND_REFUSALS;

export const versionRoutes: FastifyPluginAsyncTypebox<{ service: VersionService }> = async (app, { service }) => {
  app.get(
    '/api/meetings/:meetingId/versions',
    {
      schema: {
        tags: ['versions'],
        summary: 'Versions of the agenda, newest first: named, automatic and restores',
        params: MeetingParams,
        response: { 200: Type.Array(VersionSchema), ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return service.list(request.params.meetingId);
    },
  );

  app.post(
    '/api/meetings/:meetingId/versions',
    {
      config: perPersonPerMinute(30),
      schema: {
        tags: ['versions'],
        summary: 'Save the agenda as it is now as a named version (secretariat, chair, members)',
        params: MeetingParams,
        body: NewVersionBody,
        response: { 201: VersionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.code(201).send(await service.name(request.params.meetingId, user, request.body.name));
    },
  );

  app.get(
    '/api/meetings/:meetingId/versions/diff',
    {
      config: perPersonPerMinute(60),
      schema: {
        tags: ['versions'],
        summary: 'What changed between two versions (or a version and now): insertions and deletions, with who made them',
        params: MeetingParams,
        querystring: DiffQuery,
        response: { 200: DiffSchema, ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return service.diff(request.params.meetingId, request.query.from, request.query.to, requestLanguage(request));
    },
  );

  app.post(
    '/api/meetings/:meetingId/versions/:versionId/restore',
    {
      config: perPersonPerMinute(10),
      schema: {
        tags: ['versions'],
        summary: 'Restore a version as a new edit that everyone sees live (secretariat or chair)',
        params: VersionParams,
        response: { 200: RestoreResultSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.restore(request.params.meetingId, request.params.versionId, user);
    },
  );
};
