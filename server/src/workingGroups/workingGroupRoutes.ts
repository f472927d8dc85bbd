/** Routes of MAG Working Groups: administration (secretariat), membership, nominations, elections, named roles. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, MeetingParams } from '../../../shared/schemas/common.ts';
import { PollSchema } from '../../../shared/schemas/polls.ts';
import {
  CreateWorkingGroupBody,
  ElectionBody,
  NominationBody,
  NominationParams,
  RoleBody,
  RoleQuery,
  UpdateWorkingGroupBody,
  WorkingGroupSchema,
} from '../../../shared/schemas/workingGroups.ts';
import { SECRETARIAT_ONLY } from '../apiTokens/tokenScopes.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import { requestLanguage } from '../i18n/requestLanguage.ts';
import { REFUSALS } from '../polls/refusals.ts';
import type { WorkingGroupService } from './workingGroupService.ts';

export const workingGroupRoutes: FastifyPluginAsyncTypebox<{ service: WorkingGroupService }> = async (app, { service }) => {
  app.get(
    '/api/meetings/:meetingId/working-groups',
    {
      schema: {
        tags: ['working groups'],
        summary: 'The MAG Working Groups of a meeting, with members, co-facilitators and nominations',
        params: MeetingParams,
        response: { 200: Type.Array(WorkingGroupSchema), ...REFUSALS },
      },
    },
    async (request) => service.list(requireUser(request), request.params.meetingId),
  );

  app.get(
    '/api/working-groups/:id',
    {
      schema: {
        tags: ['working groups'],
        summary: 'One working group',
        params: IdParams,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
    },
    async (request) => service.get(requireUser(request), request.params.id),
  );

  app.put(
    '/api/working-groups/:id/members/me',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Join the working group (members, chair, secretariat)',
        params: IdParams,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
      config: perPersonPerMinute(30),
    },
    async (request) => service.join(requireUser(request), request.params.id),
  );

  app.delete(
    '/api/working-groups/:id/members/me',
    {
      schema: {
        tags: ['working groups'],
        summary:
          'Leave the working group (one’s nomination there is withdrawn; 409 ELECTION_OPEN for a candidate of an open election of the group)',
        params: IdParams,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
      config: perPersonPerMinute(30),
    },
    async (request) => service.leave(requireUser(request), request.params.id),
  );

  app.post(
    '/api/working-groups/:id/nominations',
    {
      schema: {
        tags: ['working groups'],
        summary:
          'Nominate a member of the group (oneself or another) for co-facilitator (409 ELECTION_OPEN while an election of the group is open)',
        params: IdParams,
        body: NominationBody,
        response: { 201: WorkingGroupSchema, ...REFUSALS },
      },
      config: perPersonPerMinute(30),
    },
    async (request, reply) =>
      reply.status(201).send(await service.nominate(requireUser(request), request.params.id, request.body.userId)),
  );

  app.delete(
    '/api/working-groups/:id/nominations/:userId',
    {
      schema: {
        tags: ['working groups'],
        summary:
          'Withdraw a nomination (the nominee, who nominated them, or the secretariat or chair; 409 ELECTION_OPEN while an election of the group is open)',
        params: NominationParams,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
    },
    async (request) => service.withdraw(requireUser(request), request.params.id, request.params.userId),
  );

  app.post(
    '/api/working-groups/:id/elections',
    {
      schema: {
        tags: ['working groups'],
        summary:
          'Create the election of a co-facilitator from the nominees (a draft poll, opened like any poll: its ballot is the nominations as they stand then); secretariat or chair',
        params: IdParams,
        body: ElectionBody,
        response: { 201: PollSchema, ...REFUSALS },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createElection(requireUser(request), request.params.id, request.body, requestLanguage(request))),
  );

  app.put(
    '/api/working-groups/:id/co-facilitators/:userId',
    {
      schema: {
        tags: ['working groups'],
        summary:
          'Appoint a co-facilitator without an election (a member of the group); secretariat or chair (409 ELECTION_OPEN while an election of the group is open)',
        params: NominationParams,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
    },
    async (request) => service.appoint(requireUser(request), request.params.id, request.params.userId),
  );

  app.delete(
    '/api/working-groups/:id/co-facilitators/:userId',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Remove a co-facilitator; secretariat or chair',
        params: NominationParams,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
    },
    async (request) => service.removeCoFacilitator(requireUser(request), request.params.id, request.params.userId),
  );

  app.post(
    '/api/meetings/:meetingId/working-groups',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Create a working group, or a sub-group of one (parentId); secretariat',
        params: MeetingParams,
        body: CreateWorkingGroupBody,
        response: { 201: WorkingGroupSchema, ...REFUSALS },
      },
      config: { ...perPersonPerMinute(30), ...SECRETARIAT_ONLY },
    },
    async (request, reply) =>
      reply.status(201).send(await service.create(requireUser(request), request.params.meetingId, request.body)),
  );

  app.patch(
    '/api/working-groups/:id',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Rename or describe a working group; secretariat (409 WORKING_GROUP_ARCHIVED once archived)',
        params: IdParams,
        body: UpdateWorkingGroupBody,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
      config: { ...perPersonPerMinute(30), ...SECRETARIAT_ONLY },
    },
    async (request) => service.update(requireUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/working-groups/:id/archive',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['working groups'],
        summary: 'Archive a working group and its sub-groups: kept for the record, listed apart, nobody joins; secretariat',
        params: IdParams,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
    },
    async (request) => service.archive(requireUser(request), request.params.id),
  );

  app.put(
    '/api/working-groups/:id/roles/:userId',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['working groups'],
        summary:
          'Give a member of the group a named role: co-facilitator, or liaison with a title (e.g. DC-MAG liaison), added to the titles they hold; secretariat',
        params: NominationParams,
        body: RoleBody,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
    },
    async (request) => service.assignRole(requireUser(request), request.params.id, request.params.userId, request.body),
  );

  app.delete(
    '/api/working-groups/:id/roles/:userId',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['working groups'],
        summary:
          'Remove a person’s named role in the group (the one given by ?role=, one liaison title by ?title=, or every role they hold); secretariat',
        params: NominationParams,
        querystring: RoleQuery,
        response: { 200: WorkingGroupSchema, ...REFUSALS },
      },
    },
    async (request) => service.removeRole(requireUser(request), request.params.id, request.params.userId, request.query),
  );
};
