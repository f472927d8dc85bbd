/** Key-value settings kept in the store, shared by every instance (secrets, seed markers). */
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

export class Settings {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      key,
      value,
    ]);
  }

  /**
   * A random secret created once and then shared: the first instance to ask creates it,
   * instances starting at the same moment all read the one that won.
   */
  async secret(key: string): Promise<Buffer> {
    await this.db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [
      key,
      randomBytes(32).toString('base64url'),
    ]);
    const value = await this.get(key);
    if (!value) throw new Error(`setting ${key} missing after insert`);
    return Buffer.from(value, 'base64url');
  }
}
