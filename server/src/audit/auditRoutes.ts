/** The audit log for the secretariat: read and filtered as JSON, downloaded as CSV. Nobody else may. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { type AuditRefKind, auditRefs } from '../../../shared/auditRefs.ts';
import { isIsoDate } from '../../../shared/dueDates.ts';
import { type AuditEntryDto, AuditEntrySchema, AuditQuery } from '../../../shared/schemas/audit.ts';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { requireRole } from '../auth/authPlugin.ts';
import { badRequest } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';

const DAY_MS = 86_400_000;

/** A bound of the period: a date means its whole day (UTC), an instant itself. */
function bound(value: string | undefined, field: 'from' | 'to'): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (isIsoDate(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return field === 'from' ? start : start + DAY_MS - 1;
  }
  const at = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw badRequest(`${field} is not a date (YYYY-MM-DD) or an ISO 8601 instant.`, { field });
  return at;
}

async function entries(store: Store, query: AuditQuery): Promise<AuditEntryDto[]> {
  const from = bound(query.from, 'from');
  const to = bound(query.to, 'to');
  if (from !== undefined && to !== undefined && to < from) throw badRequest('to is before from.', { field: 'to' });
  const found = await store.audit.search(
    { actorId: query.actor || undefined, action: query.action || undefined, from, to },
    query.limit ?? 1000,
  );
  // Each person and meeting looked up once for the whole page, however many entries name them.
  const people = new Map<string, Promise<string | undefined>>();
  const meetings = new Map<string, Promise<string | undefined>>();
  const nameOf = (kind: AuditRefKind, id: string): Promise<string | undefined> => {
    const cache = kind === 'person' ? people : meetings;
    let found = cache.get(id);
    if (!found) {
      found =
        kind === 'person'
          ? store.users.byId(id).then((user) => user?.name)
          : store.meetings.byId(id).then((meeting) => meeting?.title);
      cache.set(id, found);
    }
    return found;
  };
  const answer: AuditEntryDto[] = [];
  for (const entry of found) {
    const names: Record<string, string> = {};
    for (const { kind, id } of auditRefs(entry.subject, entry.detail)) {
      const name = await nameOf(kind, id);
      if (name !== undefined) names[id] = name;
    }
    answer.push({
      id: entry.id,
      at: new Date(entry.at).toISOString(),
      actorId: entry.actorId,
      actorName: entry.actorId ? ((await nameOf('person', entry.actorId)) ?? null) : null,
      action: entry.action,
      subject: entry.subject,
      detail: entry.detail,
      names,
    });
  }
  return answer;
}

/** A CSV field, quoted when needed; a leading formula character is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(rows: AuditEntryDto[]): string {
  const lines = [['at', 'actorId', 'actorName', 'action', 'subject', 'detail'].join(',')];
  for (const row of rows) {
    lines.push(
      [row.at, row.actorId ?? '', row.actorName ?? '', row.action, row.subject, JSON.stringify(row.detail)]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const auditRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

  app.get(
    '/api/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by actor, action (or prefix ending in ".") and period; secretariat only',
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditEntrySchema), ...errors },
      },
    },
    async (request) => {
      requireRole(request, ['secretariat']);
      return entries(store, request.query);
    },
  );

  app.get(
    '/api/audit-log.csv',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log as CSV (same filters); secretariat only',
        querystring: AuditQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      requireRole(request, ['secretariat']);
      const csv = auditCsv(await entries(store, request.query));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="plenary-audit-log-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/audit-log/actions',
    {
      schema: {
        tags: ['audit'],
        summary: 'The actions the audit log holds, for its filter; secretariat only',
        response: { 200: Type.Array(Type.String()), ...errors },
      },
    },
    async (request) => {
      requireRole(request, ['secretariat']);
      return store.audit.actions();
    },
  );
};
