/** HTTP route of search. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { SEARCH_LIMITS, SearchQuery, SearchResponse } from '../../../shared/schemas/search.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import { requestLanguage } from '../i18n/requestLanguage.ts';
import type { SearchService } from './searchService.ts';

export const searchRoutes: FastifyPluginAsyncTypebox<{ service: SearchService }> = async (app, { service }) => {
  app.get(
    '/api/search',
    {
      config: perPersonPerMinute(SEARCH_LIMITS.perMinute),
      schema: {
        tags: ['search'],
        summary: 'Find agenda items, proposals, comments, actions, polls, working groups and attachments, grouped by kind',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const results = await service.search(user, request.query.q, request.query.meetingId, requestLanguage(request));
      return { results, words: service.wordsOf(request.query.q) };
    },
  );
};
