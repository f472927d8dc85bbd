/**
 * Server-side sessions. The cookie carries a random secret; the store keeps only its SHA-256,
 * so a copy of the database does not hand out working sessions.
 */
import { hash, randomBytes } from 'node:crypto';
import type { Db, SqlExecutor } from '../storage/db.ts';
import { toUser, USER_COLUMNS, type User, type UserRow } from '../users/userStore.ts';

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface Session {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

interface SessionRow {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

/**
 * The stored id of a session secret. Every signed-in request computes it: `hash` is the one-shot
 * form of `createHash(…).update(…).digest(…)`, the same SHA-256 without a Hash object per request.
 */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'base64url');
}

export class SessionStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Creates a session and returns the secret to put in the cookie (never stored). */
  async create(userId: string, now = Date.now()): Promise<{ secret: string; session: Session }> {
    const secret = randomBytes(32).toString('base64url');
    const session: Session = { id: hashSecret(secret), userId, createdAt: now, expiresAt: now + SESSION_TTL_MS };
    await this.db.run('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
      session.id,
      session.userId,
      session.createdAt,
      session.expiresAt,
    ]);
    return { secret, session };
  }

  /** The live session for a cookie secret: not revoked, not expired. */
  async bySecret(secret: string, now = Date.now()): Promise<Session | undefined> {
    return this.byId(hashSecret(secret), now);
  }

  /**
   * The live session with this id and its user, read in one statement (every signed-in request
   * asks: two statements cost it twice the SQLite calls). Read from the store each time, so a
   * revocation, a deactivation or a role change holds from the next request on.
   */
  async withUser(id: string, now = Date.now()): Promise<{ session: Session; user: User } | undefined> {
    const row = await this.db.get<UserRow & { session_created_at: number; session_expires_at: number }>(
      `SELECT s.created_at AS session_created_at, s.expires_at AS session_expires_at, ${USER_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
      [id, now],
    );
    if (!row) return undefined;
    const session = { id, userId: row.id, createdAt: Number(row.session_created_at), expiresAt: Number(row.session_expires_at) };
    return { session, user: toUser(row) };
  }

  async byId(id: string, now = Date.now()): Promise<Session | undefined> {
    const row = await this.db.get<SessionRow>(
      'SELECT id, user_id, created_at, expires_at FROM sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?',
      [id, now],
    );
    return row && { id: row.id, userId: row.user_id, createdAt: Number(row.created_at), expiresAt: Number(row.expires_at) };
  }

  /**
   * For each live session among `ids`: its user's role and whether the account is disabled.
   * Sessions that are revoked, expired or unknown are absent from the answer.
   */
  async accessOf(ids: readonly string[], now = Date.now()): Promise<Map<string, { role: string; disabled: boolean }>> {
    const result = new Map<string, { role: string; disabled: boolean }>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.all<{ id: string; role: string; disabled: number }>(
        `SELECT s.id, u.role, u.disabled FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id IN (${chunk.map(() => '?').join(',')}) AND s.revoked_at IS NULL AND s.expires_at > ?`,
        [...chunk, now],
      );
      for (const row of rows) result.set(row.id, { role: row.role, disabled: Number(row.disabled) === 1 });
    }
    return result;
  }

  async revoke(id: string, now = Date.now()): Promise<void> {
    await this.db.run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
  }

  async revokeAllOf(userId: string, now = Date.now()): Promise<void> {
    await this.db.run('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [now, userId]);
  }

  /** Ends every live session of a user but `exceptId` (the one asking, on a password change). */
  async revokeOthersOf(userId: string, exceptId: string | null, tx: SqlExecutor = this.db, now = Date.now()): Promise<number> {
    const result = await tx.run('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id <> ?', [
      now,
      userId,
      exceptId ?? '',
    ]);
    return result.changes;
  }
}
