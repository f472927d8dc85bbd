/**
 * One-time links that let a person set their own password: invitations (once, within 7 days) and
 * password resets (once, within an hour). Like session cookies, only the SHA-256 of the token is
 * stored, so a copy of the database cannot be used to take over accounts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashSecret } from '../auth/sessionStore.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** The two tables of one-time links (the same columns; `created_by` is null for a reset). */
type LinkTable = 'invitations' | 'password_resets';

export interface InvitationRecord {
  id: string;
  userId: string;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

interface InvitationRow {
  id: string;
  user_id: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

const toInvitation = (row: InvitationRow): InvitationRecord => ({
  id: row.id,
  userId: row.user_id,
  createdBy: row.created_by,
  createdAt: Number(row.created_at),
  expiresAt: Number(row.expires_at),
  usedAt: row.used_at === null ? null : Number(row.used_at),
});

export class OneTimeLinkStore {
  private readonly db: Db;
  private readonly table: LinkTable;
  private readonly ttlMs: number;

  constructor(db: Db, table: LinkTable, ttlMs: number) {
    this.db = db;
    this.table = table;
    this.ttlMs = ttlMs;
  }

  /**
   * A new link for `userId`; earlier unused ones of that person stop working (the newest link is
   * the one handed out). Returns the token, which is never stored.
   */
  async create(
    userId: string,
    createdBy: string | null,
    tx: SqlExecutor = this.db,
    now = Date.now(),
  ): Promise<{ token: string; invitation: InvitationRecord }> {
    await tx.run(`UPDATE ${this.table} SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, [now, userId]);
    const token = randomBytes(32).toString('base64url');
    const invitation: InvitationRecord = {
      id: randomUUID(),
      userId,
      createdBy,
      createdAt: now,
      expiresAt: now + this.ttlMs,
      usedAt: null,
    };
    await tx.run(
      `INSERT INTO ${this.table} (id, token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [invitation.id, hashSecret(token), userId, createdBy, invitation.createdAt, invitation.expiresAt],
    );
    return { token, invitation };
  }

  /** The invitation behind a token, used or not (the caller says which are still good). */
  async byToken(token: string, tx: SqlExecutor = this.db): Promise<InvitationRecord | undefined> {
    const row = await tx.get<InvitationRow>(
      `SELECT id, user_id, created_by, created_at, expires_at, used_at FROM ${this.table} WHERE token_hash = ?`,
      [hashSecret(token)],
    );
    return row && toInvitation(row);
  }

  /** Marks it used; false when it already was (two tabs accepting at once: one wins). */
  async markUsed(id: string, tx: SqlExecutor = this.db, now = Date.now()): Promise<boolean> {
    return (await tx.run(`UPDATE ${this.table} SET used_at = ? WHERE id = ? AND used_at IS NULL`, [now, id])).changes === 1;
  }
}

export class InvitationStore extends OneTimeLinkStore {
  constructor(db: Db) {
    super(db, 'invitations', INVITATION_TTL_MS);
  }
}

export class PasswordResetStore extends OneTimeLinkStore {
  constructor(db: Db) {
    super(db, 'password_resets', PASSWORD_RESET_TTL_MS);
  }
}

/** Whether a link (an invitation or a reset) can still be used. */
export function invitationOpen(invitation: InvitationRecord | undefined, now = Date.now()): invitation is InvitationRecord {
  return invitation !== undefined && invitation.usedAt === null && invitation.expiresAt > now;
}
