/**
 * Reads that run on a timer or at a live map's change find their rows through an index, so that
 * they cost the same with a cycle's years of polls, actions and questions as on a fresh store (the
 * benchmarks start fresh servers and cannot show it). Each read is taken from the store as it runs
 * (its statements recorded), then planned: no step may walk the table, and the table's rows must
 * be found by their key column through an index. PostgreSQL's planner prefers a sequential scan on
 * a small table, so there the plan is asked for with sequential scans discouraged, which it still
 * chooses (or a walk of another index) when no index serves the read.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../server/src/attachments/fileStore.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { seedDemo } from '../../server/src/demo/seedDemo.ts';
import { FloorStore } from '../../server/src/floor/floorStore.ts';
import { QuestionStore } from '../../server/src/floor/questionStore.ts';
import { Notifier } from '../../server/src/notifications/notify.ts';
import { OutboxStore } from '../../server/src/notifications/outboxStore.ts';
import { PublicService } from '../../server/src/public/publicService.ts';
import type { Db, SqlParam } from '../../server/src/storage/db.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { WorkingGroupStore } from '../../server/src/workingGroups/workingGroupStore.ts';
import { backends } from '../helpers/storeBackends.ts';

interface Read {
  sql: string;
  params: readonly SqlParam[];
}

/** Runs `fn` and returns the reads it made through `db` whose SQL names `table`. */
async function readsOf(db: Db, table: string, fn: () => Promise<unknown>): Promise<Read[]> {
  const reads: Read[] = [];
  const all = db.all.bind(db);
  const get = db.get.bind(db);
  db.all = ((sql: string, params: readonly SqlParam[] = []) => {
    reads.push({ sql, params });
    return all(sql, params);
  }) as Db['all'];
  db.get = ((sql: string, params: readonly SqlParam[] = []) => {
    reads.push({ sql, params });
    return get(sql, params);
  }) as Db['get'];
  try {
    await fn();
  } finally {
    db.all = all;
    db.get = get;
  }
  return reads.filter((read) => new RegExp(`\\b${table}\\b`).test(read.sql));
}

describe.each(backends('growthreads'))('reads that must not walk a table, on $name', (backend) => {
  let store: Store;

  /** The plan's steps, one string each. */
  async function plan(read: Read): Promise<string[]> {
    if (store.db.dialect === 'sqlite') {
      const steps = await store.db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${read.sql}`, read.params);
      return steps.map((step) => step.detail);
    }
    return store.db.transaction(async (tx) => {
      await tx.run('SET LOCAL enable_seqscan = off');
      const steps = await tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${read.sql}`, read.params);
      return steps.map((step) => step['QUERY PLAN']);
    });
  }

  /**
   * Asserts that the reads exist, that none walks `table` and that each finds its rows of `table`
   * by `column` through an index. A walk of a whole index is no better than one of the table, so
   * not using the table's own rows is not enough.
   */
  async function expectIndexed(reads: Read[], table: string, column: string): Promise<void> {
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      const steps = (await plan(read)).map((step) => step.trim());
      const shown = `${read.sql}\n${steps.join('\n')}`;
      if (store.db.dialect === 'sqlite') {
        // SQLite's plan names a table by its alias in the statement, when it has one.
        const alias = new RegExp(`\\b${table}\\s+(?!JOIN|WHERE|ON|ORDER|GROUP|LIMIT|LEFT|INNER)(\\w+)`, 'i').exec(read.sql)?.[1];
        const names = alias ? `(${table}|${alias})` : table;
        expect(
          steps.filter((step) => new RegExp(`^SCAN ${names}\\b`).test(step)),
          shown,
        ).toEqual([]);
        expect(
          steps.some((step) => new RegExp(`^SEARCH ${names} USING .*\\(.*\\b${column}\\b`).test(step)),
          shown,
        ).toBe(true);
      } else {
        expect(
          steps.filter((step) => new RegExp(`Seq Scan on ${table}\\b`).test(step)),
          shown,
        ).toEqual([]);
        expect(
          steps.some((step) => new RegExp(`^(Index Cond|Recheck Cond): .*\\b${column}\\b`).test(step)),
          shown,
        ).toBe(true);
      }
    }
  }

  beforeAll(async () => {
    store = await backend.open();
    await seedDemo(store, new Notifier({ dialect: store.db.dialect, coalesceMs: 60_000, origin: 'http://127.0.0.1' }));
  });
  afterAll(async () => {
    await store?.close();
    await backend.dispose();
  });

  it('finds a meeting’s elections by their working groups, not among every poll', async () => {
    const groups = new WorkingGroupStore(store.db);
    const reads = await readsOf(store.db, 'polls', async () => {
      const listed = await groups.listByMeeting(DEMO_MEETING.id);
      expect(listed.length).toBeGreaterThan(0);
      await groups.view(listed[0]!.id);
    });
    expect(reads).toHaveLength(2);
    await expectIndexed(reads, 'polls', 'working_group_id');
  });

  it('finds the action items due for a reminder without reading every action', async () => {
    const outbox = new OutboxStore(store.db);
    const reads = await readsOf(store.db, 'action_items', () => outbox.actionsDueBy('2099-12-31'));
    await expectIndexed(reads, 'action_items', 'due_end');
  });

  it('reads a meeting’s question moderation log without the other meetings’ entries', async () => {
    const questions = new QuestionStore(store.db);
    const reads = await readsOf(store.db, 'question_moderation', () => questions.moderationLog(DEMO_MEETING.id));
    await expectIndexed(reads, 'question_moderation', 'meeting_id');
  });

  it('reads why hands left an item’s list (the live floor map) from that item’s hands only', async () => {
    const floor = new FloorStore(store.db);
    const reads = await readsOf(store.db, 'floor_hands', () => floor.leftReasons(DEMO_MEETING.id, 'item-1'));
    await expectIndexed(reads, 'floor_hands', 'item_id');
  });

  /**
   * Every open public page asks for its fingerprint every ten seconds: each table it reads, by the column
   * that finds the meeting's rows (the names, working groups, actions and registration were added to it later).
   */
  it.each([
    ['meetings', 'id'],
    ['proposals', 'meeting_id'],
    ['proposal_status_history', 'proposal_id'],
    ['polls', 'meeting_id'],
    ['poll_options', 'poll_id'],
    ['agenda_versions', 'meeting_id'],
    ['attachments', 'meeting_id'],
    ['moderation_log', 'meeting_id'],
    ['doc_updates', 'doc'],
    // A thread or a comment may also be found by its key from a row already found by meeting (the
    // public moderation log joins the meeting's log entries to their comments and threads).
    ['comment_threads', '(?:meeting_id|id)'],
    ['comments', '(?:thread_id|id)'],
    ['comment_mentions', 'comment_id'],
    ['users', 'id'],
    ['working_groups', 'meeting_id'],
    ['working_group_cofacilitators', 'group_id'],
    ['action_items', 'meeting_id'],
    ['meeting_registration_closed', 'meeting_id'],
  ])('reads the public page’s live fingerprint from the meeting’s rows of %s only', async (table, column) => {
    // The fingerprint opens no file: the store's directory is never written.
    const pages = new PublicService(store, createFileStore(store, tmpdir()));
    const reads = await readsOf(store.db, table, () => pages.fingerprint(DEMO_MEETING.id));
    await expectIndexed(reads, table, column);
  });
});
