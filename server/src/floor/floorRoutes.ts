/** HTTP routes of the floor (speakers' list and turns), attendance and the meeting's quorum. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, MeetingParams, refusals } from '../../../shared/schemas/common.ts';
import {
  AttendanceBody,
  AttendanceSchema,
  FloorSettingsBody,
  FloorStateSchema,
  HandParams,
  HandSchema,
  NextBody,
  QueueOrderBody,
  QuorumBody,
  QuorumStateSchema,
  RaiseHandBody,
} from '../../../shared/schemas/floor.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { meetingRoute } from '../http/meetingRoute.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import type { AttendanceService } from './attendanceService.ts';
import type { FloorService } from './floorService.ts';
import type { pollQuorum } from './pollQuorum.ts';

const errors = refusals(400, 401, 403, 404, 409);
const tags = ['floor'];

export interface FloorRoutesOptions {
  floor: FloorService;
  attendance: AttendanceService;
  quorum: ReturnType<typeof pollQuorum>;
}

export const floorRoutes: FastifyPluginAsyncTypebox<FloorRoutesOptions> = async (app, { floor, attendance, quorum }) => {
  const floorState = { tags, response: FloorStateSchema };

  meetingRoute(
    app,
    {
      ...floorState,
      method: 'GET',
      path: '/floor',
      summary: 'The floor: current item, who speaks (since when, for how long), the list, and the balance per stakeholder group',
    },
    (meetingId) => floor.state(meetingId),
  );

  app.post(
    '/api/meetings/:meetingId/floor/hands',
    {
      schema: {
        tags,
        summary: 'Raise one’s hand on the current item (participants), or add {userId} in the room (chair, secretariat)',
        params: MeetingParams,
        body: RaiseHandBody,
        response: { 201: HandSchema, ...errors },
      },
      config: perPersonPerMinute(30),
    },
    async (request, reply) => {
      const user = requireUser(request);
      const hand = await floor.raiseHand(request.params.meetingId, user, request.body);
      const { id, userId, name, group, pointOfOrder, remote, raisedAt } = hand;
      return reply.status(201).send({ id, userId, name, group, pointOfOrder, remote, raisedAt });
    },
  );

  app.delete(
    '/api/meetings/:meetingId/floor/hands/:id',
    {
      schema: {
        tags,
        summary: 'Lower a hand: one’s own, or anyone’s (chair, secretariat)',
        params: HandParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await floor.lowerHand(request.params.meetingId, user, request.params.id);
      return reply.status(204).send(null);
    },
  );

  meetingRoute(
    app,
    {
      ...floorState,
      method: 'POST',
      path: '/floor/next',
      summary:
        'Give the floor to the next in line, or to {handId} (an override of the balance rule is audited); chair, secretariat',
      body: NextBody,
      // A bare POST gives the floor to the next in line.
      optionalBody: true,
    },
    (meetingId, user, body) => floor.next(meetingId, user, body?.handId),
  );

  meetingRoute(
    app,
    {
      ...floorState,
      method: 'POST',
      path: '/floor/end-turn',
      summary: 'End the running turn; chair, secretariat',
      body: Type.Object({}),
      optionalBody: true,
    },
    (meetingId, user) => floor.endTurn(meetingId, user),
  );

  meetingRoute(
    app,
    {
      ...floorState,
      method: 'PUT',
      path: '/floor/queue',
      summary:
        'Reorder the list of the current item: {ids} exactly as it stands, in the new order (409 when it changed); chair, secretariat',
      body: QueueOrderBody,
    },
    (meetingId, user, body) => floor.reorder(meetingId, user, body.ids),
  );

  meetingRoute(
    app,
    {
      ...floorState,
      method: 'PUT',
      path: '/floor/settings',
      summary:
        'Speaking time and balance rule of an item (the current one by default; itemId "" for the meeting default); chair, secretariat',
      body: FloorSettingsBody,
    },
    (meetingId, user, body) => floor.setSettings(meetingId, user, body),
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'GET',
      path: '/floor/people',
      summary:
        'The people the chair may add to the list or check in: those who may take part in the meeting (confirmed, enabled, able to read it); chair, secretariat',
      response: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String(), group: Type.String() })),
    },
    (meetingId, user) => floor.people(meetingId, user),
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'GET',
      path: '/attendance',
      summary:
        'Attendance per day and quorum today; the list of people for the chair and secretariat, one’s own check-ins otherwise',
      response: AttendanceSchema,
    },
    (meetingId, user) => attendance.view(meetingId, user),
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'POST',
      path: '/attendance',
      summary: 'Check in for a day, in the room or online: oneself, or {userId} (secretariat)',
      body: AttendanceBody,
      response: AttendanceSchema,
      config: perPersonPerMinute(120),
    },
    (meetingId, user, body) => attendance.checkIn(meetingId, user, body),
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'GET',
      path: '/quorum',
      summary: 'The quorum setting and whether it is met today',
      response: QuorumStateSchema,
    },
    async (meetingId) => {
      const { presentIds: _ids, ...state } = await attendance.quorum(meetingId);
      return state;
    },
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'PUT',
      path: '/quorum',
      summary: 'Set the quorum: {count} MAG members, a {share} of them (0–1], or null for none; secretariat, chair',
      body: QuorumBody,
      response: QuorumStateSchema,
    },
    (meetingId, user, body) => attendance.setQuorum(meetingId, user, body.quorum),
  );

  app.get(
    '/api/polls/:id/quorum',
    {
      schema: {
        tags,
        summary: 'Whether a poll requires quorum, and the attendance recorded when it closed',
        params: IdParams,
        response: {
          200: Type.Object({ requiresQuorum: Type.Boolean(), closedAttendance: Type.Union([Type.Unknown(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (request) => {
      requireUser(request);
      return quorum.status(request.params.id);
    },
  );
};
