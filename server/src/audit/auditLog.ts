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
    params.push(limit);
    const rows = await this.db.all<AuditRow>(
      `SELECT id, at, actor_id, action, subject, detail FROM audit_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`,
      params,
    );
    return rows.map((row) => ({
      id: Number(row.id),
      at: Number(row.at),
      actorId: row.actor_id,
      action: row.action,
      subject: row.subject,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
  }
}
