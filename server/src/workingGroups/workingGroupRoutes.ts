/** Routes of MAG Working Groups: membership, nominations, elections, co-facilitators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { ErrorResponse, IdParams, MeetingParams } from '../../../shared/schemas/common.ts';
import { PollSchema } from '../../../shared/schemas/polls.ts';
import {
  ElectionBody,
  NominationBody,
  NominationParams,
  WorkingGroupSchema,
} from '../../../shared/schemas/workingGroups.ts';
import { requireModerator, requireUser } from '../auth/authPlugin.ts';
import { badRequest, forbidden, notFound } from '../http/appError.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import type { PollsLive } from '../polls/pollsLive.ts';
import type { PollStore } from '../polls/pollStore.ts';
import { shuffle } from '../polls/shuffle.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import type { WorkingGroup, WorkingGroupStore } from './workingGroupStore.ts';

export interface WorkingGroupRoutesOptions {
  store: Store;
  groups: WorkingGroupStore;
  polls: PollStore;
  live: PollsLive;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

function requireParticipant(request: FastifyRequest): User {
  const user = requireUser(request);
  if (!isParticipant(user.role)) throw forbidden('Observers follow the working groups but do not join them.');
  return user;
}

export const workingGroupRoutes: FastifyPluginAsyncTypebox<WorkingGroupRoutesOptions> = async (
  app,
  { store, groups, polls, live },
) => {
  const groupOr404 = async (id: string): Promise<WorkingGroup> => {
    const group = await groups.byId(id);
    if (!group) throw notFound('The working group');
    return group;
  };
  const viewOf = async (group: WorkingGroup) => {
    live.group(group.meetingId, group.id);
    return (await groups.view(group.id))!;
  };
  /** Changes a group and answers with its new view, projected live. */
  const changeGroup = async (id: string, change: (group: WorkingGroup) => Promise<unknown>) => {
    const group = await groupOr404(id);
    await change(group);
    return viewOf(group);
  };

  app.get(
    '/api/meetings/:meetingId/working-groups',
    {
      schema: {
        tags: ['working groups'],
        summary: 'The MAG Working Groups of a meeting, with members, co-facilitators and nominations',
        params: MeetingParams,
        response: { 200: Type.Array(WorkingGroupSchema), ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      if (!(await store.meetings.byId(request.params.meetingId))) throw notFound('The meeting');
      return groups.listByMeeting(request.params.meetingId);
    },
  );

  app.get(
    '/api/working-groups/:id',
    {
      schema: { tags: ['working groups'], summary: 'One working group', params: IdParams, response: { 200: WorkingGroupSchema, ...errors } },
    },
    async (request) => {
      requireUser(request);
      const view = await groups.view(request.params.id);
      if (!view) throw notFound('The working group');
      return view;
    },
  );

  app.put(
    '/api/working-groups/:id/members/me',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Join the working group (members, chair, secretariat)',
        params: IdParams,
        response: { 200: WorkingGroupSchema, ...errors },
      },
      config: perPersonPerMinute(30),
    },
    async (request) => {
      const user = requireParticipant(request);
      return changeGroup(request.params.id, (group) => groups.join(group.id, user.id));
    },
  );

  app.delete(
    '/api/working-groups/:id/members/me',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Leave the working group (one’s nomination there is withdrawn)',
        params: IdParams,
        response: { 200: WorkingGroupSchema, ...errors },
      },
      config: perPersonPerMinute(30),
    },
    async (request) => {
      const user = requireParticipant(request);
      return changeGroup(request.params.id, (group) => groups.leave(group.id, user.id));
    },
  );

  app.post(
    '/api/working-groups/:id/nominations',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Nominate a member of the group (oneself or another) for co-facilitator',
        params: IdParams,
        body: NominationBody,
        response: { 201: WorkingGroupSchema, ...errors },
      },
      config: perPersonPerMinute(30),
    },
    async (request, reply) => {
      const user = requireParticipant(request);
      const view = await changeGroup(request.params.id, (group) => groups.nominate(group.id, request.body.userId, user.id));
      return reply.status(201).send(view);
    },
  );

  app.delete(
    '/api/working-groups/:id/nominations/:userId',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Withdraw a nomination (the nominee, who nominated them, or the secretariat or chair)',
        params: NominationParams,
        response: { 200: WorkingGroupSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return changeGroup(request.params.id, async (group) => {
        const nomination = await groups.nomination(group.id, request.params.userId);
        if (!nomination) throw notFound('The nomination');
        if (user.id !== request.params.userId && user.id !== nomination.nominatedBy && !isModerator(user.role)) {
          throw forbidden('Only the nominee, who nominated them, or the secretariat or chair can withdraw a nomination.');
        }
        await groups.withdraw(group.id, request.params.userId, user.id);
      });
    },
  );

  app.post(
    '/api/working-groups/:id/elections',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Create the election of a co-facilitator from the nominees (a draft poll, opened like any poll); secretariat or chair',
        params: IdParams,
        body: ElectionBody,
        response: { 201: PollSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireModerator(request);
      const group = await groupOr404(request.params.id);
      const body = request.body;
      const seats = body.seats ?? 1;
      const nominees = await groups.nominees(group.id);
      if (nominees.length <= seats) {
        throw badRequest(
          `An election needs more nominees than seats (${nominees.length} nominated for ${seats}); with no contest, appoint the nominee instead.`,
        );
      }
      // The order on the ballot is drawn at random: the last tie rule (option order) is then a lot.
      shuffle(nominees);
      const poll = await polls.create(
        {
          meetingId: group.meetingId,
          question: body.question?.trim() || `Co-facilitator of the ${group.name}`,
          kind: body.kind,
          audience: body.audience,
          secret: body.secret ?? true,
          results: body.results ?? 'after-close',
          maxChoices: null,
          seats,
          workingGroupId: group.id,
          options: nominees.map((nominee) => ({ label: nominee.name, userId: nominee.id })),
        },
        user.id,
      );
      live.poll(group.meetingId, poll.id);
      live.group(group.meetingId, group.id);
      return reply.status(201).send(await polls.view(poll));
    },
  );

  app.put(
    '/api/working-groups/:id/co-facilitators/:userId',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Appoint a co-facilitator without an election (a member of the group); secretariat or chair',
        params: NominationParams,
        response: { 200: WorkingGroupSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireModerator(request);
      return changeGroup(request.params.id, (group) => groups.appoint(group.id, request.params.userId, user.id));
    },
  );

  app.delete(
    '/api/working-groups/:id/co-facilitators/:userId',
    {
      schema: {
        tags: ['working groups'],
        summary: 'Remove a co-facilitator; secretariat or chair',
        params: NominationParams,
        response: { 200: WorkingGroupSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireModerator(request);
      return changeGroup(request.params.id, (group) => groups.removeCoFacilitator(group.id, request.params.userId, user.id));
    },
  );
};
