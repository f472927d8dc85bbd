/**
 * SQL of the outbox: claiming due messages (PostgreSQL `FOR UPDATE SKIP LOCKED`, so two
 * instances never take the same row; SQLite has one process and serialised transactions),
 * composing emails inside the claim, and recording each attempt's outcome.
 */

import type { Db, SqlExecutor } from '../storage/db.ts';
import { DIGEST_MAX_ITEMS } from './emailCompose.ts';
import { type StoredNotification, toStoredNotification } from './notificationStore.ts';

/** `account`: an invitation, password reset or registration email, composed when it was queued (accountMail.ts). */
export type OutboxChannel = 'email' | 'digest' | 'webhook' | 'account';

export interface OutboxRow {
  id: number;
  channel: OutboxChannel;
  user_id: string | null;
  endpoint_id: string | null;
  message_id: string;
  kind: string;
  payload: string | null;
  status: string;
  attempts: number;
  created_at: number;
}

/** What a composed email row holds: the recipient's notifications, frozen at composition. */
export interface ComposedEmail {
  userId: string;
  digest: boolean;
  items: StoredNotification[];
  more: number;
}

/** Once an account email is sent or given up, its link has no business in the database. */
const FORGET_ACCOUNT_LINK = "payload = CASE WHEN channel = 'account' THEN NULL ELSE payload END";

export class OutboxStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Claims up to `limit` due rows for `worker` until `leaseMs` from now, composing emails that
   * have not been yet (their notifications are marked emailed in the same transaction). A row
   * whose lease ran out (its instance died mid-send) is due again.
   */
  async claim(worker: string, limit: number, leaseMs: number, now = Date.now()): Promise<OutboxRow[]> {
    return this.db.transaction(async (tx) => {
      const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = await tx.all<OutboxRow>(
        `SELECT id, channel, user_id, endpoint_id, message_id, kind, payload, status, attempts, created_at FROM notification_outbox
         WHERE (status IN ('pending', 'retry') AND due_at <= ?) OR (status = 'sending' AND claimed_until < ?)
         ORDER BY id LIMIT ?${lock}`,
        [now, now, limit],
      );
      for (const row of rows) {
        if ((row.channel === 'email' || row.channel === 'digest') && row.payload === null) {
          row.payload = JSON.stringify(await this.compose(tx, row, now));
        }
        await tx.run(
          `UPDATE notification_outbox SET status = 'sending', payload = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1 WHERE id = ?`,
          [row.payload, worker, now + leaseMs, row.id],
        );
        row.attempts = Number(row.attempts) + 1;
        row.created_at = Number(row.created_at);
      }
      return rows;
    });
  }

  /**
   * On SQLite only: every row still claimed ('sending') belongs to a process that died, since
   * one process owns the database file; it is due again at once instead of after its lease.
   * (On PostgreSQL a claim may belong to a live instance, and the lease decides.)
   */
  async releaseDeadClaims(now = Date.now()): Promise<number> {
    if (this.db.dialect !== 'sqlite') return 0;
    const result = await this.db.run(
      `UPDATE notification_outbox SET status = 'retry', due_at = ?, claimed_by = NULL, claimed_until = NULL WHERE status = 'sending'`,
      [now],
    );
    return result.changes;
  }

  private async compose(tx: SqlExecutor, row: OutboxRow, now: number): Promise<ComposedEmail> {
    const userId = row.user_id!;
    const mode = row.channel === 'digest' ? 'digest' : 'immediate';
    const rows = await tx.all<Parameters<typeof toStoredNotification>[0] & { seq: number }>(
      `SELECT seq, id, kind, created_at, read_at, link, params FROM notifications
       WHERE user_id = ? AND email_mode = ? AND emailed_at IS NULL ORDER BY seq`,
      [userId, mode],
    );
    if (rows.length > 0) {
      const last = rows[rows.length - 1]!.seq;
      await tx.run(
        'UPDATE notifications SET emailed_at = ? WHERE user_id = ? AND email_mode = ? AND emailed_at IS NULL AND seq <= ?',
        [now, userId, mode, last],
      );
    }
    return {
      userId,
      digest: mode === 'digest',
      items: rows.slice(0, DIGEST_MAX_ITEMS).map(toStoredNotification),
      more: Math.max(0, rows.length - DIGEST_MAX_ITEMS),
    };
  }

  /** Sent. An account email's payload (its link is a credential) is emptied. */
  async markSent(id: number, worker: string): Promise<void> {
    await this.db.run(
      `UPDATE notification_outbox SET status = 'sent', sent_at = ?, last_error = NULL, ${FORGET_ACCOUNT_LINK} WHERE id = ? AND claimed_by = ?`,
      [Date.now(), id, worker],
    );
  }

  /** A failed attempt: retried at `retryAt`, or given up (`null`). */
  async markFailed(id: number, worker: string, error: string, retryAt: number | null): Promise<void> {
    await this.db.run(
      `UPDATE notification_outbox SET status = ?, due_at = COALESCE(?, due_at), last_error = ?${retryAt === null ? `, ${FORGET_ACCOUNT_LINK}` : ''}
       WHERE id = ? AND claimed_by = ?`,
      [retryAt === null ? 'failed' : 'retry', retryAt, error.slice(0, 500), id, worker],
    );
  }

  async recordDelivery(
    row: OutboxRow,
    outcome: { ok: boolean; status: number | null; error: string | null; durationMs: number },
  ): Promise<void> {
    await this.db.run(
      `INSERT INTO webhook_deliveries (endpoint_id, outbox_id, message_id, kind, attempt, at, ok, response_status, error, duration_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.endpoint_id,
        row.id,
        row.message_id,
        row.kind,
        row.attempts,
        Date.now(),
        outcome.ok ? 1 : 0,
        outcome.status,
        outcome.error?.slice(0, 500) ?? null,
        Math.round(outcome.durationMs),
      ],
    );
  }

  async endpoint(id: string): Promise<{ url: string; secret: string; deleted: boolean } | undefined> {
    const row = await this.db.get<{ url: string; secret: string; deleted_at: number | null }>(
      'SELECT url, secret, deleted_at FROM webhook_endpoints WHERE id = ?',
      [id],
    );
    return row && { url: row.url, secret: row.secret, deleted: row.deleted_at !== null };
  }

  /** People with notifications waiting for a digest, and when they want it. */
  async digestCandidates(): Promise<{ userId: string; digestTime: string; timeZone: string }[]> {
    const rows = await this.db.all<{ user_id: string; digest_time: string | null; time_zone: string | null }>(
      `SELECT DISTINCT n.user_id, s.digest_time, s.time_zone FROM notifications n
       LEFT JOIN notification_settings s ON s.user_id = n.user_id
       WHERE n.email_mode = 'digest' AND n.emailed_at IS NULL`,
      [],
    );
    return rows.map((row) => ({ userId: row.user_id, digestTime: row.digest_time ?? '08:00', timeZone: row.time_zone ?? 'UTC' }));
  }

  /** Queues the digest of `userId` for the local day `day` (once, however many instances ask). */
  async queueDigest(userId: string, day: string, messageId: string): Promise<boolean> {
    const now = Date.now();
    const inserted = await this.db.run(
      `INSERT INTO notification_outbox (channel, user_id, message_id, kind, status, due_at, created_at, dedupe_key)
       VALUES ('digest', ?, ?, 'digest', 'pending', ?, ?, ?)
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
      [userId, messageId, now, now, `digest:${day}`],
    );
    return inserted.changes > 0;
  }

  /** Actions with an owner on the board, not finished, due by `untilIso` (inclusive). */
  async actionsDueBy(
    untilIso: string,
  ): Promise<{ id: string; owner_user_id: string; due_end: string; due_label: string | null }[]> {
    return this.db.all(
      `SELECT id, owner_user_id, due_end, due_label FROM action_items
       WHERE owner_user_id IS NOT NULL AND due_end IS NOT NULL AND due_end <= ? AND status IN ('open', 'in-progress')`,
      [untilIso],
    );
  }

  /** Immediate notifications left without a waiting email (a race lost to the worker): queue one. */
  async orphans(olderThan: number): Promise<string[]> {
    const rows = await this.db.all<{ user_id: string }>(
      `SELECT DISTINCT n.user_id FROM notifications n WHERE n.email_mode = 'immediate' AND n.emailed_at IS NULL AND n.created_at < ?
       AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.user_id = n.user_id AND o.channel = 'email' AND o.status = 'pending')`,
      [olderThan],
    );
    return rows.map((row) => row.user_id);
  }
}
