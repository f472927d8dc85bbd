/**
 * Calls for proposals open and close at set instants, with nobody acting then: the outbox
 * worker's periodic check tells participants when a call has opened and when it closes within
 * 3 days. `call_notices` records each notice (per call, kind and instant) in the transaction that
 * writes its notifications, so each is sent once however many instances check, and a call moved
 * to other dates is told again.
 */
import type { Db, SqlExecutor } from '../storage/db.ts';
import type { Notifier } from './notify.ts';

/** "Closes soon": within this long. */
export const CALL_CLOSING_SOON_MS = 3 * 24 * 3600_000;
/** A call that opened longer ago than this (before an upgrade, or while every instance was down) is not announced late. */
const OPENED_STALE_MS = 3 * 24 * 3600_000;

interface DueNotice {
  id: string;
  kind: 'call.opened' | 'call.closing';
  at: number;
}

export class CallNotices {
  private readonly db: Db;
  private readonly notify: Notifier;

  constructor(db: Db, notify: Notifier) {
    this.db = db;
    this.notify = notify;
  }

  /** Sends what is due at `now`; returns how many notices it recorded. */
  async check(now: number): Promise<number> {
    let sent = 0;
    for (const notice of await this.due(now)) {
      sent += await this.db.transaction(async (tx) => {
        if (!(await this.record(tx, notice, now))) return 0; // another instance did it
        await this.notify.emit(tx, { type: notice.kind, callId: notice.id });
        return 1;
      });
    }
    return sent;
  }

  private async due(now: number): Promise<DueNotice[]> {
    const live = `FROM meeting_calls c JOIN meetings m ON m.id = c.meeting_id WHERE m.archived_at IS NULL AND c.closes_at > ?`;
    const opened = await this.db.all<{ id: string; at: number }>(
      `SELECT c.id, c.opens_at AS at ${live} AND c.opens_at <= ? AND c.opens_at > ?
       AND NOT EXISTS (SELECT 1 FROM call_notices n WHERE n.call_id = c.id AND n.kind = 'call.opened' AND n.at = c.opens_at)`,
      [now, now, now - OPENED_STALE_MS],
    );
    const closing = await this.db.all<{ id: string; at: number }>(
      `SELECT c.id, c.closes_at AS at ${live} AND c.opens_at <= ? AND c.closes_at <= ?
       AND NOT EXISTS (SELECT 1 FROM call_notices n WHERE n.call_id = c.id AND n.kind = 'call.closing' AND n.at = c.closes_at)`,
      [now, now, now + CALL_CLOSING_SOON_MS],
    );
    return [
      ...opened.map((row) => ({ id: row.id, kind: 'call.opened' as const, at: Number(row.at) })),
      ...closing.map((row) => ({ id: row.id, kind: 'call.closing' as const, at: Number(row.at) })),
    ];
  }

  private async record(tx: SqlExecutor, notice: DueNotice, now: number): Promise<boolean> {
    const inserted = await tx.run(
      `INSERT INTO call_notices (call_id, kind, at, sent_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (call_id, kind, at) DO NOTHING`,
      [notice.id, notice.kind, notice.at, now],
    );
    return inserted.changes > 0;
  }
}
