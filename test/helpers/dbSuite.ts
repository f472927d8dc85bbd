/**
 * For a test file of the store's tables themselves (a migration on rows written by hand): a bare
 * database, not migrated, on SQLite (a file in a fresh directory) or PostgreSQL (a database of
 * the run's own), opened before the file's tests and closed, then dropped, after them.
 *
 *   for (const backend of BACKENDS) describe(`… (${backend})`, () => {
 *     const db = dbSuite(backend, 'meetingsmigration');
 *     it('…', async () => { await migrate(db, BEFORE); … });
 *   });
 */
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../server/src/storage/db.ts';
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
