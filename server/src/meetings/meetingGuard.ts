/**
 * One guard for every write to a meeting, as a Fastify hook keyed on the route: it finds the
 * meeting the request writes to (the route's `:meetingId`, or the meeting of the entity the
 * route names, resolved once) and refuses writes to an archived meeting with 409
 * MEETING_ARCHIVED. It also refuses a proposal submitted outside an open call of its kind (409
 * CALL_CLOSED). Features need no code of their own: a new route under /api/meetings/:meetingId
 * is guarded as it is registered after the meetings feature.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isParticipant } from '../../../shared/roles.ts';
import type { CallKind } from '../../../shared/schemas/meetings.ts';
import type { CallService } from '../calls/callService.ts';
import { AppError } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';
import type { MeetingScope, ScopedEntity } from './meetingScope.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes that name an entity by `:id`, and which entity. */
const ENTITY_ROUTES: [RegExp, ScopedEntity][] = [
  [/^\/api\/polls\/:id(\/|$)/, 'poll'],
  [/^\/api\/threads\/:id(\/|$)/, 'thread'],
  [/^\/api\/comments\/:id(\/|$)/, 'comment'],
  [/^\/api\/proposals\/:id(\/|$)/, 'proposal'],
  [/^\/api\/actions\/:id(\/|$)/, 'action'],
  [/^\/api\/working-groups\/:id(\/|$)/, 'workingGroup'],
  [/^\/api\/calls\/:id(\/|$)/, 'call'],
  // A new version and a removal; an upload names its meeting (`/api/meetings/:meetingId/attachments`).
  [/^\/api\/attachments\/:id(\/|$)/, 'attachment'],
  // A vote on a question and its moderation (approve, answered, hide): asking names its meeting.
  [/^\/api\/questions\/:id(\/|$)/, 'question'],
];

const PROPOSAL_SUBMISSION = '/api/meetings/:meetingId/proposals';

export interface MeetingGuardOptions {
  store: Store;
  scope: MeetingScope;
  calls: CallService;
}

/**
 * The meeting a write request is about and whether it is archived, or undefined when it is
 * about none (or names nothing that exists).
 */
export async function meetingOfRequest(
  request: FastifyRequest,
  store: Store,
  scope: MeetingScope,
): Promise<{ meetingId: string; archived: boolean } | undefined> {
  const url = request.routeOptions.url ?? '';
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const ofMeeting = async (meetingId: string | undefined) => {
    if (!meetingId) return undefined;
    const archived = await store.meetings.isArchived(meetingId);
    return archived === undefined ? undefined : { meetingId, archived };
  };
  if (params.meetingId) return ofMeeting(params.meetingId);
  if (params.id) {
    const entity = ENTITY_ROUTES.find(([pattern]) => pattern.test(url))?.[1];
    if (entity) return scope.archivedOf(entity, params.id);
  }
  // A new thread names its document in the body.
  const doc = (request.body as { doc?: unknown } | undefined)?.doc;
  if (url === '/api/threads' && typeof doc === 'string') return ofMeeting(await scope.meetingOfDocument(doc));
  return undefined;
}

export function installMeetingGuard(http: FastifyInstance, { store, scope, calls }: MeetingGuardOptions): void {
  http.addHook('preHandler', async (request) => {
    if (!WRITES.has(request.method)) return;
    const found = await meetingOfRequest(request, store, scope);
    if (!found) return;
    const { meetingId } = found;
    if (found.archived) {
      throw new AppError('MEETING_ARCHIVED', 'This meeting is archived: it is kept as it was and can no longer be changed.', {
        meetingId,
      });
    }
    if (
      request.method === 'POST' &&
      request.routeOptions.url === PROPOSAL_SUBMISSION &&
      request.user &&
      isParticipant(request.user.role)
    ) {
      const kind = (request.body as { kind?: unknown } | undefined)?.kind;
      if (kind === 'PN' || kind === 'BPF' || kind === 'other') await calls.requireOpen(meetingId, kind as CallKind);
    }
  });
}
