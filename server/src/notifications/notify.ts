/**
 * `notify.emit(tx, event)`: called by a feature's service inside the transaction of the change,
 * it decides who is told (never the person who acted, never someone who could not read the
 * thing), writes their notifications, their email's outbox row and the webhooks' outbox rows
 * through `tx`. Everything commits with the change or not at all; the outbox worker sends later.
 */
import { randomBytes } from 'node:crypto';
import { isParticipant } from '../../../shared/roles.ts';
import {
  DEFAULT_EMAIL_MODES,
  type EmailMode,
  type NotificationKind,
} from '../../../shared/schemas/notifications.ts';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import type { Dialect, SqlExecutor } from '../storage/db.ts';
import type { NotificationParams } from './emailStrings.ts';

export type NotifyEvent =
  /** A comment was posted (a new thread or a reply): mentions, replies, comments on one's proposal. */
  | { type: 'comment'; actorId: string; threadId: string; commentId: string; mentions: string[] }
  | { type: 'poll.opened'; actorId: string; pollId: string }
  /** `results`: the closing count as the poll's own rules let everyone see it (tally by option id). */
  | { type: 'poll.closed'; actorId: string; pollId: string; results?: { resultsVisible?: boolean; tally?: Record<string, number>; ballots: number } }
  | { type: 'action.assigned'; actorId: string; actionId: string; userId: string }
  | { type: 'action.due' | 'action.overdue'; actionId: string; userId: string; dueEnd: string; dueLabel: string | null }
  | { type: 'proposal.status'; actorId: string; proposalId: string; status: string };

/** One kind of notification to a set of people. */
interface Delivery {
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

const state: { dialect: Dialect; coalesceMs: number; origin: string } = { dialect: 'sqlite', coalesceMs: 60_000, origin: '' };

export const newId = (): string => randomBytes(12).toString('base64url');

export const notify = {
  /** Set once by the feature at start: the SQL dialect (row locks) and how long an email waits for company. */
  configure(options: { dialect: Dialect; coalesceMs: number; origin: string }): void {
    state.dialect = options.dialect;
    state.coalesceMs = options.coalesceMs;
    state.origin = options.origin;
  },

  /** Writes the event's notifications and outbox rows through `tx`; returns how many people are told. */
  async emit(tx: SqlExecutor, event: NotifyEvent): Promise<number> {
    const deliveries = await resolve(tx, event);
    let told = 0;
    for (const delivery of deliveries) told += await deliver(tx, delivery);
    return told;
  },
};

async function resolve(tx: SqlExecutor, event: NotifyEvent): Promise<Delivery[]> {
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
  }
}

async function actorName(tx: SqlExecutor, actorId: string | null): Promise<string | undefined> {
  if (!actorId) return undefined;
  return (await tx.get<{ name: string }>('SELECT name FROM users WHERE id = ?', [actorId]))?.name;
}

async function commentDeliveries(tx: SqlExecutor, event: Extract<NotifyEvent, { type: 'comment' }>): Promise<Delivery[]> {
  const thread = await tx.get<{ doc: string; meeting_id: string }>('SELECT doc, meeting_id FROM comment_threads WHERE id = ?', [
    event.threadId,
  ]);
  if (!thread) return [];
  const ref = parseDocumentName(thread.doc);
  let title = '';
  let link = `/meetings/${thread.meeting_id}?thread=${event.threadId}`;
  let proposalAuthors: string[] = [];
  if (ref?.kind === 'proposal') {
    const proposal = await tx.get<{ title: string; submitter_id: string }>('SELECT title, submitter_id FROM proposals WHERE id = ?', [ref.id]);
    title = proposal?.title ?? '';
    link = `/meetings/${thread.meeting_id}/proposals/${ref.id}?thread=${event.threadId}`;
    const authors = await tx.all<{ user_id: string }>('SELECT user_id FROM proposal_authors WHERE proposal_id = ?', [ref.id]);
    proposalAuthors = [...new Set([...(proposal ? [proposal.submitter_id] : []), ...authors.map((row) => row.user_id)])];
  } else {
    title = (await tx.get<{ title: string }>('SELECT title FROM meetings WHERE id = ?', [thread.meeting_id]))?.title ?? '';
  }
  const actor = await actorName(tx, event.actorId);
  const params: NotificationParams = { title, ...(actor ? { actor } : {}) };
  const told = new Set<string>([event.actorId]);
  const take = (ids: string[]) => {
    const fresh = [...new Set(ids)].filter((id) => !told.has(id));
    for (const id of fresh) told.add(id);
    return fresh;
  };
  const base = { actorId: event.actorId, meetingId: thread.meeting_id, link, params };
  const mentioned = take(event.mentions);
  // Everyone who wrote in the thread before, and whose words still stand there.
  const writers = await tx.all<{ author_id: string }>(
    'SELECT DISTINCT author_id FROM comments WHERE thread_id = ? AND id <> ? AND deleted_at IS NULL AND hidden_at IS NULL',
    [event.threadId, event.commentId],
  );
  const repliedTo = take(writers.map((row) => row.author_id));
  const authors = take(proposalAuthors);
  return [
    { ...base, kind: 'mention', userIds: mentioned },
    { ...base, kind: 'reply', userIds: repliedTo },
    { ...base, kind: 'proposal.comment', userIds: authors },
  ];
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
  const poll = await tx.get<PollRow>('SELECT meeting_id, question, audience, working_group_id, opened_at FROM polls WHERE id = ?', [
    event.pollId,
  ]);
  if (!poll) return [];
  let voters: string[];
  if (poll.audience === 'group') {
    if (!poll.working_group_id) return [];
    // The electorate: members who had joined when the poll opened.
    const rows = await tx.all<{ user_id: string; joined_at: number }>(
      'SELECT user_id, joined_at FROM working_group_members WHERE group_id = ?',
      [poll.working_group_id],
    );
    voters = rows.filter((row) => poll.opened_at === null || Number(row.joined_at) <= Number(poll.opened_at)).map((row) => row.user_id);
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
      const labels = await tx.all<{ id: string; label: string }>('SELECT id, label FROM poll_options WHERE poll_id = ? ORDER BY position', [
        event.pollId,
      ]);
      params.results = labels.map((option) => `${option.label} ${tally[option.id] ?? 0}`).join(', ');
    }
  }
  return [{ kind, userIds: voters, actorId: event.actorId, meetingId: poll.meeting_id, link, params, public: true }];
}

async function actionDeliveries(
  tx: SqlExecutor,
  event: Extract<NotifyEvent, { type: 'action.assigned' | 'action.due' | 'action.overdue' }>,
): Promise<Delivery[]> {
  const action = await tx.get<{ meeting_id: string; text: string }>('SELECT meeting_id, text FROM action_items WHERE id = ?', [event.actionId]);
  if (!action) return [];
  const actorId = event.type === 'action.assigned' ? event.actorId : null;
  if (actorId === event.userId) return [];
  const actor = await actorName(tx, actorId);
  const params: NotificationParams = { title: action.text.length > 200 ? `${action.text.slice(0, 199)}…` : action.text };
  if (actor) params.actor = actor;
  if (event.type !== 'action.assigned' && event.dueLabel) params.due = event.dueLabel;
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
  const authors = await tx.all<{ user_id: string }>('SELECT user_id FROM proposal_authors WHERE proposal_id = ?', [event.proposalId]);
  const userIds = [...new Set([proposal.submitter_id, ...authors.map((row) => row.user_id)])].filter((id) => id !== event.actorId);
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

/** The email mode each of `userIds` chose for `kind` (the default when they chose nothing). */
async function emailModes(tx: SqlExecutor, kind: NotificationKind, userIds: string[]): Promise<Map<string, EmailMode>> {
  const modes = new Map<string, EmailMode>();
  for (const id of userIds) modes.set(id, DEFAULT_EMAIL_MODES[kind]);
  if (userIds.length === 0) return modes;
  const rows = await tx.all<{ user_id: string; email: string }>(
    `SELECT user_id, email FROM notification_settings WHERE user_id IN (${userIds.map(() => '?').join(', ')})`,
    userIds,
  );
  for (const row of rows) {
    const chosen = (JSON.parse(row.email) as Record<string, EmailMode>)[kind];
    if (chosen) modes.set(row.user_id, chosen);
  }
  return modes;
}

async function deliver(tx: SqlExecutor, delivery: Delivery): Promise<number> {
  const now = Date.now();
  let ids = delivery.userIds.filter((id) => id !== delivery.actorId);
  if (ids.length > 0) {
    // Only people on the board: a disabled account hears nothing.
    const rows = await tx.all<{ id: string }>(
      `SELECT id FROM users WHERE disabled = 0 AND id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    const active = new Set(rows.map((row) => row.id));
    ids = ids.filter((id) => active.has(id));
  }
  const modes = await emailModes(tx, delivery.kind, ids);
  let told = 0;
  for (const userId of ids) {
    const mode = modes.get(userId) ?? 'off';
    const inserted = await tx.run(
      `INSERT INTO notifications (id, user_id, kind, meeting_id, link, params, actor_id, created_at, email_mode, dedupe_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
      [
        newId(),
        userId,
        delivery.kind,
        delivery.meetingId,
        delivery.link,
        JSON.stringify(delivery.params),
        delivery.actorId,
        now,
        mode,
        delivery.dedupeKey ?? null,
      ],
    );
    if (inserted.changes === 0) continue;
    told += 1;
    if (mode === 'immediate') await ensurePendingEmail(tx, userId, now);
  }
  // A periodic check that found nothing new publishes nothing either.
  if (told > 0 || delivery.public) await publishWebhooks(tx, delivery, now);
  return told;
}

/**
 * Makes sure a not-yet-composed email to `userId` is waiting: the notifications written before
 * the worker composes it all go in that one email (a burst becomes one message).
 */
async function ensurePendingEmail(tx: SqlExecutor, userId: string, now: number): Promise<void> {
  const lock = state.dialect === 'postgres' ? ' FOR UPDATE' : '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await tx.run(
      `INSERT INTO notification_outbox (channel, user_id, message_id, kind, status, due_at, created_at)
       VALUES ('email', ?, ?, 'email', 'pending', ?, ?)
       ON CONFLICT (user_id) WHERE channel = 'email' AND status = 'pending' DO NOTHING`,
      [userId, newId(), now + state.coalesceMs, now],
    );
    if (inserted.changes > 0) return;
    // Someone else's pending email: hold it so that the worker cannot compose it before we commit.
    const held = await tx.get<{ id: number }>(
      `SELECT id FROM notification_outbox WHERE user_id = ? AND channel = 'email' AND status = 'pending'${lock}`,
      [userId],
    );
    if (held) return;
  }
  throw new Error('could not queue the email of a notification');
}

async function publishWebhooks(tx: SqlExecutor, delivery: Delivery, now: number): Promise<void> {
  const endpoints = await tx.all<{ id: string; kinds: string }>('SELECT id, kinds FROM webhook_endpoints WHERE deleted_at IS NULL', []);
  const wanted = endpoints.filter((endpoint) => (JSON.parse(endpoint.kinds) as string[]).includes(delivery.kind));
  if (wanted.length === 0) return;
  // What the outside world may know: the event, where, and the public words; never a comment's
  // body, never a ballot, never who was told.
  const data: Record<string, unknown> = {
    meetingId: delivery.meetingId,
    link: state.origin + delivery.link,
    title: delivery.params.title ?? null,
  };
  if (delivery.params.status) data.status = delivery.params.status;
  if (delivery.params.results) data.results = delivery.params.results;
  if (delivery.params.due) data.due = delivery.params.due;
  for (const endpoint of wanted) {
    const messageId = `msg_${newId()}`;
    const body = JSON.stringify({ type: delivery.kind, timestamp: new Date(now).toISOString(), data });
    await tx.run(
      `INSERT INTO notification_outbox (channel, endpoint_id, message_id, kind, payload, status, due_at, created_at)
       VALUES ('webhook', ?, ?, ?, ?, 'pending', ?, ?)`,
      [endpoint.id, messageId, delivery.kind, body, now, now],
    );
  }
}
