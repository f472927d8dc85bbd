/**
 * Runs version diffs without holding up everyone else: the history is replayed in a worker
 * thread (an agenda with 32,000 updates took up to a second of the event loop per diff), at most
 * `perMeeting` diffs of one meeting run at once (more answer 429 DIFFS_BUSY), and a diff that
 * takes longer than `timeoutMs` is ended (503 DIFF_TIMEOUT).
 *
 * The first diff from a version stores the document as it was at that version (its state and
 * who wrote what by then); later diffs from that version replay only the updates after it.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../http/appError.ts';
import type { Migration } from '../../storage/migrations.ts';
import type { Store } from '../../storage/store.ts';
import { type DiffStart, type RawDiff, rowsBetween } from './agendaHistory.ts';

export const DIFF_SNAPSHOT_MIGRATIONS: Migration[] = [
  {
    version: 501,
    name: 'agenda states at versions, for diffs',
    statements: [
      `CREATE TABLE version_snapshots (
        doc TEXT NOT NULL,
        seq BIGINT NOT NULL,
        state {blob} NOT NULL,
        authors TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (doc, seq)
      )`,
    ],
  },
];

export interface DiffLimits {
  perMeeting: number;
  timeoutMs: number;
}

/** Diff workers shared by every meeting: a few, started on first use and kept warm. */
class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  private count = 0;
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  acquire(take: (worker: Worker) => void): void {
    const worker = this.idle.pop();
    if (worker) {
      take(worker);
      return;
    }
    if (this.count < this.size) {
      this.count++;
      const started = new Worker(new URL('./diffWorker.ts', import.meta.url));
      started.unref(); // an idle worker never keeps the process alive
      take(started);
      return;
    }
    this.waiting.push(take);
  }

  /** A request that gave up before it got a worker. */
  cancel(take: (worker: Worker) => void): void {
    const index = this.waiting.indexOf(take);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  /** A worker stopped mid-diff (time limit, crash): gone, and a fresh one may start. */
  discard(worker: Worker): void {
    void worker.terminate();
    this.count--;
    const next = this.waiting.shift();
    if (next) this.acquire(next);
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
  }
}

/** Worker threads for diffs in the whole process (the machine's cores are shared with everything else). */
export const DIFF_WORKERS = 2;

export class DiffRunner {
  private readonly store: Store;
  private readonly limits: DiffLimits;
  private readonly running = new Map<string, number>();
  private readonly pool = new WorkerPool(DIFF_WORKERS);

  constructor(store: Store, limits: DiffLimits) {
    this.store = store;
    this.limits = limits;
  }

  /** Ends the idle workers (the app closing). */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** Diffs of this meeting running now (for tests and metrics). */
  runningFor(meetingId: string): number {
    return this.running.get(meetingId) ?? 0;
  }

  async diff(meetingId: string, doc: string, fromSeq: number, toSeq: number): Promise<RawDiff> {
    const running = this.runningFor(meetingId);
    if (running >= this.limits.perMeeting) {
      throw new AppError('DIFFS_BUSY', 'Other comparisons of this agenda are being computed; try again in a moment.');
    }
    this.running.set(meetingId, running + 1);
    try {
      const start = await this.snapshotAt(doc, fromSeq);
      const rows = await rowsBetween(this.store.documents, doc, start ? fromSeq : 0, toSeq);
      const diff = await this.inWorker({ rows, fromSeq, start, capture: !start && fromSeq > 0 });
      if (diff.start) await this.saveSnapshot(doc, fromSeq, diff.start);
      return diff;
    } finally {
      const left = this.runningFor(meetingId) - 1;
      if (left > 0) this.running.set(meetingId, left);
      else this.running.delete(meetingId);
    }
  }

  private inWorker(job: { rows: unknown[]; fromSeq: number; start: DiffStart | null; capture: boolean }): Promise<RawDiff> {
    return new Promise((resolve, reject) => {
      let worker: Worker | null = null;
      let settled = false;
      const finish = (outcome: () => void, healthy: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (worker) {
          worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
          if (healthy) this.pool.release(worker);
          else this.pool.discard(worker);
        } else this.pool.cancel(take);
        outcome();
      };
      // The time limit counts from the request: waiting for a free worker is part of it.
      const timer = setTimeout(
        () =>
          finish(
            () => reject(new AppError('DIFF_TIMEOUT', 'The comparison took too long and was stopped; compare closer versions.')),
            false,
          ),
        this.limits.timeoutMs,
      );
      const take = (taken: Worker) => {
        if (settled) return this.pool.release(taken);
        worker = taken;
        taken.once('message', (message: { ok: true; diff: RawDiff } | { ok: false; message: string }) =>
          finish(() => (message.ok ? resolve(message.diff) : reject(new Error(`diff failed: ${message.message}`))), true),
        );
        taken.once('error', (error) => finish(() => reject(error), false));
        taken.once('exit', (code) => finish(() => reject(new Error(`diff worker exited with ${code}`)), false));
        taken.postMessage(job);
      };
      this.pool.acquire(take);
    });
  }

  private async snapshotAt(doc: string, seq: number): Promise<DiffStart | null> {
    if (seq <= 0) return null;
    const row = await this.store.db.get<{ state: Uint8Array; authors: string }>(
      'SELECT state, authors FROM version_snapshots WHERE doc = ? AND seq = ?',
      [doc, seq],
    );
    return row ? { state: new Uint8Array(row.state), authors: JSON.parse(row.authors) } : null;
  }

  private async saveSnapshot(doc: string, seq: number, start: DiffStart): Promise<void> {
    await this.store.db
      .run(
        'INSERT INTO version_snapshots (doc, seq, state, authors, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc, seq) DO NOTHING',
        [doc, seq, start.state, JSON.stringify(start.authors), Date.now()],
      )
      .catch(() => undefined); // only a shortcut for the next diff
  }
}
