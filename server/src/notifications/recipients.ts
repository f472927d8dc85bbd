/**
 * Who hears of an event, and what they are told: the rules of each kind (never the person who
 * acted; only people who may read the thing; a poll's electorate as its audience says).
 */
import type { MeetingVisibility } from '../../../shared/constants/meetings.ts';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { isParticipant } from '../../../shared/roles.ts';
import type { NotificationKind } from '../../../shared/schemas/notifications.ts';
import { canReadMeeting } from '../meetings/meetingPolicy.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { NotificationParams } from './emailStrings.ts';

export type NotifyEvent =
  /** A comment was posted (a new thread or a reply): mentions, replies, comments on one's proposal. */
  | {
      type: 'comment';
      actorId: string;
      threadId: string;
      commentId: string;
      mentions: string[];
      edited?: boolean;
      /**
       * What the caller has just written or read in the same transaction (a comment posted):
       * the thread's document and meeting, the actor's name, and whether the thread is new (no
       * one else wrote in it). Read from the database when absent.
       */
      known?: { doc: string; meetingId: string; actorName: string; newThread: boolean };
    }
  | { type: 'poll.opened'; actorId: string; pollId: string }
  /** `results`: the closing count as the poll's own rules let everyone see it (tally by option id). */
  | {
      type: 'poll.closed';
      actorId: string;
      pollId: string;
      results?: { resultsVisible?: boolean; tally?: Record<string, number>; ballots: number };
    }
  | { type: 'action.assigned'; actorId: string; actionId: string; userId: string }
  | { type: 'action.due' | 'action.overdue'; actionId: string; userId: string; dueEnd: string; dueLabel: string | null }
  | { type: 'proposal.status'; actorId: string; proposalId: string; status: string }
  /** Someone nominated a member of a working group for co-facilitator. */
  | { type: 'nomination'; actorId: string; groupId: string; nomineeId: string }
  /** A named version of a meeting's agenda was saved: the agenda as circulated. */
  | { type: 'agenda.published'; actorId: string; meetingId: string; versionId: string; name: string }
  /** The agenda was edited after a named version (agendaChanges.ts: at most one an hour per meeting). */
  | { type: 'agenda.changed'; actorId: string | null; meetingId: string; at: number }
  /** A call for proposals opened, or closes within 3 days (the outbox worker's periodic check). */
  | { type: 'call.opened' | 'call.closing'; callId: string };

/** One kind of notification to a set of people. */
export interface Delivery {
  kind: NotificationKind;
  userIds: string[];
  actorId: string | null;
  meetingId: string | null;
  link: string;
  params: NotificationParams;
  dedupeKey?: string;
  /** Webhooks hear of it even when nobody on the board is told (a poll opening, a status change). */
  public?: boolean;
}

export async function resolve(tx: SqlExecutor, event: NotifyEvent): Promise<Delivery[]> {
  return readersOnly(tx, await deliveriesOf(tx, event));
}

/**
 * Only people who may read the meeting hear of what happens in it (canReadMeeting): a public
 * registrant is told nothing of a MAG meeting, whatever rule of a kind named them.
 */
async function readersOnly(tx: SqlExecutor, deliveries: Delivery[]): Promise<Delivery[]> {
  const limited = new Set(
    (await tx.all<{ id: string }>('SELECT id FROM users WHERE public_only = 1 AND disabled = 0', [])).map((row) => row.id),
  );
  if (limited.size === 0) return deliveries;
  const visibility = new Map<string, MeetingVisibility | undefined>();
  const out: Delivery[] = [];
  for (const delivery of deliveries) {
    const { meetingId } = delivery;
    if (meetingId === null) {
      out.push(delivery);
      continue;
    }
    if (!visibility.has(meetingId)) {
      const row = await tx.get<{ visibility: MeetingVisibility }>('SELECT visibility FROM meetings WHERE id = ?', [meetingId]);
      visibility.set(meetingId, row?.visibility);
    }
    const meeting = { visibility: visibility.get(meetingId) ?? 'mag' };
    const userIds = delivery.userIds.filter((id) => canReadMeeting({ publicOnly: limited.has(id) }, meeting));
    out.push({ ...delivery, userIds });
  }
  return out;
}

async function deliveriesOf(tx: SqlExecutor, event: NotifyEvent): Promise<Delivery[]> {
  switch (event.type) {
    case 'comment':
      return commentDeliveries(tx, event);
    case 'poll.opened':
    case 'poll.closed':
      return pollDeliveries(tx, event);
    case 'action.assigned':
    case 'action.due':
    case 'action.overdue':
      return actionDeliveries(tx, event);
    case 'proposal.status':
      return proposalStatusDeliveries(tx, event);
    case 'nomination':
      return nominationDeliveries(tx, event);
    case 'agenda.published':
      return agendaDeliveries(tx, event);
    case 'agenda.changed':
      return agendaChangedDeliveries(tx, event);
    case 'call.opened':
    case 'call.closing':
      return callDeliveries(tx, event);
  }
}

async function actorName(tx: SqlExecutor, actorId: string | null): Promise<string | undefined> {
  if (!actorId) return undefined;
  return (await tx.get<{ name: string }>('SELECT name FROM users WHERE id = ?', [actorId]))?.name;
}

async function commentDeliveries(tx: SqlExecutor, event: Extract<NotifyEvent, { type: 'comment' }>): Promise<Delivery[]> {
  const { known } = event;
  const thread = known
    ? { doc: known.doc, meeting_id: known.meetingId }
    : await tx.get<{ doc: string; meeting_id: string }>('SELECT doc, meeting_id FROM comment_threads WHERE id = ?', [
        event.threadId,
      ]);
  if (!thread) return [];
  const ref = parseDocumentName(thread.doc);
  let title = '';
  let link = `/meetings/${thread.meeting_id}?thread=${event.threadId}`;
  let proposalAuthors: string[] = [];
  if (ref?.kind === 'proposal') {
    const proposal = await tx.get<{ title: string; submitter_id: string }>(
      'SELECT title, submitter_id FROM proposals WHERE id = ?',
      [ref.id],
    );
    title = proposal?.title ?? '';
    link = `/meetings/${thread.meeting_id}/proposals/${ref.id}?thread=${event.threadId}`;
    const authors = await tx.all<{ user_id: string }>('SELECT user_id FROM proposal_authors WHERE proposal_id = ?', [ref.id]);
    proposalAuthors = [...new Set([...(proposal ? [proposal.submitter_id] : []), ...authors.map((row) => row.user_id)])];
  } else {
    title = (await tx.get<{ title: string }>('SELECT title FROM meetings WHERE id = ?', [thread.meeting_id]))?.title ?? '';
  }
  const actor = known ? known.actorName : await actorName(tx, event.actorId);
  const params: NotificationParams = { title, ...(actor ? { actor } : {}) };
  const told = new Set<string>([event.actorId]);
  const take = (ids: string[]) => {
    const fresh = [...new Set(ids)].filter((id) => !told.has(id));
    for (const id of fresh) told.add(id);
    return fresh;
  };
  const base = { actorId: event.actorId, meetingId: thread.meeting_id, link, params };
  const mentioned = take(event.mentions);
  // Once per comment and person: an edit tells only the people it newly mentions.
  const mentions: Delivery = { ...base, kind: 'mention', userIds: mentioned, dedupeKey: `mention:${event.commentId}` };
  if (event.edited) return [mentions];
  // Everyone who wrote in the thread before, and whose words still stand there (nobody in a new thread).
  const writers = known?.newThread
    ? []
    : await tx.all<{ author_id: string }>(
        'SELECT DISTINCT author_id FROM comments WHERE thread_id = ? AND id <> ? AND deleted_at IS NULL AND hidden_at IS NULL',
        [event.threadId, event.commentId],
      );
  const repliedTo = take(writers.map((row) => row.author_id));
  const authors = take(proposalAuthors);
  return [mentions, { ...base, kind: 'reply', userIds: repliedTo }, { ...base, kind: 'proposal.comment', userIds: authors }];
}

interface PollRow {
  meeting_id: string;
  question: string;
  audience: string;
  working_group_id: string | null;
  opened_at: number | null;
}

async function pollDeliveries(
  tx: SqlExecutor,
  event: Extract<NotifyEvent, { type: 'poll.opened' | 'poll.closed' }>,
): Promise<Delivery[]> {
  const poll = await tx.get<PollRow>(
    'SELECT meeting_id, question, audience, working_group_id, opened_at FROM polls WHERE id = ?',
    [event.pollId],
  );
  if (!poll) return [];
  let voters: string[];
  if (poll.audience === 'group') {
    if (!poll.working_group_id) return [];
    // The electorate: members who had joined when the poll opened.
    const rows = await tx.all<{ user_id: string; joined_at: number }>(
      'SELECT user_id, joined_at FROM working_group_members WHERE group_id = ?',
      [poll.working_group_id],
    );
    voters = rows
      .filter((row) => poll.opened_at === null || Number(row.joined_at) <= Number(poll.opened_at))
      .map((row) => row.user_id);
  } else {
    const rows = await tx.all<{ id: string; role: string }>('SELECT id, role FROM users WHERE disabled = 0', []);
    voters = rows.filter((row) => poll.audience === 'everyone' || isParticipant(row.role as 'member')).map((row) => row.id);
  }
  voters = voters.filter((id) => id !== event.actorId);
  const link = `/meetings/${poll.meeting_id}?tab=polls&poll=${event.pollId}`;
  const params: NotificationParams = { title: poll.question };
  let kind: NotificationKind = 'poll.opened';
  if (event.type === 'poll.opened' && poll.working_group_id) kind = 'election.opened';
  if (event.type === 'poll.closed') {
    kind = 'poll.closed';
    // Only counts, and only when the poll's rules show them to everyone: never who voted what.
    const tally = event.results?.resultsVisible === false ? undefined : event.results?.tally;
    if (tally) {
      const labels = await tx.all<{ id: string; label: string }>(
        'SELECT id, label FROM poll_options WHERE poll_id = ? ORDER BY position',
        [event.pollId],
      );
      params.results = labels.map((option) => `${option.label} ${tally[option.id] ?? 0}`).join(', ');
    }
  }
  return [{ kind, userIds: voters, actorId: event.actorId, meetingId: poll.meeting_id, link, params, public: true }];
}

async function actionDeliveries(
  tx: SqlExecutor,
  event: Extract<NotifyEvent, { type: 'action.assigned' | 'action.due' | 'action.overdue' }>,
): Promise<Delivery[]> {
  const action = await tx.get<{ meeting_id: string; text: string }>('SELECT meeting_id, text FROM action_items WHERE id = ?', [
    event.actionId,
  ]);
  if (!action) return [];
  const actorId = event.type === 'action.assigned' ? event.actorId : null;
  if (actorId === event.userId) return [];
  const actor = await actorName(tx, actorId);
  const params: NotificationParams = { title: action.text.length > 200 ? `${action.text.slice(0, 199)}…` : action.text };
  if (actor) params.actor = actor;
  if (event.type !== 'action.assigned') {
    // The day, said in each reader's language; the meeting's own words go to webhooks.
    params.dueOn = event.dueEnd;
    if (event.dueLabel) params.due = event.dueLabel;
  }
  return [
    {
      kind: event.type,
      userIds: [event.userId],
      actorId,
      meetingId: action.meeting_id,
      link: `/meetings/${action.meeting_id}?tab=actions&action=${event.actionId}`,
      params,
      ...(event.type === 'action.assigned' ? {} : { dedupeKey: `${event.type}:${event.actionId}:${event.dueEnd}` }),
    },
  ];
}

async function proposalStatusDeliveries(
  tx: SqlExecutor,
  event: Extract<NotifyEvent, { type: 'proposal.status' }>,
): Promise<Delivery[]> {
  const proposal = await tx.get<{ meeting_id: string; title: string; submitter_id: string }>(
    'SELECT meeting_id, title, submitter_id FROM proposals WHERE id = ?',
    [event.proposalId],
  );
  if (!proposal) return [];
  const authors = await tx.all<{ user_id: string }>('SELECT user_id FROM proposal_authors WHERE proposal_id = ?', [
    event.proposalId,
  ]);
  const userIds = [...new Set([proposal.submitter_id, ...authors.map((row) => row.user_id)])].filter(
    (id) => id !== event.actorId,
  );
  return [
    {
      kind: 'proposal.status',
      userIds,
      actorId: event.actorId,
      meetingId: proposal.meeting_id,
      link: `/meetings/${proposal.meeting_id}/proposals/${event.proposalId}`,
      params: { title: proposal.title, status: event.status },
      public: true,
    },
  ];
}

async function nominationDeliveries(tx: SqlExecutor, event: Extract<NotifyEvent, { type: 'nomination' }>): Promise<Delivery[]> {
  const group = await tx.get<{ meeting_id: string; name: string }>('SELECT meeting_id, name FROM working_groups WHERE id = ?', [
    event.groupId,
  ]);
  if (!group) return [];
  const actor = await actorName(tx, event.actorId);
  return [
    {
      kind: 'nomination',
      userIds: [event.nomineeId],
      actorId: event.actorId,
      meetingId: group.meeting_id,
      link: `/meetings/${group.meeting_id}?tab=groups&group=${event.groupId}`,
      params: { title: group.name, ...(actor ? { actor } : {}) },
      dedupeKey: `nomination:${event.groupId}:${event.nomineeId}`,
    },
  ];
}

/** Everyone on the board reads the agenda (observers too), so everyone hears it is published. */
async function activeUsers(tx: SqlExecutor, participantsOnly: boolean): Promise<string[]> {
  const rows = await tx.all<{ id: string; role: string }>('SELECT id, role FROM users WHERE disabled = 0', []);
  return rows.filter((row) => !participantsOnly || isParticipant(row.role as 'member')).map((row) => row.id);
}

async function agendaDeliveries(tx: SqlExecutor, event: Extract<NotifyEvent, { type: 'agenda.published' }>): Promise<Delivery[]> {
  const meeting = await tx.get<{ title: string }>('SELECT title FROM meetings WHERE id = ?', [event.meetingId]);
  if (!meeting) return [];
  return [
    {
      kind: 'agenda.published',
      userIds: await activeUsers(tx, false),
      actorId: event.actorId,
      meetingId: event.meetingId,
      link: `/meetings/${event.meetingId}`,
      params: { title: meeting.title, version: event.name },
      dedupeKey: `agenda.published:${event.versionId}`,
      public: true,
    },
  ];
}

async function agendaChangedDeliveries(
  tx: SqlExecutor,
  event: Extract<NotifyEvent, { type: 'agenda.changed' }>,
): Promise<Delivery[]> {
  const meeting = await tx.get<{ title: string }>('SELECT title FROM meetings WHERE id = ?', [event.meetingId]);
  if (!meeting) return [];
  return [
    {
      kind: 'agenda.changed',
      userIds: await activeUsers(tx, false),
      actorId: event.actorId,
      meetingId: event.meetingId,
      link: `/meetings/${event.meetingId}`,
      params: { title: meeting.title },
      dedupeKey: `agenda.changed:${event.meetingId}:${event.at}`,
    },
  ];
}

/** Calls are answered by those who may submit proposals: participants, not observers. */
async function callDeliveries(
  tx: SqlExecutor,
  event: Extract<NotifyEvent, { type: 'call.opened' | 'call.closing' }>,
): Promise<Delivery[]> {
  const call = await tx.get<{ meeting_id: string; kind: string; opens_at: number; closes_at: number; title: string }>(
    `SELECT c.meeting_id, c.kind, c.opens_at, c.closes_at, m.title FROM meeting_calls c JOIN meetings m ON m.id = c.meeting_id
     WHERE c.id = ?`,
    [event.callId],
  );
  if (!call) return [];
  const closesAt = Number(call.closes_at);
  return [
    {
      kind: event.type,
      userIds: await activeUsers(tx, true),
      actorId: null,
      meetingId: call.meeting_id,
      link: `/meetings/${call.meeting_id}?tab=proposals`,
      params: { title: call.title, callKind: call.kind, closesAt },
      // A call moved to close later is told again; the same dates never twice.
      dedupeKey: `${event.type}:${event.callId}:${event.type === 'call.opened' ? Number(call.opens_at) : closesAt}`,
      public: true,
    },
  ];
}
