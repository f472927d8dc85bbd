/**
 * Versioned schema migrations, run at start. Append new migrations; never edit an applied one.
 * Types that differ between the dialects are written as placeholders:
 * `{id}` an auto-incrementing integer primary key, `{blob}` binary data.
 */
import type { Db, Dialect, SqlExecutor } from './db.ts';

/**
 * A step of a migration that SQL alone cannot write the same on both stores (SQLite has no
 * Unicode normalisation, for one): run in the migration's transaction, in its place among the
 * statements.
 */
export type MigrationStep = (tx: SqlExecutor, dialect: Dialect) => Promise<void>;

export interface Migration {
  version: number;
  name: string;
  statements: (string | MigrationStep)[];
}

const DIALECT_TYPES: Record<Dialect, Record<string, string>> = {
  sqlite: { '{id}': 'INTEGER PRIMARY KEY AUTOINCREMENT', '{blob}': 'BLOB' },
  postgres: { '{id}': 'BIGSERIAL PRIMARY KEY', '{blob}': 'BYTEA' },
};

/** The core schema. Features keep their own lists (see schema.ts); versions never collide. */
export const CORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'identity, meetings, documents, audit',
    statements: [
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        stakeholder_group TEXT NOT NULL,
        region TEXT,
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT
      )`,
      `CREATE INDEX sessions_user ON sessions(user_id)`,
      `CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        start_time TEXT NOT NULL DEFAULT '',
        timezone TEXT NOT NULL DEFAULT 'UTC',
        form TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE doc_updates (
        seq {id},
        doc TEXT NOT NULL,
        data {blob} NOT NULL,
        user_id TEXT,
        created_at BIGINT NOT NULL,
        folded INTEGER NOT NULL DEFAULT 0
      )`,
      `CREATE INDEX doc_updates_doc_seq ON doc_updates(doc, seq)`,
      `CREATE INDEX doc_updates_unfolded ON doc_updates(doc, seq) WHERE folded = 0`,
      `CREATE TABLE doc_snapshots (
        doc TEXT PRIMARY KEY,
        data {blob} NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      )`,
      `CREATE TABLE audit_log (
        id {id},
        at BIGINT NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      )`,
      `CREATE INDEX audit_log_subject ON audit_log(subject, id)`,
    ],
  },
];

/** Arbitrary constant: the advisory lock that serialises migrations of instances starting at once. */
const MIGRATION_LOCK = 7_423_001;

/**
 * Makes the transaction `tx` wait (on PostgreSQL) until no other instance's start-up work holds
 * the schema: the migrations, the search setup (which replaces triggers on the features' tables)
 * and the demo seed (which writes into them). Taken first in each of those transactions, before
 * any other lock: two instances starting at once otherwise deadlocked, one seeding the demo while
 * the other replaced a trigger on a table the seed had written (CI, floorScaleOut.test.ts:
 * "deadlock detected" in ProposalStore.create, and the second instance exited). Released at commit.
 */
export async function holdStartupLock(db: Db, tx: SqlExecutor): Promise<void> {
  if (db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?) AS locked', [MIGRATION_LOCK]);
}

/**
 * Applies the migrations not yet applied, all in one transaction. On PostgreSQL an advisory
 * transaction lock makes a second instance that starts at the same moment wait, then find
 * nothing left to do.
 */
export async function migrate(db: Db, migrations: Migration[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    await holdStartupLock(db, tx);
    await tx.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`,
    );
    const applied = new Set(
      (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => Number(row.version)),
    );
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) {
        if (typeof statement === 'string') await tx.run(expand(statement, db.dialect));
        else await statement(tx, db.dialect);
      }
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}

function expand(statement: string, dialect: Dialect): string {
  let sql = statement;
  for (const [placeholder, type] of Object.entries(DIALECT_TYPES[dialect])) sql = sql.replaceAll(placeholder, type);
  return sql;
}
