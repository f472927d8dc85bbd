/**
 * PostgreSQL's connection lost in the middle of a transaction (a proxy cuts it between two statements):
 * the transaction fails with StoreUnavailable, nothing of it is stored, the process does not end (an
 * 'error' emitted on a checked-out client with no listener would be an uncaught exception, which
 * Vitest reports as a failed run), and the next transaction works once the network is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailable } from '../../server/src/storage/db.ts';
import { openPostgresDb, type PostgresDb } from '../../server/src/storage/postgresDb.ts';
import { sleep } from '../helpers/clients.ts';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from '../helpers/services.ts';
import { TcpProxy } from '../helpers/tcpProxy.ts';

let database: TestDatabase;
let proxy: TcpProxy;
let db: PostgresDb;

beforeAll(async () => {
  database = await createTestDatabase('connlost');
  const pg = new URL(PG_ADMIN_URL);
  proxy = new TcpProxy([{ host: pg.hostname, port: Number(pg.port || 5432) }]);
  const url = new URL(database.url);
  url.port = String(await proxy.listen());
  db = openPostgresDb(url.toString(), { max: 2 });
  await db.run('CREATE TABLE notes (body TEXT NOT NULL)');
});

afterAll(async () => {
  await db?.close().catch(() => undefined);
  await proxy?.close();
  await database?.drop();
});

describe('a PostgreSQL connection lost inside a transaction', () => {
  it('fails that transaction with StoreUnavailable, keeps the process up, and the next one works', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const attempt = db.transaction(async (tx) => {
        await tx.run('INSERT INTO notes (body) VALUES (?)', ['first half']);
        // Between two statements, with no query running on the client, the network goes away.
        proxy.partition();
        await sleep(300);
        await tx.run('INSERT INTO notes (body) VALUES (?)', ['second half']);
      });
      const failure = await attempt.then(
        () => null,
        (error: unknown) => error,
      );
      expect(uncaught).toEqual([]);
      expect(failure).toBeInstanceOf(StoreUnavailable);

      proxy.heal();
      await db.transaction((tx) => tx.run('INSERT INTO notes (body) VALUES (?)', ['after']));
      const rows = await db.all<{ body: string }>('SELECT body FROM notes ORDER BY body');
      expect(rows.map((row) => row.body)).toEqual(['after']);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
