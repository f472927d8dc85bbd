/** Links between provider identities and people, and who may not sign in with a password. */
import type { Db, SqlExecutor } from '../storage/db.ts';

export class SsoStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async userOfIdentity(provider: string, subject: string): Promise<string | undefined> {
    const row = await this.db.get<{ user_id: string }>('SELECT user_id FROM oidc_identities WHERE provider = ? AND subject = ?', [
      provider,
      subject,
    ]);
    return row?.user_id;
  }

  async link(
    input: { provider: string; subject: string; userId: string; email: string },
    tx: SqlExecutor = this.db,
    now = Date.now(),
  ): Promise<void> {
    await tx.run(
      `INSERT INTO oidc_identities (provider, subject, user_id, email, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (provider, subject) DO NOTHING`,
      [input.provider, input.subject, input.userId, input.email, now, now],
    );
  }

  async touch(provider: string, subject: string, now = Date.now()): Promise<void> {
    await this.db.run('UPDATE oidc_identities SET last_login_at = ? WHERE provider = ? AND subject = ?', [
      now,
      provider,
      subject,
    ]);
  }

  async passwordLoginOff(userId: string): Promise<boolean> {
    return (await this.db.get('SELECT user_id FROM password_login_off WHERE user_id = ?', [userId])) !== undefined;
  }

  async setPasswordLogin(
    userId: string,
    enabled: boolean,
    actorId: string,
    tx: SqlExecutor = this.db,
    now = Date.now(),
  ): Promise<boolean> {
    // Whether it changed, from the statement's own count: turned on (off) again touches no row.
    if (enabled) return (await tx.run('DELETE FROM password_login_off WHERE user_id = ?', [userId])).changes > 0;
    const result = await tx.run(
      'INSERT INTO password_login_off (user_id, changed_by, changed_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING',
      [userId, actorId, now],
    );
    return result.changes > 0;
  }
}

/** For the password sign-in route: a person the secretariat switched to single sign-on only. */
export async function isPasswordLoginOff(db: Db, userId: string): Promise<boolean> {
  return new SsoStore(db).passwordLoginOff(userId);
}
