/**
 * `Notifier.emit(tx, event)`: called by a feature's service inside the transaction of the change,
 * it decides who is told (never the person who acted, never someone who could not read the
 * thing), writes their notifications, their email's outbox row and the webhooks' outbox rows
 * through `tx`. Everything commits with the change or not at all; the outbox worker sends later.
 * One Notifier per app (app.ts makes it and hands it to the features through FeatureContext):
 * two apps in one process keep their own dialect, coalescing and origin.
 */
import { DEFAULT_EMAIL_MODES, type EmailMode, type NotificationKind } from '../../../shared/schemas/notifications.ts';
import type { Dialect, SqlExecutor } from '../storage/db.ts';
import { randomId } from '../storage/randomIds.ts';
import { type Delivery, type NotifyEvent, resolve } from './recipients.ts';

export type { NotifyEvent } from './recipients.ts';

export const newId = (): string => randomId(12);

export interface NotifierOptions {
  /** The SQL dialect: row locks on PostgreSQL. */
  dialect: Dialect;
  /** How long an immediate email waits for company (a burst becomes one message). */
  coalesceMs: number;
  /** The board's public origin, for the links in webhooks. */
  origin: string;
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

export class Notifier {
  private readonly options: NotifierOptions;

  constructor(options: NotifierOptions) {
    this.options = options;
  }

  /** Writes the event's notifications and outbox rows through `tx`; returns how many people are told. */
  async emit(tx: SqlExecutor, event: NotifyEvent): Promise<number> {
    const { told, emailTo } = await this.emitDeferringEmails(tx, event);
    await this.queueEmails(tx, emailTo);
    return told;
  }

  /**
   * `emit` without its last step: writes the notifications and the webhooks' rows, and returns
   * whom an immediate email must be queued for, so that a transaction holding several events (a
   * batch of comments, comments/commentService.ts) queues each person’s email once, with
   * `queueEmails`, at its end.
   */
  async emitDeferringEmails(tx: SqlExecutor, event: NotifyEvent): Promise<{ told: number; emailTo: string[] }> {
    const deliveries = await resolve(tx, event);
    let told = 0;
    const emailTo: string[] = [];
    for (const delivery of deliveries) told += await this.deliver(tx, delivery, emailTo);
    return { told, emailTo };
  }

  /**
   * Makes sure a not-yet-composed email is waiting for each of `userIds`, taking their rows in
   * sorted order: two transactions (two instances' batches) queueing emails for the same people
   * take the rows in the same order, so neither holds a row the other waits for while waiting for
   * one it holds (no deadlock on PostgreSQL).
   */
  async queueEmails(tx: SqlExecutor, userIds: readonly string[]): Promise<void> {
    const now = Date.now();
    for (const userId of [...new Set(userIds)].sort()) await this.ensurePendingEmail(tx, userId, now);
  }

  /** Writes one delivery's notifications and webhook rows; adds to `emailTo` whom an immediate email is owed. */
  private async deliver(tx: SqlExecutor, delivery: Delivery, emailTo: string[]): Promise<number> {
    const now = Date.now();
    // Sorted, so that concurrent transactions take the rows of an email in the same order (no deadlock).
    let ids = [...new Set(delivery.userIds)].filter((id) => id !== delivery.actorId).sort();
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
      if (mode === 'immediate') emailTo.push(userId);
    }
    // A periodic check that found nothing new publishes nothing either.
    if (told > 0 || delivery.public) await this.publishWebhooks(tx, delivery, now);
    return told;
  }

  /**
   * Makes sure a not-yet-composed email to `userId` is waiting: the notifications written before
   * the worker composes it all go in that one email (a burst becomes one message).
   */
  private async ensurePendingEmail(tx: SqlExecutor, userId: string, now: number): Promise<void> {
    const lock = this.options.dialect === 'postgres' ? ' FOR UPDATE' : '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted = await tx.run(
        `INSERT INTO notification_outbox (channel, user_id, message_id, kind, status, due_at, created_at)
         VALUES ('email', ?, ?, 'email', 'pending', ?, ?)
         ON CONFLICT (user_id) WHERE channel = 'email' AND status = 'pending' DO NOTHING`,
        [userId, newId(), now + this.options.coalesceMs, now],
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

  private async publishWebhooks(tx: SqlExecutor, delivery: Delivery, now: number): Promise<void> {
    const endpoints = await tx.all<{ id: string; kinds: string }>(
      'SELECT id, kinds FROM webhook_endpoints WHERE deleted_at IS NULL',
      [],
    );
    const wanted = endpoints.filter((endpoint) => (JSON.parse(endpoint.kinds) as string[]).includes(delivery.kind));
    if (wanted.length === 0) return;
    // What the outside world may know: the event, where, and the public words; never a comment's
    // body, never a ballot, never who was told.
    const data: Record<string, unknown> = {
      meetingId: delivery.meetingId,
      link: this.options.origin + delivery.link,
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
}
