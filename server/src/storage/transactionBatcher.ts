/**
 * Group commit for commands that arrive together (ballots in a plenary vote, a burst of comments
 * with mentions): each command is a job run through `run(job)`; the jobs queued by the end of the
 * event-loop turn (and those that arrive while the previous batch commits) run one after the
 * other, in arrival order, in ONE transaction, and each caller is answered only after that
 * transaction commits.
 *
 * A job is checked and written on its own: it runs inside a savepoint, so a job that throws (a
 * refusal) rolls back only its own statements and gets its own error, and the others still
 * commit. (With `savepointsOnFailure`, a batch first runs without them, and runs again with them
 * only when one of its jobs throws.) When the transaction as a whole fails (the store cannot write, the commit fails),
 * nothing of the batch is written and every job that had not failed on its own gets that error.
 *
 * The jobs of a batch share a `BatchScope`: what every job would read alike and nothing in the
 * batch changes (the poll a ballot is for) is read once per transaction, not once per job.
 *
 * Unlike the SQLite group commit of the update log (sqliteDb.ts), which is for appends that run
 * at once in a transaction left open across turns, the jobs here read before they write and
 * must not see a transaction of someone else's in between, so each batch is an ordinary
 * `Db.transaction`: it works alike on both backends.
 */
import { type Db, type SqlExecutor, StoreUnavailable } from './db.ts';

export interface TransactionBatcherOptions<T> {
  /** The most jobs one transaction takes (bounds how long it holds the database). */
  maxJobs?: number;
  /**
   * The longest a batch keeps taking jobs, in milliseconds since it began: once a job ends past
   * it, that job is the batch's last, and the jobs not taken go first in the next batch (an
   * event-loop turn later). On SQLite a batch runs synchronously, holding the event loop (and
   * the edits the server relays) for its whole length, however many jobs it holds; none when unset.
   */
  maxBatchMs?: number;
  /**
   * Jobs that are seldom refused once they run (their checks were made before): a batch first
   * runs them without a savepoint each, and only when one of them throws is the whole transaction
   * rolled back and the batch run again, each job in its savepoint. A savepoint is two statements
   * per job, and on SQLite each one also makes the full-text index write what the job added as an
   * index segment of its own (FTS5 flushes at every savepoint): one per comment, not one per batch.
   */
  savepointsOnFailure?: boolean;
  /**
   * Inside the transaction, after the jobs, once per batch with what the jobs that succeeded
   * returned: the writes and reads the batch shares (the comments' emails, queued once per person
   * in one order; their threads, read back in one query). Its failure fails the whole batch, as a
   * failed commit does.
   */
  beforeCommit?: (tx: SqlExecutor, succeeded: T[]) => Promise<void>;
  /**
   * After the commit, once per batch with what the jobs that committed returned (to project
   * their changes once, not once per job). The jobs are answered first: what they wrote is
   * durable, and a caller does not wait for work done for everyone else (a secret poll's
   * publication, a transaction of its own). The next batch starts once it is done. Its failure
   * does not undo the commit.
   */
  afterCommit?: (committed: T[]) => Promise<void>;
}

/**
 * What the jobs of one batch share: a value read once per transaction. Only for reads that no
 * job of the batch changes, and that nobody else can change before the commit (a row the read
 * locks on PostgreSQL; SQLite's transaction excludes every other writer). A job rolled back to
 * its savepoint takes the locks of its reads with it (PostgreSQL), so what it read is forgotten:
 * the next job reads, and locks, again.
 */
export class BatchScope {
  private readonly reads = new Map<string, Promise<unknown>>();

  /** After a job's savepoint was rolled back. */
  forget(): void {
    this.reads.clear();
  }

  /** The value `read` gives, read by the first job that asks for `key` in this batch. */
  once<V>(key: string, read: () => Promise<V>): Promise<V> {
    let value = this.reads.get(key) as Promise<V> | undefined;
    if (!value) {
      value = read();
      this.reads.set(key, value);
    }
    return value;
  }
}

type Job<T> = (tx: SqlExecutor, scope: BatchScope) => Promise<T>;

interface Pending<T> {
  job: Job<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A job threw in a batch run without savepoints: run the batch again with them. */
const AGAIN = Symbol('again with savepoints');

const succeeded = <T>(outcomes: Outcome<T>[]): T[] => outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : []));

export class TransactionBatcher<T> {
  private readonly db: Db;
  private readonly maxJobs: number;
  private readonly maxBatchMs: number;
  private readonly savepointsOnFailure: boolean;
  private readonly beforeCommit: ((tx: SqlExecutor, succeeded: T[]) => Promise<void>) | undefined;
  private readonly afterCommit: ((committed: T[]) => Promise<void>) | undefined;
  private queue: Pending<T>[] = [];
  /** Whether a batch is being committed: arrivals meanwhile wait for the next one. */
  private busy = false;
  private scheduled = false;

  constructor(db: Db, options: TransactionBatcherOptions<T> = {}) {
    this.db = db;
    this.maxJobs = options.maxJobs ?? 500;
    this.maxBatchMs = options.maxBatchMs ?? Number.POSITIVE_INFINITY;
    this.savepointsOnFailure = options.savepointsOnFailure ?? false;
    this.beforeCommit = options.beforeCommit;
    this.afterCommit = options.afterCommit;
  }

  /** Runs `job` in the next batch's transaction; settles after that transaction commits (or fails). */
  run(job: Job<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  /**
   * At the end of the turn, so that the jobs of the same turn share a batch. One batch at a time:
   * two overlapping batches holding the same voter's ballots in opposite orders could deadlock
   * on PostgreSQL, and SQLite runs one transaction at a time anyway.
   */
  private schedule(): void {
    if (this.scheduled || this.busy || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.busy) return;
      this.busy = true;
      const batch = this.queue.splice(0, this.maxJobs);
      void this.commit(batch)
        .then((taken) => {
          // The jobs the batch had no time for go first in the next one.
          if (taken < batch.length) this.queue.unshift(...batch.slice(taken));
        })
        .finally(() => {
          this.busy = false;
          this.schedule();
        });
    });
  }

  /** Commits the first jobs of `batch`, as many as `maxBatchMs` allows (one at least); returns how many it took. */
  private async commit(batch: Pending<T>[]): Promise<number> {
    if (this.savepointsOnFailure) {
      const taken = await this.attempt(batch, false);
      if (taken !== AGAIN) return taken;
    }
    return (await this.attempt(batch, true)) as number;
  }

  /**
   * One transaction over the first jobs of `batch`, each in its savepoint when `isolated`. Not
   * isolated, a job that throws rolls the whole transaction back (nobody is answered) and AGAIN
   * is returned.
   */
  private async attempt(batch: Pending<T>[], isolated: boolean): Promise<number | typeof AGAIN> {
    const outcomes: Outcome<T>[] = [];
    let taken = 0;
    let jobFailed = false;
    try {
      await this.db.transaction(async (tx) => {
        const scope = new BatchScope();
        const started = performance.now();
        for (const pending of batch) {
          if (taken > 0 && performance.now() - started >= this.maxBatchMs) break;
          taken += 1;
          if (isolated) {
            outcomes.push(await this.runOne(tx, scope, pending.job));
            continue;
          }
          try {
            outcomes.push({ ok: true, value: await pending.job(tx, scope) });
          } catch (error) {
            jobFailed = !(error instanceof StoreUnavailable);
            throw error;
          }
        }
        if (this.beforeCommit) await this.beforeCommit(tx, succeeded(outcomes));
      });
    } catch (error) {
      if (jobFailed) return AGAIN;
      // Nothing of the batch was written: a job refused on its own keeps its own error. A
      // transaction that could not even begin fails every job of the batch (none is put back).
      const failed = taken === 0 ? batch.length : taken;
      for (const [index, pending] of batch.slice(0, failed).entries()) {
        const outcome = outcomes[index];
        pending.reject(outcome && !outcome.ok ? outcome.error : error);
      }
      return failed;
    }
    for (const [index, pending] of batch.slice(0, taken).entries()) {
      const outcome = outcomes[index]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    }
    const committed = succeeded(outcomes);
    if (this.afterCommit && committed.length > 0) await this.afterCommit(committed).catch(() => {});
    return taken;
  }

  /** One job in a savepoint of its own; a store that cannot write fails the whole batch instead. */
  private async runOne(tx: SqlExecutor, scope: BatchScope, job: Job<T>): Promise<Outcome<T>> {
    await tx.run('SAVEPOINT batched_job');
    try {
      const value = await job(tx, scope);
      await tx.run('RELEASE SAVEPOINT batched_job');
      return { ok: true, value };
    } catch (error) {
      if (error instanceof StoreUnavailable) throw error;
      await tx.run('ROLLBACK TO SAVEPOINT batched_job');
      await tx.run('RELEASE SAVEPOINT batched_job');
      scope.forget();
      return { ok: false, error };
    }
  }
}
