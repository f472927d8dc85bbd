/** Routes of polls: create, open, close, vote, results (JSON and CSV), who voted, the roll call. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, MeetingParams } from '../../../shared/schemas/common.ts';
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
import { requireModerator, requireUser } from '../auth/authPlugin.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import type { Store } from '../storage/store.ts';
import type { WorkingGroupStore } from '../workingGroups/workingGroupStore.ts';
import { resultsCsv } from './resultsCsv.ts';
import type { PollsLive } from './pollsLive.ts';
import { type Poll, type PollStore, resultsVisible } from './pollStore.ts';

export interface PollRoutesOptions {
  store: Store;
  polls: PollStore;
  groups: WorkingGroupStore;
  live: PollsLive;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const pollRoutes: FastifyPluginAsyncTypebox<PollRoutesOptions> = async (app, { store, polls, groups, live }) => {
  const pollOr404 = async (id: string): Promise<Poll> => {
    const poll = await polls.byId(id);
    if (!poll) throw notFound('The poll');
    return poll;
  };

  app.get(
    '/api/meetings/:meetingId/polls',
    {
      schema: {
        tags: ['polls'],
        summary: 'The polls of a meeting, oldest first, with their results as visible',
        params: MeetingParams,
        response: { 200: Type.Array(PollSchema), ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      if (!(await store.meetings.byId(request.params.meetingId))) throw notFound('The meeting');
      return Promise.all((await polls.listByMeeting(request.params.meetingId)).map((poll) => polls.view(poll)));
    },
  );

  app.post(
    '/api/meetings/:meetingId/polls',
    {
      schema: {
        tags: ['polls'],
        summary: 'Create a poll (a draft); secretariat or chair',
        params: MeetingParams,
        body: CreatePollBody,
        response: { 201: PollSchema, ...errors },
      },
      config: perPersonPerMinute(30),
    },
    async (request, reply) => {
      const user = requireModerator(request);
      const { meetingId } = request.params;
      if (!(await store.meetings.byId(meetingId))) throw notFound('The meeting');
      const body = request.body;
      const labels = body.options.map((option) => option.label.trim());
      if (labels.some((label) => label.length === 0)) throw badRequest('Every option needs a label.');
      if (new Set(labels.map((label) => label.toLocaleLowerCase())).size !== labels.length) {
        throw badRequest('Two options have the same label.');
      }
      const question = body.question.trim();
      if (!question) throw badRequest('The question is empty.');
      if (body.maxChoices !== undefined && body.kind !== 'multiple') throw badRequest('maxChoices applies to multiple-choice polls only.');
      if (body.maxChoices !== undefined && body.maxChoices > labels.length) throw badRequest('maxChoices is more than the number of options.');
      const seats = body.seats ?? 1;
      if (seats >= labels.length) throw badRequest('There must be more options than seats to fill.');
      if (body.audience === 'group' && !body.workingGroupId) throw badRequest('A poll for a working group’s members needs workingGroupId.');
      if (body.workingGroupId) {
        const group = await groups.byId(body.workingGroupId);
        if (!group || group.meetingId !== meetingId) throw badRequest('The working group is not part of this meeting.');
      }
      for (const option of body.options) {
        if (option.userId && !(await store.users.byId(option.userId))) throw badRequest('A candidate is not a user of the board.');
      }
      const poll = await polls.create(
        {
          meetingId,
          question,
          kind: body.kind,
          audience: body.audience,
          secret: body.secret ?? false,
          results: body.results ?? 'live',
          maxChoices: body.kind === 'multiple' ? (body.maxChoices ?? labels.length) : null,
          seats,
          workingGroupId: body.workingGroupId ?? null,
          requiresQuorum: body.requiresQuorum ?? false,
          options: body.options.map((option, index) => ({ label: labels[index]!, userId: option.userId ?? null })),
        },
        user.id,
      );
      live.poll(meetingId, poll.id);
      if (poll.workingGroupId) live.group(meetingId, poll.workingGroupId);
      return reply.status(201).send(await polls.view(poll));
    },
  );

  app.get(
    '/api/polls/:id',
    {
      schema: {
        tags: ['polls'],
        summary: 'One poll, with its results as visible',
        params: PollParams,
        response: { 200: PollSchema, ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return polls.view(await pollOr404(request.params.id));
    },
  );

  app.delete(
    '/api/polls/:id',
    {
      schema: {
        tags: ['polls'],
        summary: 'Delete a draft poll; secretariat or chair',
        params: PollParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireModerator(request);
      const poll = await polls.deleteDraft(request.params.id, user.id);
      live.poll(poll.meetingId, poll.id);
      if (poll.workingGroupId) live.group(poll.meetingId, poll.workingGroupId);
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
        response: { 200: PollSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireModerator(request);
      const poll = await polls.open(request.params.id, user.id);
      live.poll(poll.meetingId, poll.id);
      return polls.view(poll);
    },
  );

  app.post(
    '/api/polls/:id/close',
    {
      schema: {
        tags: ['polls'],
        summary: 'Close a poll: later ballots are refused; an election records its winners on the group; secretariat or chair',
        params: PollParams,
        response: { 200: PollSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireModerator(request);
      const { poll } = await polls.close(request.params.id, user.id);
      live.poll(poll.meetingId, poll.id);
      if (poll.workingGroupId) live.group(poll.meetingId, poll.workingGroupId);
      return polls.view(poll);
    },
  );

  app.put(
    '/api/polls/:id/ballot',
    {
      schema: {
        tags: ['polls'],
        summary: 'Cast or replace one’s ballot while the poll is open (409 when not open, 403 when not eligible, 400 for a bad choice)',
        params: PollParams,
        body: BallotBody,
        response: { 200: BallotResponse, ...errors },
      },
      // A malformed ballot is refused by the handler, so that the refusal is logged like any other.
      attachValidation: true,
      config: { rateLimit: { max: 30, timeWindow: '10 seconds' } },
    },
    async (request) => {
      const user = requireUser(request);
      const pollId = request.params.id;
      if (request.validationError) {
        const message = `Invalid ballot: ${request.validationError.message}`;
        if (typeof pollId === 'string' && pollId.length <= 64) {
          await polls.recordRefusal(pollId, user.id, { code: 'BAD_REQUEST', status: 400, message });
        }
        throw badRequest(message);
      }
      const { poll, replaced } = await polls.castBallot(pollId, user, request.body.choices);
      live.poll(poll.meetingId, poll.id);
      return { voted: true, replaced, ...(poll.secret ? {} : { choices: request.body.choices }) };
    },
  );

  app.get(
    '/api/polls/:id/ballot',
    {
      schema: {
        tags: ['polls'],
        summary: 'Whether I have voted, and (named polls only) my choices',
        params: PollParams,
        response: { 200: BallotResponse, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return polls.ballotOf(await pollOr404(request.params.id), user.id);
    },
  );

  app.get(
    '/api/polls/:id/results',
    {
      schema: {
        tags: ['polls'],
        summary: 'Results: the number of ballots, and the tally (total, per group, rounds, winners) when visible',
        params: PollParams,
        response: { 200: PollResultsSchema, ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return polls.results(await pollOr404(request.params.id));
    },
  );

  app.get(
    '/api/polls/:id/results.csv',
    {
      schema: {
        tags: ['polls'],
        summary: 'Results as CSV: one row per option, with per-group and per-round columns',
        params: PollParams,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      requireUser(request);
      const poll = await pollOr404(request.params.id);
      if (!resultsVisible(poll)) throw new AppError('CONFLICT', 'The results of this poll are shown when it closes.');
      const csv = resultsCsv(poll, await polls.results(poll));
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
        response: { 200: Type.Array(VoterSchema), ...errors },
      },
    },
    async (request) => {
      requireModerator(request);
      const poll = await pollOr404(request.params.id);
      return polls.voters(poll.id);
    },
  );

  app.get(
    '/api/polls/:id/ballots',
    {
      schema: {
        tags: ['polls'],
        summary: 'The roll call of a named poll: each voter and their choices (refused for a secret poll)',
        params: PollParams,
        response: { 200: Type.Array(NamedBallotSchema), ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      const poll = await pollOr404(request.params.id);
      if (poll.secret) throw forbidden('This poll is secret: nobody can see how a person voted.');
      if (!resultsVisible(poll)) throw new AppError('CONFLICT', 'The results of this poll are shown when it closes.');
      return polls.namedBallots(poll.id);
    },
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
    async (request, reply) => {
      const poll = await polls.byId(request.params.id);
      if (!poll) return reply.redirect('/');
      return reply.redirect(`/meetings/${encodeURIComponent(poll.meetingId)}?tab=polls&poll=${encodeURIComponent(poll.id)}`);
    },
  );
};
