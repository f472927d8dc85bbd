/**
 * What folding costs the SQLite search index: for 200 and 20,000 characters of English, French,
 * Russian, Arabic and Chinese (with its full-width punctuation), the median time of the index side's fold
 * alone (`sqlFold(…, 'sqlite')` in a SELECT) and of storing a document of that text (its row
 * replaced, the FTS5 triggers folding it on the way), through the project's own store and index;
 * and the queries' `fold`, `foldWithMap` (the snippets' fold) and a whole `snippetOf` (its folded
 * text searched, as a result's snippet is cut) in JavaScript.
 *
 *   node bench/probes/searchFoldCost.ts            (from the repository; one line per text)
 *
 * 2026-12-08, 20,000 characters, the snippets' fold before / after it folded by combining sequence
 * with runs of Cyrillic and Arabic letters (two runs each, the 2-core machine shared, load 24–27):
 * foldWithMap Russian 0.89–0.92 → 0.33–0.35 ms, Arabic 0.53–0.55 → 0.33 ms; snippet Russian
 * 1.0–1.1 → 0.36 ms, Arabic 0.63–0.67 → 0.37–0.47 ms (docs/attachments-and-search.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { createSearchIndex } from '../../server/src/search/searchIndex.ts';
import { fold, foldWithMap, queryWords, snippetOf, sqlFold } from '../../server/src/search/textFold.ts';
import { openStore } from '../../server/src/storage/store.ts';
import { medianTime } from './medianTime.ts';

const TEXTS: Record<string, string> = {
  English: 'The delegations discussed the implementation of the Global Digital Compact, including AI governance. ',
  French: 'Les délégations ont examiné la mise en œuvre du Pacte numérique mondial, y compris l’intelligence artificielle. ',
  Russian: 'Делегации обсудили осуществление Глобального цифрового договора, включая ёмкость сетей. ',
  Arabic: 'ناقشت الوفود تنفيذ الميثاق الرقمي العالمي، بما في ذلك الذكاء الاصطناعي والإنترنت. ',
  Chinese: '各国代表团在会议上讨论了全球数字契约的实施，（包括人工智能治理）：数据保护；互联网接入！是否？',
};
const LENGTHS = [200, 20_000];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-fold-probe-'));
try {
  const store = await openStore({ dataDir, migrations: ALL_MIGRATIONS });
  const index = createSearchIndex(store.db);
  await index.setup();
  const format = (ms: number) => (ms < 1 ? `${Math.round(ms * 1000)} µs` : `${ms.toFixed(1)} ms`);
  for (const [language, sample] of Object.entries(TEXTS)) {
    for (const length of LENGTHS) {
      const text = sample.repeat(Math.ceil(length / sample.length)).slice(0, length);
      const repeats = length > 1000 ? 50 : 500;
      const sqlFoldMs = await medianTime(
        () => store.db.get(`WITH t(x) AS (SELECT ?) SELECT length(${sqlFold('x', 'sqlite')}) AS n FROM t`, [text]),
        repeats,
      );
      const entry = { kind: 'proposalText' as const, refId: 'p-probe', meetingId: 'm-probe', target: 'p-probe', title: '' };
      const storeMs = await medianTime(() => index.replaceDocument('proposal:p-probe', [{ ...entry, body: text }]), repeats);
      const foldMs = await medianTime(async () => fold(text), repeats);
      const mapMs = await medianTime(async () => foldWithMap(text), repeats);
      // A word that is not there: the whole folded text is searched.
      const snippetMs = await medianTime(async () => snippetOf(text, queryWords('Zanzibar')), repeats);
      console.log(
        `${language} ${length.toLocaleString('en')} characters: SQL fold ${format(sqlFoldMs)}, document stored ${format(storeMs)}, fold ${format(foldMs)}, foldWithMap ${format(mapMs)}, snippet ${format(snippetMs)}`,
      );
    }
  }
  await store.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
