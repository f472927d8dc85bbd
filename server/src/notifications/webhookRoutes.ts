/** HTTP routes of the secretariat's webhook endpoints and their delivery log. */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import {
  CreatedWebhookSchema,
  NewWebhookSchema,
  WebhookDeliverySchema,
  WebhookSchema,
} from '../../../shared/schemas/notifications.ts';
import { SECRETARIAT_ONLY } from '../apiTokens/tokenScopes.ts';
import { requireUser } from '../auth/authPlugin.ts';
import type { NotificationService } from './notificationService.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const WebhookParams = Type.Object({ id: Type.String({ pattern: '^wh_[A-Za-z0-9_-]{1,40}$' }) });

export const webhookRoutes: FastifyPluginAsyncTypebox<{ service: NotificationService }> = async (app, { service }) => {
  app.post(
    '/api/webhooks',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['webhooks'],
        summary: 'Register an HTTPS endpoint for chosen kinds of event (secretariat); the signing secret is shown only here',
        body: NewWebhookSchema,
        response: { 201: CreatedWebhookSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createWebhook(requireUser(request), request.body)),
  );

  app.get(
    '/api/webhooks',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['webhooks'],
        summary: 'The webhook endpoints (secretariat)',
        response: { 200: Type.Array(WebhookSchema), ...errors },
      },
    },
    async (request) => service.webhooks(requireUser(request)),
  );

  app.delete(
    '/api/webhooks/:id',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['webhooks'],
        summary: 'Delete an endpoint; its undelivered messages are dropped (secretariat)',
        params: WebhookParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteWebhook(requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['webhooks'],
        summary: 'The endpoint’s recent delivery attempts, newest first, with failures (secretariat)',
        params: WebhookParams,
        response: { 200: Type.Array(WebhookDeliverySchema), ...errors },
      },
    },
    async (request) => service.deliveries(requireUser(request), request.params.id),
  );
};
