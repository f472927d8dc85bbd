/** HTTP routes of the running meeting: the current agenda item and the hours of a day. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AgendaItemSummarySchema,
  CurrentItemBody,
  RunStateSchema,
  ScheduleBody,
} from '../../../../shared/schemas/meetingRecord.ts';
import { meetingRoute } from '../../http/meetingRoute.ts';
import type { RunService } from './runService.ts';

const tags = ['meeting record'];

export const runRoutes: FastifyPluginAsyncTypebox<{ service: RunService }> = async (app, { service }) => {
  meetingRoute(
    app,
    {
      tags,
      method: 'GET',
      path: '/run',
      summary: 'The current agenda item (since when) and the end of a meeting day',
      response: RunStateSchema,
    },
    (meetingId) => service.state(meetingId),
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'GET',
      path: '/agenda-items',
      summary: 'The structured items of the agenda as it is stored now, numbered, in order',
      response: Type.Array(AgendaItemSummarySchema),
    },
    (meetingId) => service.items(meetingId),
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'PUT',
      path: '/current-item',
      summary:
        'Mark the agenda item being discussed (null for none); secretariat or chair only. With `from`, refused (409 CURRENT_ITEM_CHANGED) unless that item is still the current one',
      body: CurrentItemBody,
      response: RunStateSchema,
    },
    (meetingId, user, body) => service.setCurrentItem(meetingId, user, body.itemId, body.from),
  );

  meetingRoute(
    app,
    {
      tags,
      method: 'PUT',
      path: '/schedule',
      summary: 'Set when a meeting day ends (the day view warns past it); secretariat or chair only',
      body: ScheduleBody,
      response: RunStateSchema,
    },
    (meetingId, user, body) => service.setDayEnd(meetingId, user, body.dayEnd),
  );
};
