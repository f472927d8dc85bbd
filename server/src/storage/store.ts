/**
 * The store: every repository over one database, SQLite by default or PostgreSQL when
 * `DATABASE_URL` is set. The storage contract suite (test/integration/storeContract) runs the
 * same tests against both.
 */
import path from 'node:path';
import { AuditLog } from '../audit/auditLog.ts';
import { SessionStore } from '../auth/sessionStore.ts';
import { DocumentStore } from '../collab/documentStore.ts';
import { MeetingStore } from '../meetings/meetingStore.ts';
import { UserStore } from '../users/userStore.ts';
import type { Db } from './db.ts';
import { type Migration, migrate } from './migrations.ts';
import { openPostgresDb } from './postgresDb.ts';
import { Settings } from './settings.ts';
import { openSqliteDb } from './sqliteDb.ts';

export interface Store {
  db: Db;
  users: UserStore;
  sessions: SessionStore;
  meetings: MeetingStore;
  documents: DocumentStore;
  audit: AuditLog;
  settings: Settings;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Applied before the store opens: server/src/schema.ts's ALL_MIGRATIONS (core and features). */
  migrations: Migration[];
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const db = options.databaseUrl
    ? openPostgresDb(options.databaseUrl)
    : openSqliteDb(path.join(options.dataDir, 'plenary.sqlite'));
  try {
    await migrate(db, options.migrations);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return createStore(db);
}

export function createStore(db: Db): Store {
  return {
    db,
    users: new UserStore(db),
    sessions: new SessionStore(db),
    meetings: new MeetingStore(db),
    documents: new DocumentStore(db),
    audit: new AuditLog(db),
    settings: new Settings(db),
    close: () => db.close(),
  };
}
