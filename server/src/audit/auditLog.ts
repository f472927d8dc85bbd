/**
 * The append-only audit log: who did what to which subject, stamped by the server.
 * Write it in the same transaction as the change it records.
 */
import type { AuditAction } from '../../../shared/auditActions.ts';
import type { ListedDetail } from '../../../shared/auditDetails.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export interface AuditEntry {
  id: number;
  at: number;
  actorId: string | null;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  at: number;
  actor_id: string | null;
  action: string;
  subject: string;
  detail: string;
}

export class AuditLog {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * `D` is the detail's own type, inferred at each call: a key it has at any depth that is not
   * listed in shared/auditDetails.ts (so not labelled for the secretariat) fails the typecheck.
   */
  async record<D extends object = never>(
    entry: { actorId: string | null; action: AuditAction; subject: string; detail?: D & ListedDetail<D> },
    tx: SqlExecutor = this.db,
  ): Promise<void> {
    await tx.run('INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)', [
      Date.now(),
      entry.actorId,
      entry.action,
      entry.subject,
      JSON.stringify(entry.detail ?? {}),
    ]);
  }

  /** Entries about one subject (or all with a prefix such as `poll:`), oldest first. */
  async list(filter: { subject?: string; action?: string } = {}, limit = 1000): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.subject) {
      where.push('subject = ?');
      params.push(filter.subject);
    }
    if (filter.action) {
      where.push('action = ?');
      params.push(filter.action);
    }
    const rows = await this.select(where, params, 'id', limit);
    return rows.map(toEntry);
  }

  /**
   * Entries for the secretariat's reader, newest first: by actor, by action (exact, or every
   * action under a prefix ending in '.', such as `meeting.`), between two instants (inclusive).
   *
   * The log grows with every ballot and comment (2,000 rows for one vote of S7's size), and the
   * reader is opened during meetings, on the event loop that relays the edits: an action is looked
   * up through `audit_log_action` (action, at), never by reading the log. A prefix is matched
   * against the distinct actions first (a few dozen), and each is read newest first up to the
   * limit and merged; `substr(action, …) = ?` read the whole log for a rare prefix (50 ms with
   * 200,000 entries, bench/probes/auditLogSize.ts).
   */
  async search(
    filter: { actorId?: string | undefined; action?: string | undefined; from?: number | undefined; to?: number | undefined },
    limit = 1000,
  ): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.actorId) {
      where.push('actor_id = ?');
      params.push(filter.actorId);
    }
    if (filter.from !== undefined) {
      where.push('at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('at <= ?');
      params.push(filter.to);
    }
    const prefix = filter.action?.endsWith('.') ? filter.action : undefined;
    const actions = prefix
      ? (await this.actions()).filter((action) => action.startsWith(prefix))
      : filter.action
        ? [filter.action]
        : undefined;
    if (actions?.length === 0) return [];
    if (!actions) return (await this.select(where, params, 'at DESC, id DESC', limit)).map(toEntry);
    const ofAction = ['action = ?', ...where];
    if (actions.length === 1)
      return (await this.select(ofAction, [actions[0]!, ...params], 'at DESC, id DESC', limit)).map(toEntry);
    // One indexed read per action, merged: at most `limit` rows each, whatever the size of the log.
    const parts = actions.map((_, k) => `SELECT * FROM (${selectSql(ofAction, 'at DESC, id DESC')}) AS a${k}`);
    const rows = await this.db.all<AuditRow>(
      `SELECT * FROM (${parts.join(' UNION ALL ')}) AS merged ORDER BY at DESC, id DESC LIMIT ?`,
      [...actions.flatMap((action) => [action, ...params, limit]), limit],
    );
    return rows.map(toEntry);
  }

  /**
   * The distinct actions recorded, for the reader's filter: the next action after each through
   * the index (a few dozen lookups), not a read of every entry (15 ms with 200,000 entries).
   */
  async actions(): Promise<string[]> {
    const rows = await this.db.all<{ action: string }>(
      `WITH RECURSIVE next_action(action) AS (
         SELECT MIN(action) FROM audit_log
         UNION ALL
         SELECT (SELECT MIN(action) FROM audit_log WHERE action > next_action.action) FROM next_action WHERE next_action.action IS NOT NULL
       )
       SELECT action FROM next_action WHERE action IS NOT NULL ORDER BY action`,
    );
    return rows.map((row) => row.action);
  }

  /** `where`: conditions joined by AND, with their `params`; `order` is one of the two orders above, never input. */
  private select(
    where: string[],
    params: (string | number)[],
    order: 'id' | 'at DESC, id DESC',
    limit: number,
  ): Promise<AuditRow[]> {
    return this.db.all<AuditRow>(selectSql(where, order), [...params, limit]);
  }
}

/** The entries matching `where` (conditions joined by AND) in `order`, up to a `LIMIT ?` given last. */
function selectSql(where: string[], order: 'id' | 'at DESC, id DESC'): string {
  return `SELECT id, at, actor_id, action, subject, detail FROM audit_log
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: Number(row.at),
    actorId: row.actor_id,
    action: row.action,
    subject: row.subject,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}
