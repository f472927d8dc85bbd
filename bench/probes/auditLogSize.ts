/**
 * What the secretariat's audit reader costs as the log grows (issue #20): the log is filled to
 * 10,000, 50,000 and 200,000 entries (mostly ballots, as votes make it), and at each size the
 * probe times, through `AuditLog`, the reader's list of actions and its searches by a rare
 * prefix, a common prefix and an exact action. Each runs on the event loop that relays the edits.
 *
 *   node bench/probes/auditLogSize.ts            (from the repository; prints one line per size)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { openStore } from '../../server/src/storage/store.ts';
import { medianTime } from './medianTime.ts';

const SIZES = [10_000, 50_000, 200_000];
const REPEATS = 20;
/** The actions of a busy cycle: four ballots for every other entry. */
const ACTIONS = [
  'poll.ballot',
  'poll.ballot',
  'poll.ballot',
  'poll.ballot',
  'thread.create',
  'comment.create',
  'proposal.update',
  'session.login',
];

const timed = (run: () => Promise<unknown>) => medianTime(run, REPEATS);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-audit-probe-'));
try {
  const store = await openStore({ dataDir, migrations: ALL_MIGRATIONS });
  const start = Date.now() - 400_000_000;
  let written = 0;
  for (const size of SIZES) {
    await store.db.transaction(async (tx) => {
      for (; written < size; written++) {
        await tx.run("INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES (?, ?, ?, ?, '{}')", [
          start + written * 1000,
          `u${written % 300}`,
          ACTIONS[written % ACTIONS.length]!,
          `s${written}`,
        ]);
      }
      // One archived meeting in the whole log: the rare prefix.
      if (size === SIZES[0]) await store.audit.record({ actorId: 'u1', action: 'meeting.archive', subject: 'meeting:m1' }, tx);
    });
    const actions = await timed(() => store.audit.actions());
    const rare = await timed(() => store.audit.search({ action: 'meeting.' }));
    const common = await timed(() => store.audit.search({ action: 'poll.' }));
    const exact = await timed(() => store.audit.search({ action: 'comment.create' }));
    console.log(
      `${String(written).padStart(7)} entries: actions ${actions.toFixed(2)} ms, rare prefix ${rare.toFixed(2)} ms, ` +
        `common prefix ${common.toFixed(2)} ms, exact action ${exact.toFixed(2)} ms (medians of ${REPEATS}, 1,000 entries at most)`,
    );
  }
  await store.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
