/** HTTP routes of the floor (speakers' list and turns), attendance and the meeting's quorum. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams, MeetingParams } from '../../../shared/schemas/common.ts';
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
import { perPersonPerMinute } from '../http/rateLimits.ts';
import type { AttendanceService } from './attendanceService.ts';
import type { FloorService } from './floorService.ts';
import type { pollQuorum } from './pollQuorum.ts';

/** A command without fields: a bare POST is fine, a body that is not an object is refused (400). */
const noBody = async (request: { body: unknown }) => {
  request.body ??= {};
};

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['floor'];

export interface FloorRoutesOptions {
  floor: FloorService;
  attendance: AttendanceService;
  quorum: ReturnType<typeof pollQuorum>;
}

export const floorRoutes: FastifyPluginAsyncTypebox<FloorRoutesOptions> = async (app, { floor, attendance, quorum }) => {
  app.get(
    '/api/meetings/:meetingId/floor',
    {
      schema: {
        tags,
        summary:
          'The floor: current item, who speaks (since when, for how long), the list, and the balance per stakeholder group',
        params: MeetingParams,
        response: { 200: FloorStateSchema, ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return floor.state(request.params.meetingId);
    },
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

  app.post(
    '/api/meetings/:meetingId/floor/next',
    {
      schema: {
        tags,
        summary:
          'Give the floor to the next in line, or to {handId} (an override of the balance rule is audited); chair, secretariat',
        params: MeetingParams,
        body: NextBody,
        response: { 200: FloorStateSchema, ...errors },
      },
      // The body is optional: a bare POST gives the floor to the next in line.
      preValidation: noBody,
    },
    async (request) => {
      const user = requireUser(request);
      return floor.next(request.params.meetingId, user, request.body?.handId);
    },
  );

  app.post(
    '/api/meetings/:meetingId/floor/end-turn',
    {
      schema: {
        tags,
        summary: 'End the running turn; chair, secretariat',
        params: MeetingParams,
        body: Type.Object({}),
        response: { 200: FloorStateSchema, ...errors },
      },
      preValidation: noBody,
    },
    async (request) => {
      const user = requireUser(request);
      return floor.endTurn(request.params.meetingId, user);
    },
  );

  app.put(
    '/api/meetings/:meetingId/floor/queue',
    {
      schema: {
        tags,
        summary:
          'Reorder the list of the current item: {ids} exactly as it stands, in the new order (409 when it changed); chair, secretariat',
        params: MeetingParams,
        body: QueueOrderBody,
        response: { 200: FloorStateSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return floor.reorder(request.params.meetingId, user, request.body.ids);
    },
  );

  app.put(
    '/api/meetings/:meetingId/floor/settings',
    {
      schema: {
        tags,
        summary:
          'Speaking time and balance rule of an item (the current one by default; itemId "" for the meeting default); chair, secretariat',
        params: MeetingParams,
        body: FloorSettingsBody,
        response: { 200: FloorStateSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return floor.setSettings(request.params.meetingId, user, request.body);
    },
  );

  app.get(
    '/api/meetings/:meetingId/floor/people',
    {
      schema: {
        tags,
        summary: 'The people the chair may add to the list or check in (active users); chair, secretariat',
        params: MeetingParams,
        response: {
          200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String(), group: Type.String() })),
          ...errors,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return floor.people(request.params.meetingId, user);
    },
  );

  app.get(
    '/api/meetings/:meetingId/attendance',
    {
      schema: {
        tags,
        summary:
          'Attendance per day and quorum today; the list of people for the chair and secretariat, one’s own check-ins otherwise',
        params: MeetingParams,
        response: { 200: AttendanceSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return attendance.view(request.params.meetingId, user);
    },
  );

  app.post(
    '/api/meetings/:meetingId/attendance',
    {
      schema: {
        tags,
        summary: 'Check in for a day, in the room or online: oneself, or {userId} (secretariat)',
        params: MeetingParams,
        body: AttendanceBody,
        response: { 200: AttendanceSchema, ...errors },
      },
      config: perPersonPerMinute(120),
    },
    async (request) => {
      const user = requireUser(request);
      return attendance.checkIn(request.params.meetingId, user, request.body);
    },
  );

  app.get(
    '/api/meetings/:meetingId/quorum',
    {
      schema: {
        tags,
        summary: 'The quorum setting and whether it is met today',
        params: MeetingParams,
        response: { 200: QuorumStateSchema, ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      const { presentIds: _ids, ...state } = await attendance.quorum(request.params.meetingId);
      return state;
    },
  );

  app.put(
    '/api/meetings/:meetingId/quorum',
    {
      schema: {
        tags,
        summary: 'Set the quorum: {count} MAG members, a {share} of them (0–1], or null for none; secretariat, chair',
        params: MeetingParams,
        body: QuorumBody,
        response: { 200: QuorumStateSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return attendance.setQuorum(request.params.meetingId, user, request.body.quorum);
    },
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
