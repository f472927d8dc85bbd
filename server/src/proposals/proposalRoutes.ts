/** HTTP commands and queries of proposals (see docs/api.md), and the member search for mentions and co-authors. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { COMMAND_REFUSALS, ErrorResponse, IdParams, MeetingParams } from '../../../shared/schemas/common.ts';
import {
  MemberSchema,
  MemberSearchQuery,
  NewProposalBody,
  ProposalListQuery,
  ProposalPatchBody,
  ProposalSchema,
} from '../../../shared/schemas/proposals.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import type { Store } from '../storage/store.ts';
import type { ProposalService } from './proposalService.ts';

const commandRefusals = COMMAND_REFUSALS;

/** Lower case without diacritics, so that "sofia" finds "Sofía". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

export const proposalRoutes: FastifyPluginAsyncTypebox<{ service: ProposalService; store: Store }> = async (
  app,
  { service, store },
) => {
  app.get(
    '/api/meetings/:meetingId/proposals',
    {
      schema: {
        tags: ['proposals'],
        summary: 'A meeting’s proposals, oldest first, filtered by kind, status, submitter’s group or words',
        params: MeetingParams,
        querystring: ProposalListQuery,
        response: { 200: Type.Array(ProposalSchema), ...commandRefusals },
      },
    },
    async (request) => {
      requireUser(request);
      return service.list(request.params.meetingId, request.query);
    },
  );

  app.post(
    '/api/meetings/:meetingId/proposals',
    {
      schema: {
        tags: ['proposals'],
        summary: 'Submit a proposal (secretariat, chair, members)',
        params: MeetingParams,
        body: NewProposalBody,
        response: { 201: ProposalSchema, ...commandRefusals, 429: ErrorResponse },
      },
      config: perPersonPerMinute(10),
    },
    async (request, reply) => {
      const proposal = await service.create(requireUser(request), request.params.meetingId, request.body);
      return reply.status(201).send(proposal);
    },
  );

  app.get(
    '/api/proposals/:id',
    {
      schema: {
        tags: ['proposals'],
        summary: 'One proposal with its authors and status history',
        params: IdParams,
        response: { 200: ProposalSchema, ...commandRefusals },
      },
    },
    async (request) => {
      requireUser(request);
      return service.get(request.params.id);
    },
  );

  app.patch(
    '/api/proposals/:id',
    {
      schema: {
        tags: ['proposals'],
        summary:
          'Change a proposal: status (secretariat, chair), title, summary, kind, public comment (its authors too), co-authors (its submitter too)',
        params: IdParams,
        body: ProposalPatchBody,
        response: { 200: ProposalSchema, ...commandRefusals, 429: ErrorResponse },
      },
      config: perPersonPerMinute(60),
    },
    async (request) => service.update(requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/api/members',
    {
      schema: {
        tags: ['proposals'],
        summary: 'People whose name (or a word of it) starts with q, for mentions and co-authors',
        querystring: MemberSearchQuery,
        response: { 200: Type.Array(MemberSchema), 401: ErrorResponse },
      },
    },
    async (request) => {
      requireUser(request);
      const query = fold(request.query.q.trim());
      const limit = request.query.limit ?? 8;
      // Whose name starts with what was typed, then whose later word does: Enter takes the first,
      // and "@Me" meant Mei Lin, not Carlos Mendes. The sort is stable, so the store's order holds within each.
      const rank = (user: { name: string }) => {
        const name = fold(user.name);
        if (!query || name.startsWith(query)) return 0;
        return name.split(/\s+/).some((word) => word.startsWith(query)) ? 1 : 2;
      };
      const matches = (await store.users.list())
        .filter((user) => !user.disabled && rank(user) < 2)
        .sort((a, b) => rank(a) - rank(b));
      return matches.slice(0, limit).map((user) => ({ id: user.id, name: user.name, group: user.group, role: user.role }));
    },
  );
};
