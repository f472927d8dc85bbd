/**
 * What three reads cost as the store fills with past meetings (issue #20): the working groups'
 * view of the demo meeting (its elections among every poll), the outbox's minute check of the
 * action items due for a reminder, and the demo meeting's question moderation log. The store gets
 * other meetings' polls (one in ten an election), action items (most of them done) and moderated
 * questions, up to each size, and at each size the probe times the three reads through the
 * project's own stores. Each runs on the event loop that relays the edits.
 *
 *   node bench/probes/cycleGrowthReads.ts        (from the repository; prints one line per size)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { seedDemo } from '../../server/src/demo/seedDemo.ts';
import { QuestionStore } from '../../server/src/floor/questionStore.ts';
import { Notifier } from '../../server/src/notifications/notify.ts';
import { OutboxStore } from '../../server/src/notifications/outboxStore.ts';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { openStore } from '../../server/src/storage/store.ts';
import { WorkingGroupStore } from '../../server/src/workingGroups/workingGroupStore.ts';
import { medianTime } from './medianTime.ts';

/** Rows of each kind (polls, action items, moderation entries) in the store at each step. */
const SIZES = [1_000, 10_000, 50_000];
const REPEATS = 20;
/** Rows of each kind per past meeting: about a cycle's meeting. */
const PER_MEETING = 100;

const timed = (run: () => Promise<unknown>) => medianTime(run, REPEATS);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-growth-probe-'));
try {
  const store = await openStore({ dataDir, migrations: ALL_MIGRATIONS });
  await seedDemo(store, new Notifier({ dialect: store.db.dialect, coalesceMs: 60_000, origin: 'http://127.0.0.1' }));
  const user = await store.db.get<{ id: string }>('SELECT id FROM users ORDER BY id LIMIT 1');
  const groups = new WorkingGroupStore(store.db);
  const outbox = new OutboxStore(store.db);
  const questions = new QuestionStore(store.db);
  const now = Date.now();
  let written = 0;
  for (const size of SIZES) {
    await store.db.transaction(async (tx) => {
      for (; written < size; written++) {
        const meeting = `past-${Math.floor(written / PER_MEETING)}`;
        if (written % PER_MEETING === 0) {
          await tx.run('INSERT INTO meetings (id, title, starts_on, created_at) VALUES (?, ?, ?, ?)', [
            meeting,
            `Past meeting ${meeting}`,
            '2020-01-01',
            now,
          ]);
          await tx.run('INSERT INTO working_groups (id, meeting_id, name, created_at) VALUES (?, ?, ?, ?)', [
            `${meeting}-wg`,
            meeting,
            'Working group',
            now,
          ]);
        }
        await tx.run(
          `INSERT INTO polls (id, meeting_id, question, kind, audience, working_group_id, status, created_at)
           VALUES (?, ?, 'Question', 'single', 'members', ?, 'closed', ?)`,
          [`${meeting}-p${written}`, meeting, written % 10 === 0 ? `${meeting}-wg` : null, now],
        );
        await tx.run(
          `INSERT INTO action_items (id, meeting_id, position, text, owner, owner_user_id, due_end, status, source_type, created_at, updated_at)
           VALUES (?, ?, ?, 'Action', 'Someone', ?, '2020-02-01', ?, 'direct', ?, ?)`,
          [`${meeting}-a${written}`, meeting, written, user!.id, written % 200 === 0 ? 'open' : 'done', now, now],
        );
        await tx.run(
          `INSERT INTO questions (id, meeting_id, item_id, author_id, text, status, created_at) VALUES (?, ?, 'i1', ?, 'Why?', 'hidden', ?)`,
          [`${meeting}-q${written}`, meeting, user!.id, now],
        );
        await tx.run(
          `INSERT INTO question_moderation (meeting_id, question_id, action, actor_id, reason, at) VALUES (?, ?, 'hide', ?, 'off topic', ?)`,
          [meeting, `${meeting}-q${written}`, user!.id, now],
        );
      }
    });
    const view = await timed(() => groups.listByMeeting(DEMO_MEETING.id));
    const due = await timed(() => outbox.actionsDueBy(new Date(now + 86_400_000).toISOString().slice(0, 10)));
    const log = await timed(() => questions.moderationLog(DEMO_MEETING.id));
    console.log(
      `${String(written).padStart(6)} rows of each kind: working groups' view ${view.toFixed(3)} ms, ` +
        `actions due ${due.toFixed(3)} ms, moderation log ${log.toFixed(3)} ms (medians of ${REPEATS})`,
    );
  }
  await store.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
