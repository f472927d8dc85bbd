/**
 * Invitations: a link that lets an invited person set their own password, once, within 7 days.
 * Like session cookies, only the SHA-256 of the token is stored, so a copy of the database
 * cannot be used to take over pending accounts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashSecret } from '../auth/sessionStore.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

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

export class InvitationStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * A new invitation for `userId`; earlier unused ones of that person stop working (the newest
   * link is the one the secretariat handed out). Returns the token, which is never stored.
   */
  async create(
    userId: string,
    createdBy: string | null,
    tx: SqlExecutor = this.db,
    now = Date.now(),
  ): Promise<{ token: string; invitation: InvitationRecord }> {
    await tx.run('UPDATE invitations SET used_at = ? WHERE user_id = ? AND used_at IS NULL', [now, userId]);
    const token = randomBytes(32).toString('base64url');
    const invitation: InvitationRecord = {
      id: randomUUID(),
      userId,
      createdBy,
      createdAt: now,
      expiresAt: now + INVITATION_TTL_MS,
      usedAt: null,
    };
    await tx.run(
      'INSERT INTO invitations (id, token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      [invitation.id, hashSecret(token), userId, createdBy, invitation.createdAt, invitation.expiresAt],
    );
    return { token, invitation };
  }

  /** The invitation behind a token, used or not (the caller says which are still good). */
  async byToken(token: string, tx: SqlExecutor = this.db): Promise<InvitationRecord | undefined> {
    const row = await tx.get<InvitationRow>(
      'SELECT id, user_id, created_by, created_at, expires_at, used_at FROM invitations WHERE token_hash = ?',
      [hashSecret(token)],
    );
    return row && toInvitation(row);
  }

  /** Marks it used; false when it already was (two tabs accepting at once: one wins). */
  async markUsed(id: string, tx: SqlExecutor = this.db, now = Date.now()): Promise<boolean> {
    return (await tx.run('UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL', [now, id])).changes === 1;
  }
}

/** Whether an invitation can still be accepted. */
export function invitationOpen(invitation: InvitationRecord | undefined, now = Date.now()): invitation is InvitationRecord {
  return invitation !== undefined && invitation.usedAt === null && invitation.expiresAt > now;
}
