/** Routes of MAG Working Groups: membership, nominations, elections, co-facilitators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, MeetingParams } from '../../../shared/schemas/common.ts';
import { PollSchema } from '../../../shared/schemas/polls.ts';
import { ElectionBody, NominationBody, NominationParams, WorkingGroupSchema } from '../../../shared/schemas/workingGroups.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
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
      schema: { tags: ['working groups'], summary: 'One working group', params: IdParams, response: { 200: WorkingGroupSchema, ...REFUSALS } },
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
        summary: 'Leave the working group (one’s nomination there is withdrawn)',
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
        summary: 'Nominate a member of the group (oneself or another) for co-facilitator',
        params: IdParams,
        body: NominationBody,
        response: { 201: WorkingGroupSchema, ...REFUSALS },
      },
      config: perPersonPerMinute(30),
    },
    async (request, reply) => reply.status(201).send(await service.nominate(requireUser(request), request.params.id, request.body.userId)),
  );

  app.delete(
    '/api/working-groups/:id/nominations/:userId',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Withdraw a nomination (the nominee, who nominated them, or the secretariat or chair)',
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
        summary: 'Create the election of a co-facilitator from the nominees (a draft poll, opened like any poll); secretariat or chair',
        params: IdParams,
        body: ElectionBody,
        response: { 201: PollSchema, ...REFUSALS },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createElection(requireUser(request), request.params.id, request.body)),
  );

  app.put(
    '/api/working-groups/:id/co-facilitators/:userId',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Appoint a co-facilitator without an election (a member of the group); secretariat or chair',
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
};
