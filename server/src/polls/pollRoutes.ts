/** Routes of polls: create, open, close, vote, results (JSON and CSV), who voted, the roll call. */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, LangQuery, MeetingParams } from '../../../shared/schemas/common.ts';
import {
  BallotBody,
  BallotResponse,
  CreatePollBody,
  NamedBallotSchema,
  PollParams,
  PollResultsSchema,
  PollSchema,
  VoterSchema,
} from '../../../shared/schemas/polls.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import { requestLanguage } from '../i18n/requestLanguage.ts';
import type { PollService } from './pollService.ts';
import { REFUSALS } from './refusals.ts';

export const pollRoutes: FastifyPluginAsyncTypebox<{ service: PollService }> = async (app, { service }) => {
  app.get(
    '/api/meetings/:meetingId/polls',
    {
      schema: {
        tags: ['polls'],
        summary: 'The polls of a meeting, oldest first, with their results as visible',
        params: MeetingParams,
        response: { 200: Type.Array(PollSchema), ...REFUSALS },
      },
    },
    async (request) => service.list(requireUser(request), request.params.meetingId),
  );

  app.post(
    '/api/meetings/:meetingId/polls',
    {
      schema: {
        tags: ['polls'],
        summary: 'Create a poll (a draft); secretariat or chair',
        params: MeetingParams,
        body: CreatePollBody,
        response: { 201: PollSchema, ...REFUSALS },
      },
      config: perPersonPerMinute(30),
    },
    async (request, reply) => {
      const poll = await service.create(requireUser(request), request.params.meetingId, request.body);
      return reply.status(201).send(poll);
    },
  );

  app.get(
    '/api/polls/:id',
    {
      schema: {
        tags: ['polls'],
        summary: 'One poll, with its results as visible',
        params: PollParams,
        response: { 200: PollSchema, ...REFUSALS },
      },
    },
    async (request) => service.get(requireUser(request), request.params.id),
  );

  app.delete(
    '/api/polls/:id',
    {
      schema: {
        tags: ['polls'],
        summary: 'Delete a draft poll; secretariat or chair',
        params: PollParams,
        response: { 204: Type.Null(), ...REFUSALS },
      },
    },
    async (request, reply) => {
      await service.deleteDraft(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/polls/:id/open',
    {
      schema: {
        tags: ['polls'],
        summary: 'Open a poll for voting; secretariat or chair',
        params: PollParams,
        response: { 200: PollSchema, ...REFUSALS },
      },
    },
    async (request) => service.open(requireUser(request), request.params.id),
  );

  app.post(
    '/api/polls/:id/close',
    {
      schema: {
        tags: ['polls'],
        summary: 'Close a poll: later ballots are refused; an election records its winners on the group; secretariat or chair',
        params: PollParams,
        response: { 200: PollSchema, ...REFUSALS },
      },
    },
    async (request) => service.close(requireUser(request), request.params.id),
  );

  app.put(
    '/api/polls/:id/ballot',
    {
      schema: {
        tags: ['polls'],
        summary:
          'Cast or replace one’s ballot while the poll is open (409 when not open, 403 when not eligible, 400 for a bad choice)',
        params: PollParams,
        body: BallotBody,
        response: { 200: BallotResponse, ...REFUSALS },
      },
      // A malformed ballot is refused by the service, so that the refusal is logged like any other.
      attachValidation: true,
      config: { rateLimit: { max: 30, timeWindow: '10 seconds' } },
    },
    async (request) => {
      const user = requireUser(request);
      if (request.validationError) return service.refuseMalformedBallot(user, request.params.id, request.validationError.message);
      return service.castBallot(user, request.params.id, request.body.choices);
    },
  );

  app.get(
    '/api/polls/:id/ballot',
    {
      schema: {
        tags: ['polls'],
        summary: 'Whether I have voted, and (named polls only) my choices',
        params: PollParams,
        response: { 200: BallotResponse, ...REFUSALS },
      },
    },
    async (request) => service.ballotOf(requireUser(request), request.params.id),
  );

  app.get(
    '/api/polls/:id/results',
    {
      schema: {
        tags: ['polls'],
        summary: 'Results: the number of ballots, and the tally (total, per group, rounds, winners) when visible',
        params: PollParams,
        response: { 200: PollResultsSchema, ...REFUSALS },
      },
    },
    async (request) => service.results(requireUser(request), request.params.id),
  );

  app.get(
    '/api/polls/:id/results.csv',
    {
      schema: {
        tags: ['polls'],
        summary: 'Results as CSV: one row per option, with per-group and per-round columns',
        params: PollParams,
        querystring: LangQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { poll, csv } = await service.resultsCsv(requireUser(request), request.params.id, requestLanguage(request));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="poll-${poll.id}-results.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/polls/:id/voters',
    {
      schema: {
        tags: ['polls'],
        summary: 'Who has voted (never how); secretariat or chair',
        params: PollParams,
        response: { 200: Type.Array(VoterSchema), ...REFUSALS },
      },
    },
    async (request) => service.voters(requireUser(request), request.params.id),
  );

  app.get(
    '/api/polls/:id/ballots',
    {
      schema: {
        tags: ['polls'],
        summary: 'The roll call of a named poll: each voter and their choices (refused for a secret poll)',
        params: PollParams,
        response: { 200: Type.Array(NamedBallotSchema), ...REFUSALS },
      },
    },
    async (request) => service.namedBallots(requireUser(request), request.params.id),
  );

  app.get(
    '/p/:id',
    {
      schema: {
        tags: ['polls'],
        summary: 'Short link to a poll (shown with its QR code on the projector): redirects to the meeting’s Polls tab',
        params: PollParams,
      },
    },
    async (request, reply) => reply.redirect(await service.shortLink(request.params.id)),
  );
};
