/** The audit log for the secretariat: read and filtered as JSON, downloaded as CSV. Nobody else may. */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditEntrySchema, AuditQuery } from '../../../shared/schemas/audit.ts';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { SECRETARIAT_ONLY } from '../apiTokens/tokenScopes.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { requestLanguage } from '../i18n/requestLanguage.ts';
import type { AuditService } from './auditService.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<{ service: AuditService }> = async (app, { service }) => {
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

  app.get(
    '/api/audit-log',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by actor, action (or prefix ending in ".") and period; secretariat only',
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditEntrySchema), ...errors },
      },
    },
    (request) => service.entries(requireUser(request), request.query, requestLanguage(request)),
  );

  app.get(
    '/api/audit-log.csv',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['audit'],
        summary: 'The audit log as CSV (same filters); secretariat only',
        querystring: AuditQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const csv = await service.csv(requireUser(request), request.query, requestLanguage(request));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="plenary-audit-log-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/audit-log/actions',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['audit'],
        summary: 'The actions the audit log holds, for its filter; secretariat only',
        response: { 200: Type.Array(Type.String()), ...errors },
      },
    },
    (request) => service.actions(requireUser(request)),
  );
};
