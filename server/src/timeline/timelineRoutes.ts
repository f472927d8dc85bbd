/** The cycle timeline for everyone signed in, and each person's secret, revocable iCalendar feed of it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { CalendarTokenSchema, TimelineQuery, TimelineSchema } from '../../../shared/schemas/timeline.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { notFound } from '../http/appError.ts';
import { requireNoBody } from '../meetings/meetingRoutes.ts';
import type { Store } from '../storage/store.ts';
import { renderTimelineIcal } from './timelineIcal.ts';
import type { TimelineService } from './timelineService.ts';
import type { TimelineStore } from './timelineStore.ts';

export interface TimelineRoutesOptions {
  store: Store;
  service: TimelineService;
  timeline: TimelineStore;
}

export const timelineRoutes: FastifyPluginAsyncTypebox<TimelineRoutesOptions> = async (app, { store, service, timeline }) => {
  app.get(
    '/api/timeline',
    {
      schema: {
        tags: ['timeline'],
        summary:
          'Every meeting, call deadline, poll and action due date of the cycle, by date; filter by working group or "mine"',
        querystring: TimelineQuery,
        response: { 200: TimelineSchema, 401: ErrorResponse },
      },
    },
    async (request) => service.forUser(requireUser(request), request.query),
  );

  app.post(
    '/api/me/calendar-token',
    {
      schema: {
        tags: ['timeline'],
        summary: 'A fresh secret address of my timeline as iCalendar; the address issued before stops working',
        response: { 200: CalendarTokenSchema, 401: ErrorResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireNoBody(request.body);
      const { token, createdAt } = await timeline.issueCalendarToken(user.id);
      await store.audit.record({ actorId: user.id, action: 'calendar.token', subject: `user:${user.id}` });
      return { url: `${request.protocol}://${request.host}/api/calendar/${token}.ics`, createdAt };
    },
  );

  app.delete(
    '/api/me/calendar-token',
    {
      schema: {
        tags: ['timeline'],
        summary: 'Revoke my calendar address without issuing another',
        response: { 204: Type.Null(), 401: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      // No address to revoke (revoked already, another tab): the same answer, nothing recorded.
      if (await timeline.revokeCalendarToken(user.id))
        await store.audit.record({ actorId: user.id, action: 'calendar.revoke', subject: `user:${user.id}` });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/calendar/:file',
    {
      // Reached without signing in (a link from an email or a calendar, or the sign-in itself).
      config: { public: true },
      schema: {
        tags: ['timeline'],
        summary:
          'A person’s timeline as iCalendar, at the secret address from POST /api/me/calendar-token (no cookie); 404 once revoked',
        params: Type.Object({ file: Type.String({ maxLength: 80, pattern: '^[A-Za-z0-9_-]+\\.ics$' }) }),
        querystring: TimelineQuery,
        produces: ['text/calendar'],
        response: { 200: Type.String(), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const token = request.params.file.slice(0, -'.ics'.length);
      const userId = await timeline.userOfCalendarToken(token);
      const user = userId ? await store.users.byId(userId) : undefined;
      if (!user || user.disabled) throw notFound('That calendar');
      const { items } = await service.forUser(user, request.query);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(
          // In the person's own language (a calendar application sends no useful Accept-Language).
          renderTimelineIcal(items, {
            name: `Plenary: ${user.name}`,
            language: user.language ?? 'en',
            origin: `${request.protocol}://${request.host}`,
          }),
        );
    },
  );
};
