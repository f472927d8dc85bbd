/**
 * WAL checkpoints off the event loop. SQLite copies the write-ahead log back into the database
 * on the commit that grows it past 1,000 pages, inside that commit: with node:sqlite that is the
 * event loop, blocked for the copy and its fsyncs (up to 6 ms on this project's machines, every
 * second or so under typing load; `npm run bench -- --only S9` shows it at p99). Here the
 * connection of the event loop checkpoints only as a backstop, and a worker thread with a
 * connection of its own checkpoints instead (walCheckpointWorker.ts).
 *
 * Why a backstop: the WAL starts over from its beginning only when a write finds every frame of
 * it copied back, and when writes land during each of the worker's checkpoints (they do under
 * steady typing: the copy and its fsyncs take longer than the gaps between commits), that never
 * happens and the WAL would grow without end. Past BACKSTOP_PAGES (64 MB) the connection's own
 * checkpoint, inside a commit, copies the few frames the worker has not, and the WAL starts
 * over: one short stall per 64 MB written instead of a longer one per 4 MB.
 *
 * If the worker fails, the connection checkpoints by itself again, as before: slower at the
 * tail, never a WAL that grows without end.
 */
import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';

/** SQLite's default threshold, restored when the worker is gone. */
const AUTOCHECKPOINT_PAGES = 1_000;
/** Past this size of WAL the event loop's connection checkpoints itself (the backstop). */
const WAL_BACKSTOP_BYTES = 64 * 1024 * 1024;
/** The same in pages (SQLite's default page size), as wal_autocheckpoint counts. */
const BACKSTOP_PAGES = WAL_BACKSTOP_BYTES / 4096;

export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  /** `db` is the event loop's connection to `file`, already in WAL mode. */
  constructor(db: DatabaseSync, file: string) {
    // Once a checkpoint has emptied it, the WAL file is cut back to the backstop's size rather
    // than keeping the largest size a burst of writes ever gave it.
    db.exec(`PRAGMA journal_size_limit = ${WAL_BACKSTOP_BYTES}`);
    this.worker = new Worker(new URL('./walCheckpointWorker.ts', import.meta.url), { workerData: { file } });
    // A CLI command that opened the store must still be able to exit while the worker lives.
    this.worker.unref();
    this.worker.once('message', () => {
      if (!this.stopped && db.isOpen) db.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    });
    const fallBack = (why: string) => {
      if (this.stopped) return;
      this.stopped = true;
      if (db.isOpen) db.exec(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      process.emitWarning(`WAL checkpoints are back on the event loop: ${why}`);
    };
    this.worker.once('error', (error) => fallBack(error.message));
    this.worker.once('exit', (code) => fallBack(`the checkpoint worker exited (${code})`));
  }

  /** Stops the worker; call before closing the event loop's connection, which then checkpoints last. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Waited for: the process must not end (the worker is unref'd) before the worker has closed.
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
