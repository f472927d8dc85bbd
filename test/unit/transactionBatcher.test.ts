/**
 * Group commit (storage/transactionBatcher.ts), on SQLite: jobs that arrive together share one
 * transaction, each is answered once it is durable, and not later than that.
 */
import { describe, expect, it, vi } from 'vitest';
import { openSqliteDb } from '../../server/src/storage/sqliteDb.ts';
import { TransactionBatcher } from '../../server/src/storage/transactionBatcher.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ballotsDb() {
  const db = openSqliteDb(':memory:');
  await db.run('CREATE TABLE ballots (voter TEXT PRIMARY KEY)');
  return db;
}

describe('transaction batcher', () => {
  it('answers each job when its batch commits, not after the work done for the batch afterwards', async () => {
    const db = await ballotsDb();
    let finishAfterCommit!: () => void;
    const afterCommitRuns: string[][] = [];
    const batcher = new TransactionBatcher<string>(db, {
      afterCommit: (committed) => {
        afterCommitRuns.push(committed);
        // A secret poll's publication is a transaction of its own: here it has not finished.
        return new Promise<void>((resolve) => (finishAfterCommit = resolve));
      },
    });
    const vote = (voter: string) =>
      batcher.run(async (tx) => {
        await tx.run('INSERT INTO ballots (voter) VALUES (?)', [voter]);
        return voter;
      });
    const first = await Promise.race([Promise.all([vote('a'), vote('b')]), sleep(1_000).then(() => 'not answered')]);
    expect(first).toEqual(['a', 'b']);
    expect(afterCommitRuns).toEqual([['a', 'b']]);
    expect((await db.all('SELECT voter FROM ballots ORDER BY voter')).length).toBe(2);

    // The next batch waits until the work after the previous commit is done (one batch at a time).
    let thirdAnswered = false;
    const third = vote('c').then((voter) => {
      thirdAnswered = true;
      return voter;
    });
    await sleep(50);
    expect(thirdAnswered).toBe(false);
    finishAfterCommit();
    expect(await third).toBe('c');
    finishAfterCommit();
    await db.close();
  });

  it('reads what the jobs of a batch share once per batch, and again after a job was rolled back', async () => {
    const db = await ballotsDb();
    let reads = 0;
    const batcher = new TransactionBatcher<string>(db);
    const vote = (voter: string, refuse = false) =>
      batcher.run(async (tx, batch) => {
        const poll = await batch.once('poll', async () => {
          reads++;
          return { open: true };
        });
        await tx.run('INSERT INTO ballots (voter) VALUES (?)', [voter]);
        if (refuse || !poll.open) throw new Error(`refused ${voter}`);
        return voter;
      });
    const outcomes = await Promise.allSettled([vote('a'), vote('b'), vote('c', true), vote('d'), vote('e')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    // One batch: read by 'a', rolled back with 'c' (on PostgreSQL its lock went with it), read again by 'd'.
    expect(reads).toBe(2);
    const voters = (await db.all<{ voter: string }>('SELECT voter FROM ballots ORDER BY voter')).map((row) => row.voter);
    expect(voters).toEqual(['a', 'b', 'd', 'e']);

    // A later batch reads afresh.
    await vote('f');
    expect(reads).toBe(3);
    await db.close();
  });

  it('ends a batch once it has run maxBatchMs, and commits the jobs it had no time for in the next ones, in order', async () => {
    const db = await ballotsDb();
    const batches: string[][] = [];
    const batcher = new TransactionBatcher<string>(db, {
      maxBatchMs: 5,
      afterCommit: async (committed) => {
        batches.push(committed);
      },
    });
    // Each job takes 3 ms, as a comment with its notifications does on a slow machine (a clock of
    // the test's own, so that a loaded machine does not change the batches).
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    const vote = (voter: string) =>
      batcher.run(async (tx) => {
        now += 3;
        await tx.run('INSERT INTO ballots (voter) VALUES (?)', [voter]);
        return voter;
      });
    const voters = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    try {
      expect(await Promise.all(voters.map(vote))).toEqual(voters);
    } finally {
      clock.mockRestore();
    }
    // Two jobs a batch (the second ends past 5 ms), the last alone; in arrival order.
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g']]);
    expect((await db.all('SELECT voter FROM ballots')).length).toBe(7);
    await db.close();
  });

  it('with savepointsOnFailure, runs a batch without savepoints, and again with them when a job throws', async () => {
    const db = await ballotsDb();
    const statements: string[] = [];
    // Every statement the batches run through their transaction.
    const begin = db.transaction.bind(db);
    db.transaction = ((fn: Parameters<typeof db.transaction>[0]) =>
      begin((tx) => {
        const run: typeof tx.run = (sql, params) => {
          statements.push(sql);
          return tx.run(sql, params);
        };
        return fn({ run, get: tx.get.bind(tx), all: tx.all.bind(tx), insert: tx.insert.bind(tx) });
      })) as typeof db.transaction;
    const batches: string[][] = [];
    let attempts = 0;
    const batcher = new TransactionBatcher<string>(db, {
      savepointsOnFailure: true,
      beforeCommit: async () => {
        attempts += 1;
      },
      afterCommit: async (committed) => {
        batches.push(committed);
      },
    });
    const vote = (voter: string, refuse = false) =>
      batcher.run(async (tx) => {
        await tx.run('INSERT INTO ballots (voter) VALUES (?)', [voter]);
        if (refuse) throw new Error(`refused ${voter}`);
        return voter;
      });
    expect(await Promise.all([vote('a'), vote('b')])).toEqual(['a', 'b']);
    expect(statements.filter((sql) => sql.includes('SAVEPOINT'))).toEqual([]);

    const outcomes = await Promise.allSettled([vote('c'), vote('d', true), vote('e')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused d'));
    // The refused job's batch was rolled back whole (its beforeCommit never ran) and run again, each job in its savepoint.
    expect(attempts).toBe(2);
    expect(statements.filter((sql) => sql === 'SAVEPOINT batched_job')).toHaveLength(3);
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'e'],
    ]);
    const voters = (await db.all<{ voter: string }>('SELECT voter FROM ballots ORDER BY voter')).map((row) => row.voter);
    expect(voters).toEqual(['a', 'b', 'c', 'e']);
    await db.close();
  });

  it('fails every job of a batch whose transaction cannot begin, and goes on with the next', async () => {
    const db = await ballotsDb();
    const batcher = new TransactionBatcher<string>(db, { maxBatchMs: 5 });
    const vote = (voter: string) =>
      batcher.run(async (tx) => {
        await tx.run('INSERT INTO ballots (voter) VALUES (?)', [voter]);
        return voter;
      });
    const begin = db.transaction.bind(db);
    let failing = true;
    db.transaction = (async (fn: Parameters<typeof db.transaction>[0]) => {
      if (failing) throw new Error('the disk is full');
      return begin(fn);
    }) as typeof db.transaction;
    const outcomes = await Promise.allSettled([vote('a'), vote('b')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    failing = false;
    expect(await vote('c')).toBe('c');
    await db.close();
  });
});
