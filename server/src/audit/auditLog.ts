/**
 * The append-only audit log: who did what to which subject, stamped by the server.
 * Write it in the same transaction as the change it records.
 */
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

  async record(
    entry: { actorId: string | null; action: string; subject: string; detail?: Record<string, unknown> },
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
    if (filter.action?.endsWith('.')) {
      where.push('substr(action, 1, ?) = ?');
      params.push(filter.action.length, filter.action);
    } else if (filter.action) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.from !== undefined) {
      where.push('at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('at <= ?');
      params.push(filter.to);
    }
    const rows = await this.select(where, params, 'at DESC, id DESC', limit);
    return rows.map(toEntry);
  }

  /** The distinct actions recorded, for the reader's filter. */
  async actions(): Promise<string[]> {
    return (await this.db.all<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action')).map(
      (row) => row.action,
    );
  }

  /** `where`: conditions joined by AND, with their `params`; `order` is one of the two orders above, never input. */
  private select(
    where: string[],
    params: (string | number)[],
    order: 'id' | 'at DESC, id DESC',
    limit: number,
  ): Promise<AuditRow[]> {
    return this.db.all<AuditRow>(
      `SELECT id, at, actor_id, action, subject, detail FROM audit_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
      [...params, limit],
    );
  }
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
