/**
 * What a second SQLite writer would cost the event loop (issue #20, S16: "comments written by a
 * thread other than the event loop that relays the edits"). SQLite takes one writer at a time. The
 * main thread here writes like the edit log (a small row and its commit every 20 ms, 50 edits a
 * second) while a worker thread with its own connection to the same file writes like the comment
 * burst (100 transactions a second, each some twenty rows in tables with indexes, about S16's
 * comment), and the probe records how long each of the main thread's writes waited for the lock:
 *
 * - `busy_timeout`: both connections rely on SQLite's busy handler, as the project's connections
 *   do. node:sqlite's SQLite sleeps 1, 2, 5, 10 ms... between attempts, so a writer that finds the
 *   lock taken waits at least a millisecond, often three, however short the other's transaction.
 * - `handoff`: both threads take a lock of their own in shared memory (`Atomics`) before `BEGIN
 *   IMMEDIATE` and give it back after `COMMIT`; the waiting thread sleeps in `Atomics.wait` and is
 *   woken by the release, so it waits only for what is left of the other's transaction.
 *
 * Neither connection checkpoints the WAL as it commits (`wal_autocheckpoint = 0`): in the server a
 * thread of its own does (storage/walCheckpointer.ts), and a `COMMIT` that checkpointed would take
 * milliseconds, which a hand-off released after it would make the other thread wait out.
 *
 *   node bench/probes/sqliteWriterWait.ts        (from the repository; prints one line per way)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { median } from './medianTime.ts';

const SECONDS = 5;
const EDIT_EVERY_MS = 20;
const COMMENTS_PER_SECOND = 100;
const ROWS_PER_COMMENT = 20;

const SCHEMA = `
  PRAGMA journal_mode = WAL;
  CREATE TABLE IF NOT EXISTS edits (seq INTEGER PRIMARY KEY, doc TEXT, data BLOB, at INTEGER);
  CREATE INDEX IF NOT EXISTS edits_doc ON edits (doc, seq);
  CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, owner TEXT, body TEXT, at INTEGER);
  CREATE INDEX IF NOT EXISTS rows_owner ON rows (owner, at);
  CREATE INDEX IF NOT EXISTS rows_at ON rows (at);`;

/** The lock in shared memory: 0 free, 1 held by the main thread, 2 by the worker. */
const acquire = (lock: Int32Array, me: number) => {
  for (;;) {
    const held = Atomics.compareExchange(lock, 0, 0, me);
    if (held === 0) return;
    Atomics.wait(lock, 0, held, 100);
  }
};
const release = (lock: Int32Array) => {
  Atomics.store(lock, 0, 0);
  Atomics.notify(lock, 0);
};

const open = (file: string) => {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 0');
  return db;
};

/** Each transaction's wait for the lock (its `BEGIN IMMEDIATE` included) and its time holding it, ms. */
interface Writes {
  waits: number[];
  holds: number[];
}

/**
 * Runs `write` in a transaction of its own every `everyMs` for SECONDS; with `lock`, each takes the
 * hand-off lock as `me` first and gives it back after its `COMMIT`.
 */
function writeFor(db: DatabaseSync, lock: Int32Array | null, me: number, everyMs: number, write: () => void): Promise<Writes> {
  const writes: Writes = { waits: [], holds: [] };
  const end = performance.now() + SECONDS * 1000;
  return new Promise((resolve) => {
    const tick = () => {
      if (performance.now() >= end) return resolve(writes);
      const asked = performance.now();
      if (lock) acquire(lock, me);
      db.exec('BEGIN IMMEDIATE');
      const begun = performance.now();
      write();
      db.exec('COMMIT');
      writes.waits.push(begun - asked);
      writes.holds.push(performance.now() - begun);
      if (lock) release(lock);
      setTimeout(tick, everyMs);
    };
    tick();
  });
}

/** The worker: the comment burst, through its own connection to the same file (this file, run as a worker). */
async function burst(): Promise<void> {
  const { file, handoff, lockBuffer } = workerData as { file: string; handoff: boolean; lockBuffer: SharedArrayBuffer };
  const db = open(file);
  const insert = db.prepare('INSERT INTO rows (id, owner, body, at) VALUES (?, ?, ?, ?)');
  const body = 'could you check the wording of this paragraph? '.repeat(4);
  let n = 0;
  const writes = await writeFor(db, handoff ? new Int32Array(lockBuffer) : null, 2, 1000 / COMMENTS_PER_SECOND, () => {
    for (let i = 0; i < ROWS_PER_COMMENT; i++) insert.run(`c${n}.${i}`, `u${n % 500}`, body, Date.now());
    n++;
  });
  db.close();
  parentPort!.postMessage(writes.holds);
}

/** The main thread: the edit log's commits while the worker writes, one way of sharing the lock. */
async function edits(handoff: boolean): Promise<Writes> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-writer-probe-'));
  const file = path.join(dir, 'probe.db');
  const db = open(file);
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT INTO edits (doc, data, at) VALUES (?, ?, ?)');
  const update = new Uint8Array(60);
  const lockBuffer = new SharedArrayBuffer(4);
  const worker = new Worker(new URL(import.meta.url), { workerData: { file, handoff, lockBuffer } });
  const holds = new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const { waits } = await writeFor(db, handoff ? new Int32Array(lockBuffer) : null, 1, EDIT_EVERY_MS, () => {
    insert.run('agenda:probe', update, Date.now());
  });
  const result = { waits, holds: await holds };
  await worker.terminate();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

if (!isMainThread) await burst();
else {
  for (const handoff of [false, true, false, true]) {
    const { waits, holds } = await edits(handoff);
    const late = waits.filter((ms) => ms > 0.5).length;
    console.log(
      `${handoff ? 'handoff     ' : 'busy_timeout'}: the main thread's ${waits.length} writes waited p50 ${median(waits).toFixed(3)} ms, ` +
        `p99 ${quantile(waits, 0.99).toFixed(2)} ms, max ${Math.max(...waits).toFixed(2)} ms, ${late} over 0.5 ms; ` +
        `the worker's ${holds.length} transactions held the lock p50 ${median(holds).toFixed(3)} ms, p99 ${quantile(holds, 0.99).toFixed(2)} ms`,
    );
  }
}
