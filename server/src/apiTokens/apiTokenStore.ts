/**
 * API tokens: `plt_` and 32 random bytes, stored as their SHA-256 only. Each token has a session
 * row of its own whose id is random (not the hash of anything a client holds), so the token can
 * never be replayed as a session cookie, while the session checks that already exist (revoked,
 * expired, disabled account, changed role: see collab/accessSweep.ts) apply to it unchanged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashSecret } from '../auth/sessionStore.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export const TOKEN_PREFIX = 'plt_';
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** `last_used_at` is written at most this often per token: a busy script does not write on every call. */
const LAST_USED_GRANULARITY_MS = 60_000;

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  scopes: Scope[];
  sessionId: string;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  scopes: string;
  session_id: string;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const COLUMNS = 'id, user_id, name, scopes, session_id, created_at, expires_at, last_used_at, revoked_at';

function toToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scopes: row.scopes.split(' ').filter((scope): scope is Scope => (SCOPES as readonly string[]).includes(scope)),
    sessionId: row.session_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX);
}

export class ApiTokenStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Creates the token and its session; returns the token itself, which is never stored. */
  async create(
    input: { userId: string; name: string; scopes: Scope[]; expiresAt: number },
    tx: SqlExecutor = this.db,
    now = Date.now(),
  ): Promise<{ token: string; apiToken: ApiToken }> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const sessionId = hashSecret(randomBytes(32).toString('base64url'));
    const apiToken: ApiToken = {
      id: randomUUID(),
      userId: input.userId,
      name: input.name,
      scopes: input.scopes,
      sessionId,
      createdAt: now,
      expiresAt: input.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await tx.run('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
      sessionId,
      input.userId,
      now,
      input.expiresAt,
    ]);
    await tx.run(
      `INSERT INTO api_tokens (id, user_id, name, scopes, token_hash, session_id, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [apiToken.id, input.userId, input.name, input.scopes.join(' '), hashSecret(token), sessionId, now, input.expiresAt],
    );
    return { token, apiToken };
  }

  /** The live token (not revoked, not expired, its session live) for what a client presents, or undefined. */
  async byToken(token: string, now = Date.now()): Promise<ApiToken | undefined> {
    const row = await this.db.get<ApiTokenRow>(
      `SELECT t.id, t.user_id, t.name, t.scopes, t.session_id, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
       FROM api_tokens t JOIN sessions s ON s.id = t.session_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
      [hashSecret(token), now, now],
    );
    return row && toToken(row);
  }

  async byId(id: string): Promise<ApiToken | undefined> {
    const row = await this.db.get<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`, [id]);
    return row && toToken(row);
  }

  /** A person's tokens, newest first, revoked ones included (they show as revoked). */
  async listOf(userId: string): Promise<ApiToken[]> {
    const rows = await this.db.all<ApiTokenRow>(
      `SELECT ${COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id`,
      [userId],
    );
    return rows.map(toToken);
  }

  /**
   * Holds the person's row until the transaction `tx` ends, on PostgreSQL: two creations at the
   * same moment then count and insert one after the other, so neither counts before the other's
   * token is committed (ten at once past 48 live tokens left 51 live). SQLite needs nothing: a
   * transaction there begins IMMEDIATE and excludes every other writer. NO KEY UPDATE, not
   * UPDATE: a sign-in's session insert (a foreign key to the row) does not wait for it.
   */
  async lockOwner(userId: string, tx: SqlExecutor): Promise<void> {
    if (this.db.dialect === 'postgres') await tx.get('SELECT id FROM users WHERE id = ? FOR NO KEY UPDATE', [userId]);
  }

  /** How many of a person's tokens are live (neither revoked nor expired). */
  async liveCountOf(userId: string, tx: SqlExecutor = this.db, now = Date.now()): Promise<number> {
    const row = await tx.get<{ live: number }>(
      'SELECT COUNT(*) AS live FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?',
      [userId, now],
    );
    return Number(row?.live ?? 0);
  }

  /** Notes a use, at most once a minute per token. */
  async touch(token: ApiToken, now = Date.now()): Promise<void> {
    if (token.lastUsedAt !== null && now - token.lastUsedAt < LAST_USED_GRANULARITY_MS) return;
    await this.db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, token.id]);
  }

  /** Revokes the token and its session (in `tx`); false when it was already revoked. */
  async revoke(token: ApiToken, tx: SqlExecutor = this.db, now = Date.now()): Promise<boolean> {
    const result = await tx.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, token.id]);
    await tx.run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, token.sessionId]);
    return result.changes > 0;
  }
}
