/**
 * For a test file of the store's tables themselves (a migration on rows written by hand): a bare
 * database, not migrated, on SQLite (a file in a fresh directory) or PostgreSQL (a database of
 * the run's own), opened before the file's tests and closed, then dropped, after them.
 *
 *   for (const backend of BACKENDS) describe(`… (${backend})`, () => {
 *     const db = dbSuite(backend, 'meetingsmigration');
 *     it('…', async () => { await migrate(db, BEFORE); await seedBareStore(db, { meetings: [{ id: 'm', … }] }); … });
 *   });
 */
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Db, SqlParam } from '../../server/src/storage/db.ts';
import { openPostgresDb } from '../../server/src/storage/postgresDb.ts';
import { openSqliteDb } from '../../server/src/storage/sqliteDb.ts';
import { lateBound } from './lateBound.ts';
import type { Backend } from './serverSuite.ts';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './services.ts';
import { tempDir } from './testServer.ts';

export function dbSuite(backend: Backend, label: string, options: TestDatabaseOptions = {}): Db {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    if (backend === 'postgres') database = await createTestDatabase(label, options);
    db = database ? openPostgresDb(database.url) : openSqliteDb(path.join(tempDir(label), 'plenary.sqlite'));
  });
  // Closed before it is dropped (PostgreSQL would end its connections anyway: WITH (FORCE)).
  afterAll(async () => {
    try {
      await db?.close();
    } finally {
      await database?.drop();
    }
  });
  return lateBound(`The ${backend} database of dbSuite()`, () => db);
}

type Row = Record<string, SqlParam>;

/**
 * Rows written by hand into a bare store (see dbSuite), as the older schema a migration starts
 * from has them: people, then meetings, then working groups, each row by its column names (so a
 * test names only the columns its schema version has). Columns a test does not care about are
 * filled in: a person is `{id}@example.org`, a member with password hash 'x'; every row without
 * a `created_at` was created at 1.
 *
 *   await seedBareStore(db, {
 *     users: [{ id: 'olena', name: 'Olena', stakeholder_group: 'civil-society' }],
 *     meetings: [{ id: 'm', title: 'MAG', starts_on: '2026-01-01' }],
 *     workingGroups: [{ id: 'wg', meeting_id: 'm', name: 'Youth' }],
 *   });
 */
export async function seedBareStore(
  db: Db,
  rows: {
    users?: (Row & { id: string; name: string; stakeholder_group: string })[];
    meetings?: (Row & { id: string })[];
    workingGroups?: (Row & { id: string; meeting_id: string })[];
  },
): Promise<void> {
  const users = (rows.users ?? []).map((user) => ({
    email: `${user.id}@example.org`,
    role: 'member',
    password_hash: 'x',
    created_at: 1,
    ...user,
  }));
  await insertRows(db, 'users', users);
  await insertRows(
    db,
    'meetings',
    (rows.meetings ?? []).map((meeting) => ({ created_at: 1, ...meeting })),
  );
  await insertRows(
    db,
    'working_groups',
    (rows.workingGroups ?? []).map((group) => ({ created_at: 1, ...group })),
  );
}

/** One INSERT a row, in order (a later row may refer to an earlier one). */
async function insertRows(db: Db, table: string, rows: Row[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    await db.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      Object.values(row),
    );
  }
}
