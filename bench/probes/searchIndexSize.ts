/**
 * What the SQLite search index costs as it grows (issue #20): on the demo store, the index is
 * filled with comments to 500, 2,000, 5,000 and 20,000 rows, and at each size the probe times,
 * through the project's own stores, the changes that touch it on the event loop: a new comment
 * (its transaction and commit), an edit of a comment, and a store
 * of an agenda of 12 items (its rows replaced, as the document indexer does while people type).
 *
 *   node bench/probes/searchIndexSize.ts            (from the repository; prints one line per size)
 *
 * A fresh benchmark server holds a few hundred rows; a board used for a few years holds tens of
 * thousands, which the scenarios do not reach.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CommentStore } from '../../server/src/comments/commentStore.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { seedDemo } from '../../server/src/demo/seedDemo.ts';
import { Notifier } from '../../server/src/notifications/notify.ts';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { createSearchIndex } from '../../server/src/search/searchIndex.ts';
import type { SqlExecutor } from '../../server/src/storage/db.ts';
import { openStore } from '../../server/src/storage/store.ts';
import { median, timeOnce } from './medianTime.ts';

const SIZES = [500, 2_000, 5_000, 20_000];
/** Comments timed one transaction each at every size (the rest are written in bulk). */
const TIMED = 200;
const REPEATS = 30;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-search-probe-'));
try {
  const store = await openStore({ dataDir, migrations: ALL_MIGRATIONS });
  const index = createSearchIndex(store.db);
  await index.setup();
  await seedDemo(store, new Notifier({ dialect: store.db.dialect, coalesceMs: 60_000, origin: 'http://127.0.0.1' }));
  const comments = new CommentStore(store.db);
  const author = (await store.db.get<{ id: string }>('SELECT id FROM users ORDER BY id LIMIT 1'))!.id;
  const doc = `agenda:${DEMO_MEETING.id}`;
  const rows = async () => (await store.db.get<{ n: number }>('SELECT count(*) AS n FROM search_fts'))!.n;
  const ids: string[] = [];
  const newComment = (k: number, tx: SqlExecutor = store.db) =>
    comments.createThread(
      { meetingId: DEMO_MEETING.id, doc, anchor: null, authorId: author, body: `could you check the wording of paragraph ${k}?` },
      tx,
    );
  for (const size of SIZES) {
    await store.db.transaction(async (tx) => {
      for (let k = ids.length; k < size - TIMED; k++) ids.push((await newComment(k, tx)).commentId);
    });
    const inserts: number[] = [];
    while (ids.length < size) {
      inserts.push(
        await timeOnce(() => store.db.transaction(async (tx) => ids.push((await newComment(ids.length, tx)).commentId))),
      );
    }
    const edits: number[] = [];
    for (let k = 0; k < REPEATS; k++) {
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      edits.push(await timeOnce(() => comments.editComment(id, `the wording of paragraph ${k}, edited`)));
    }
    const stores: number[] = [];
    for (let k = 0; k < REPEATS; k++) {
      const items = Array.from({ length: 12 }, (_, j) => ({
        kind: 'agendaItem',
        refId: `${DEMO_MEETING.id}:probe${j}`,
        meetingId: DEMO_MEETING.id,
        target: `probe${j}`,
        title: `${j + 1}. Item ${j + 1}`,
        body: `the notes of item ${j + 1}, version ${k}`,
      }));
      stores.push(await timeOnce(() => index.replaceDocument(doc, items)));
    }
    console.log(
      `${String(await rows()).padStart(6)} rows indexed: new comment ${median(inserts).toFixed(3)} ms, ` +
        `comment edit ${median(edits).toFixed(3)} ms, agenda store ${median(stores).toFixed(3)} ms (medians)`,
    );
  }
  await store.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
