/**
 * One guard for every write to a meeting, as a Fastify hook keyed on the route: it finds the
 * meeting the request writes to (the route's `:meetingId`, or the meeting of the entity the
 * route names, resolved once) and refuses writes to an archived meeting with 409
 * MEETING_ARCHIVED. For a public registrant it checks reads too: a meeting they may not read
 * (canReadMeeting) is 404 on every route under it, read or write, as if it did not exist. It also refuses a proposal submitted outside an open call of its kind (409
 * CALL_CLOSED). Features need no code of their own: a new route under /api/meetings/:meetingId
 * is guarded as it is registered after the meetings feature.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isParticipant } from '../../../shared/roles.ts';
import type { CallKind } from '../../../shared/schemas/meetings.ts';
import type { CallService } from '../calls/callService.ts';
import { AppError } from '../http/appError.ts';
import { requireReadableMeeting } from './meetingPolicy.ts';
import type { MeetingScope, MeetingState, ScopedEntity } from './meetingScope.ts';

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
  scope: MeetingScope;
  calls: CallService;
}

/**
 * The meeting a request is about, whether it is archived and its visibility, or undefined when it
 * is about none (or names nothing that exists).
 */
export async function meetingOfRequest(request: FastifyRequest, scope: MeetingScope): Promise<MeetingState | undefined> {
  const url = request.routeOptions.url ?? '';
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  if (params.meetingId) return scope.stateOfMeeting(params.meetingId);
  if (params.id) {
    const entity = ENTITY_ROUTES.find(([pattern]) => pattern.test(url))?.[1];
    if (entity) return scope.stateOf(entity, params.id);
  }
  // A new thread names its document in the body, the threads of a document in the query.
  if (url === '/api/threads') {
    const doc = (request.body as { doc?: unknown } | undefined)?.doc ?? (request.query as { doc?: unknown } | undefined)?.doc;
    const meetingId = typeof doc === 'string' ? await scope.meetingOfDocument(doc) : undefined;
    return meetingId === undefined ? undefined : scope.stateOfMeeting(meetingId);
  }
  return undefined;
}

export function installMeetingGuard(http: FastifyInstance, { scope, calls }: MeetingGuardOptions): void {
  http.addHook('preHandler', async (request) => {
    const write = WRITES.has(request.method);
    // Reads are checked for a public registrant only: everyone else reads every meeting.
    if (!write && !request.user?.publicOnly) return;
    const found = await meetingOfRequest(request, scope);
    if (!found) return;
    const { meetingId } = found;
    // Before anything else, so that a refusal says nothing of the meeting (not even that it is archived).
    if (request.user) requireReadableMeeting(request.user, found);
    if (!write) return;
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
