/** HTTP routes of the inbox and of each person's notification settings. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import {
  MarkReadResultSchema,
  MarkReadSchema,
  NotificationListQuery,
  NotificationListSchema,
  NotificationSettingsPatchSchema,
  NotificationSettingsSchema,
} from '../../../shared/schemas/notifications.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { requestLanguage } from '../i18n/requestLanguage.ts';
import type { NotificationService } from './notificationService.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

export const notificationRoutes: FastifyPluginAsyncTypebox<{ service: NotificationService }> = async (app, { service }) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, and how many are unread',
        querystring: NotificationListQuery,
        response: { 200: NotificationListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      // Per person and changing: never cached by anyone in between.
      void reply.header('cache-control', 'private, no-store');
      // In the language the page asks for (`?lang=`), else the person's, else the browser's.
      return service.list(user, request.query, requestLanguage(request));
    },
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark my notifications read: those of `ids`, or all of them when `ids` is absent',
        body: MarkReadSchema,
        response: { 200: MarkReadResultSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { unread: await service.markRead(user, request.body.ids) };
    },
  );

  app.get(
    '/api/me/notification-settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My email settings: per kind immediate, digest or off; the digest’s time of day and time zone',
        response: { 200: NotificationSettingsSchema, ...errors },
      },
    },
    async (request) => service.settings(requireUser(request)),
  );

  app.put(
    '/api/me/notification-settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Change my email settings (the fields given; kinds not named keep their mode)',
        body: NotificationSettingsPatchSchema,
        response: { 200: NotificationSettingsSchema, ...errors },
      },
    },
    async (request) => service.updateSettings(requireUser(request), request.body),
  );
};
