/**
 * Group commit (storage/transactionBatcher.ts), on SQLite: jobs that arrive together share one
 * transaction, each is answered once it is durable, and not later than that.
 */
import { describe, expect, it } from 'vitest';
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
});
