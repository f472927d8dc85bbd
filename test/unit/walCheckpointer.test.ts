/**
 * WAL checkpoints happen in a worker thread, not in the event loop's commits (see
 * server/src/storage/walCheckpointer.ts): the database file fills while the event loop's
 * connection takes none, everything written is there after reopening, and a worker that cannot
 * run gives checkpoints back to the connection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../server/src/storage/sqliteDb.ts';
import { WalCheckpointer } from '../../server/src/storage/walCheckpointer.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-wal-')), 'db.sqlite');

describe('WAL checkpoints', () => {
  it('are taken by the worker while the event loop only commits, and nothing written is lost', async () => {
    const file = tempFile();
    const db = openSqliteDb(file);
    // Once the worker is there, the connection checkpoints only past 64 MB, far more than is written here.
    await expect
      .poll(async () => (await db.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint'))?.wal_autocheckpoint, {
        timeout: 15_000,
      })
      .toBe(16_384);
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    const ROWS = 1_500;
    const ROW_BYTES = 8_192;
    for (let i = 0; i < ROWS; i++) {
      await db.run('INSERT INTO t (data) VALUES (?)', [new Uint8Array(ROW_BYTES).fill(i % 251)]);
      // Typing-like traffic, with pauses: 15 commits every 10 ms, about a second in all.
      if (i % 15 === 0) await sleep(10);
    }
    // Rows reach the database file only through a checkpoint, and the connection took none: the
    // worker copied them there.
    await expect.poll(() => fs.statSync(file).size, { timeout: 15_000 }).toBeGreaterThanOrEqual(ROWS * ROW_BYTES);
    await db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false); // the last connection checkpointed the rest

    const reopened = new DatabaseSync(file);
    expect(reopened.prepare('SELECT count(*) AS n, sum(length(data)) AS bytes FROM t').get()).toEqual({
      n: ROWS,
      bytes: ROWS * ROW_BYTES,
    });
    reopened.close();
  });

  it('go back to the connection when the worker cannot run', async () => {
    const file = tempFile();
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA wal_autocheckpoint = 16384');
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      // The worker cannot open a database in a directory that does not exist.
      const checkpointer = new WalCheckpointer(db, path.join(path.dirname(file), 'missing', 'db.sqlite'));
      await expect
        .poll(() => (db.prepare('PRAGMA wal_autocheckpoint').get() as { wal_autocheckpoint: number }).wal_autocheckpoint, {
          timeout: 15_000,
        })
        .toBe(1_000);
      await expect.poll(() => warnings.join('\n'), { timeout: 15_000 }).toMatch(/WAL checkpoints are back on the event loop/);
      await checkpointer.stop(); // already stopped: returns at once
    } finally {
      process.off('warning', onWarning);
      db.close();
    }
  });
});
