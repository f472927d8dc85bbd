/**
 * The contracts of the attachment file store and of the search index: the same tests on SQLite
 * (files on disk, FTS5 trigram) and on PostgreSQL (chunks in a table, pg_trgm).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore, FileTooLarge } from '../../server/src/attachments/fileStore.ts';
import { CommentStore } from '../../server/src/comments/commentStore.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { seedDemo } from '../../server/src/demo/seedDemo.ts';
import { Notifier } from '../../server/src/notifications/notify.ts';
import { DocumentIndexer } from '../../server/src/search/documentIndexer.ts';
import { createSearchIndex, type SearchIndex } from '../../server/src/search/searchIndex.ts';
import { DOCUMENT_ROWS_DELETE } from '../../server/src/search/sqliteSearchIndex.ts';
import { queryWords } from '../../server/src/search/textFold.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { backends } from '../helpers/storeBackends.ts';
import { tempDir } from '../helpers/testServer.ts';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Bytes in small pieces, as a network upload arrives. */
function pieces(data: Buffer, size = 10_000): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
    })(),
  );
}

describe.each(backends('search'))('file store and search index on $name', (backend) => {
  let store: Store;
  let files: FileStore;
  let index: SearchIndex;
  const find = async (query: string, meetingId?: string) =>
    index.search(queryWords(query), { limit: 50, ...(meetingId ? { meetingId } : {}) });

  beforeAll(async () => {
    store = await backend.open();
    files = createFileStore(store, tempDir('files'));
    index = createSearchIndex(store.db);
    await index.setup();
    await seedDemo(store, new Notifier({ dialect: store.db.dialect, coalesceMs: 60_000, origin: 'http://127.0.0.1' }));
  });
  afterAll(async () => {
    await store?.close();
    await backend.dispose();
  });

  describe('file store', () => {
    it('stores a file by its SHA-256 and gives back the same bytes, in pieces larger than a chunk', async () => {
      const data = randomBytes(700_000);
      const stored = await files.put(pieces(data), 1_000_000);
      expect(stored.size).toBe(data.length);
      expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.head.equals(data.subarray(0, stored.head.length))).toBe(true);
      expect((await readAll((await files.open(stored.sha256))!)).equals(data)).toBe(true);
      // The same bytes again: one stored file.
      expect((await files.put(pieces(data), 1_000_000)).sha256).toBe(stored.sha256);
      expect((await readAll((await files.open(stored.sha256))!)).equals(data)).toBe(true);
    });

    it('stops at the limit and keeps nothing of a file that is too large', async () => {
      const data = randomBytes(300_000);
      await expect(files.put(pieces(data), 200_000)).rejects.toBeInstanceOf(FileTooLarge);
      const sha = (await import('node:crypto')).createHash('sha256').update(data).digest('hex');
      expect(await files.open(sha)).toBeNull();
      if (backend.name === 'postgres') {
        expect(await store.db.get("SELECT 1 AS ok FROM file_chunks WHERE file_key LIKE 'tmp-%'")).toBeUndefined();
      }
    });

    it('forgets a removed file and answers null for unknown or malformed keys', async () => {
      const stored = await files.put(pieces(Buffer.from('plain text to forget')), 1000);
      await files.remove(stored.sha256);
      expect(await files.open(stored.sha256)).toBeNull();
      expect(await files.open('../../etc/passwd')).toBeNull();
    });
  });

  describe('search index', () => {
    it('finds Arabic, Chinese, Russian and English demo content', async () => {
      const arabic = await find('الشباب');
      expect(arabic.some((row) => row.kind === 'comment' && row.body.includes('المنطقة العربية'))).toBe(true);
      // Chinese has no spaces: two and three characters inside a sentence.
      expect((await find('会议')).some((row) => row.body.includes('会议记录'))).toBe(true);
      expect((await find('青年论坛')).some((row) => row.body.includes('亚太地区'))).toBe(true);
      // Russian, any case.
      expect((await find('ВОСТОЧНОЙ европе')).some((row) => row.body.startsWith('Поддерживаю'))).toBe(true);
      expect((await find('Global Digital Compact')).some((row) => row.kind === 'proposal')).toBe(true);
    });

    it('is accent- and case-insensitive both ways', async () => {
      await store.db.run(
        "UPDATE working_groups SET description = 'Préparer le résumé de la consultation' WHERE id = (SELECT MIN(id) FROM working_groups)",
      );
      expect((await find('resume CONSULTATION')).some((row) => row.kind === 'workingGroup')).toBe(true);
      expect((await find('RÉSUMÉ')).some((row) => row.kind === 'workingGroup')).toBe(true);
      // Words under three letters, which no trigram holds, too.
      await index.replaceDocument('proposal:p-short', [
        { kind: 'proposalText', refId: 'p-short', meetingId: DEMO_MEETING.id, target: 'p-short', title: '', body: 'Él dijo SÍ' },
      ]);
      for (const query of ['él', 'EL', 'si', 'sí'])
        expect(
          (await find(query)).map((row) => row.refId),
          query,
        ).toContain('p-short');
      await index.replaceDocument('proposal:p-short', []);
    });

    it('finds Arabic words with hamza or harakat however they are typed, in rows and in documents', async () => {
      // Text as people write it (إ, أ, آ, ؤ, ئ precomposed; harakat on one word), queries with and without them.
      await store.db.run('UPDATE working_groups SET description = ? WHERE id = (SELECT MIN(id) FROM working_groups)', [
        'حوكمة الإنترنت والتعاون الرقمي العالمي',
      ]);
      await index.replaceDocument('proposal:p-arabic', [
        {
          kind: 'proposalText',
          refId: 'p-arabic',
          meetingId: DEMO_MEETING.id,
          target: 'p-arabic',
          title: '',
          body: 'أسئلة المسؤولين عن القرآن وبيئة مُتَعَدِّدَة أو واحدة',
        },
      ]);
      for (const query of ['الإنترنت', 'الانترنت', 'إنترنت', 'انترنت', 'نترنت', 'حوكمة']) {
        expect(
          (await find(query)).some((row) => row.kind === 'workingGroup' && row.body.includes('الإنترنت')),
          query,
        ).toBe(true);
      }
      for (const query of ['أسئلة', 'اسئلة', 'المسؤولين', 'المسوولين', 'القران', 'بيئة', 'بيية', 'متعددة', 'مُتَعَدِّدَة']) {
        expect(
          (await find(query)).map((row) => row.refId),
          query,
        ).toEqual(['p-arabic']);
      }
      // Words under three letters, which no trigram holds: folded the same way.
      for (const query of ['أو', 'او'])
        expect(
          (await find(query)).map((row) => row.refId),
          query,
        ).toContain('p-arabic');
      await index.replaceDocument('proposal:p-arabic', []);
    });

    it('folds text and queries the same way on both stores: ё as е, full-width and ligatures as their letters, ß, æ, ø, ł and й kept', async () => {
      // A document (an uploaded text's words reach the index the same way as a stored proposal's)
      // and an SQL row (the triggers' path), each holding every case.
      const text = 'Ёлка ＡＢＣ１２３ ﬁnancement Straße Æbeltoft København Łódź йод';
      const group = await store.db.get<{ id: string }>('SELECT MIN(id) AS id FROM working_groups');
      await store.db.run('UPDATE working_groups SET description = ? WHERE id = ?', [text, group!.id]);
      await index.replaceDocument('proposal:p-fold', [
        { kind: 'proposalText', refId: 'p-fold', meetingId: DEMO_MEETING.id, target: 'p-fold', title: '', body: text },
      ]);
      const found = async (query: string) =>
        (await find(query)).filter((row) => row.refId === 'p-fold' || row.refId === group!.id).map((row) => row.kind);
      const both = ['proposalText', 'workingGroup'];
      // Every word finds the text as written and as people type it; on PostgreSQL "Ёлка" and
      // "ёлка" found nothing (the index folded ё, the query did not), on SQLite "елка" nothing.
      for (const query of ['Ёлка', 'ёлка', 'елка', 'ЕЛКА', 'е\u0308лка', 'ёл', 'ел']) {
        expect((await found(query)).sort(), query).toEqual(both);
      }
      // Full-width letters and digits (Chinese text) and ligatures (PDFs): SQLite found neither form.
      for (const query of ['ＡＢＣ', 'abc', 'ABC１２３', '123', 'ﬁnancement', 'financement']) {
        expect((await found(query)).sort(), query).toEqual(both);
      }
      // Letters of their own, found as written on both stores (PostgreSQL's unaccent made them
      // ss, ae, o, l: "Straße" found nothing there, "Strasse" found it on PostgreSQL alone).
      for (const query of ['Straße', 'STRAßE', 'Æbeltoft', 'København', 'Łódź', 'łodz', 'йод']) {
        expect((await found(query)).sort(), query).toEqual(both);
      }
      for (const query of ['strasse', 'aebeltoft', 'kobenhavn', 'lódź', 'иод']) {
        expect(await found(query), query).toEqual([]);
      }
      await index.replaceDocument('proposal:p-fold', []);
    });

    it('finds the rarer compatibility forms as their plain letters and the plain letters as them, the same on both stores', async () => {
      // What a PDF's text or a pasted title may hold: Arabic presentation forms (الإنترنت as some PDFs
      // extract it), circled and mathematical letters, Kangxi radicals, a CJK compatibility ideograph,
      // a Latin digraph, a Roman numeral and a squared unit. Each row holds either the forms or the
      // plain letters, in an SQL row (the triggers' path) and in a document (the indexer's path).
      const forms = 'ﺍﻟﺈﻧﺘﺮﻧﺖ ⓘⓖⓕ 𝐌𝐀𝐆 ⼈⼯智能 豈 ĳsselmeer Ⅻ ㎞';
      const plain = 'الإنترنت igf mag 人工智能 豈 ijsselmeer xii km';
      const [first, second] = await store.db.all<{ id: string }>('SELECT id FROM working_groups ORDER BY id LIMIT 2');
      await store.db.run('UPDATE working_groups SET description = ? WHERE id = ?', [forms, first!.id]);
      await store.db.run('UPDATE working_groups SET description = ? WHERE id = ?', [plain, second!.id]);
      const doc = (refId: string, body: string) => ({
        kind: 'proposalText' as const,
        refId,
        meetingId: DEMO_MEETING.id,
        target: refId,
        title: '',
        body,
      });
      await index.replaceDocument('proposal:p-forms', [doc('p-forms', forms)]);
      await index.replaceDocument('proposal:p-plain', [doc('p-plain', plain)]);
      const mine = ['p-forms', 'p-plain', first!.id, second!.id];
      const found = async (query: string) =>
        (await find(query))
          .filter((row) => mine.includes(row.refId))
          .map((row) => row.refId)
          .sort();
      const all = [...mine].sort();
      // Before, SQLite folded none of these forms: the plain words missed the forms' rows, the
      // forms missed the plain rows (and, on PostgreSQL, found both).
      for (const [written, typed] of [
        ['ﺍﻟﺈﻧﺘﺮﻧﺖ', 'الانترنت'],
        ['ⓘⓖⓕ', 'IGF'],
        ['𝐌𝐀𝐆', 'mag'],
        ['⼈⼯智能', '人工'],
        ['豈', '豈'],
        ['ĳsselmeer', 'ijssel'],
        ['Ⅻ', 'xii'],
        ['㎞', 'km'],
      ] as const) {
        expect(await found(written), written).toEqual(all);
        expect(await found(typed), typed).toEqual(all);
      }
      await index.replaceDocument('proposal:p-forms', []);
      await index.replaceDocument('proposal:p-plain', []);
    });

    it('indexes an action’s owner by its readable name, never the JSON it is stored as', async () => {
      const action = await store.db.get<{ id: string; owner: string }>(
        'SELECT id, owner FROM action_items WHERE owner LIKE \'%"role"%\' LIMIT 1',
      );
      expect(action).toBeDefined();
      const label = (JSON.parse(action!.owner) as { label: string }).label;
      for (const query of ['kind', 'label', 'role', '"', '{"']) {
        expect(
          (await find(query)).filter((row) => row.kind === 'action'),
          query,
        ).toEqual([]);
      }
      const found = (await find(label)).find((row) => row.refId === action!.id);
      expect(found?.body).toBe(label);
    });

    it('follows every change in the same transaction, and a hidden comment leaves the index', async () => {
      const row = await store.db.get<{ id: string }>(`SELECT c.id FROM comments c WHERE c.body LIKE ?`, ['%Восточной%']);
      expect(row).toBeDefined();
      await store.db.transaction(async (tx) => {
        await tx.run('UPDATE comments SET hidden_at = ?, hidden_by = NULL, hidden_reason = ? WHERE id = ?', [
          Date.now(),
          'test',
          row!.id,
        ]);
      });
      expect(await find('Поддерживаю')).toEqual([]);
      // A rolled-back change leaves the index as it was.
      await store.db
        .transaction(async (tx) => {
          await tx.run('UPDATE comments SET hidden_at = NULL WHERE id = ?', [row!.id]);
          throw new Error('roll back');
        })
        .catch(() => {});
      expect(await find('Поддерживаю')).toEqual([]);
      await store.db.run('UPDATE comments SET hidden_at = NULL WHERE id = ?', [row!.id]);
      expect((await find('Поддерживаю')).map((found) => found.refId)).toEqual([row!.id]);
    });

    it('finds a new comment at once, indexed once, without its insert scanning the index', async () => {
      const comment = await store.db.get<{ thread_id: string; author_id: string }>(
        'SELECT thread_id, author_id FROM comments LIMIT 1',
      );
      const id = await new CommentStore(store.db).addComment(comment!.thread_id, comment!.author_id, 'Quetzalcoatl paragraph');
      expect((await find('quetzalcoatl')).map((found) => found.refId)).toEqual([id]);
      if (backend.name === 'sqlite') {
        // FTS5 does not index the key columns: a DELETE by ref_id in the insert trigger read the whole
        // index for every new comment (3-9 ms with 5,000 rows). A new row has nothing to replace.
        const trigger = await store.db.get<{ sql: string }>(
          "SELECT sql FROM sqlite_master WHERE name = 'search_comments_insert'",
        );
        expect(trigger!.sql).not.toContain('DELETE');
        const version = await store.db.get<{ sql: string }>(
          "SELECT sql FROM sqlite_master WHERE name = 'search_attachment_versions_insert'",
        );
        expect(version!.sql).toContain('DELETE FROM search_entries');
      }
    });

    it('never indexes ballots, only poll questions and options', async () => {
      const ballot = await store.db.get<{ choices: string }>('SELECT choices FROM poll_ballots LIMIT 1');
      const option = await store.db.get<{ label: string }>('SELECT label FROM poll_options LIMIT 1');
      expect((await find(option!.label)).some((found) => found.kind === 'pollOption')).toBe(true);
      if (ballot) expect(await find(ballot.choices)).toEqual([]);
    });

    it('replaces the rows of a stored document and limits results to one meeting', async () => {
      const entry = (body: string) => ({
        kind: 'agendaItem',
        refId: `${DEMO_MEETING.id}:x1`,
        meetingId: DEMO_MEETING.id,
        target: 'x1',
        title: '1. Timeline',
        body,
      });
      await index.replaceDocument(`agenda:${DEMO_MEETING.id}`, [entry('Zanzibar retreat logistics')]);
      expect((await find('zanzibar', DEMO_MEETING.id)).map((found) => found.target)).toEqual(['x1']);
      await index.replaceDocument(`agenda:${DEMO_MEETING.id}`, [entry('Nairobi retreat logistics')]);
      expect(await find('zanzibar')).toEqual([]);
      expect(await find('nairobi', 'another-meeting')).toEqual([]);
    });

    it('treats LIKE wildcards and quotes in a query as text', async () => {
      expect(await find('%')).toEqual([]);
      expect(await find('"_')).toEqual([]);
    });

    it('indexes again, at the first search, an agenda whose rows hold the English "(untitled item)" of before 2026-12-07', async () => {
      const agenda = `agenda:${DEMO_MEETING.id}`;
      const silent = { warn() {} } as unknown as FastifyBaseLogger;
      // The demo agenda indexed from its stored document, as a first search finds it unindexed.
      await index.replaceDocument(agenda, []);
      await new DocumentIndexer(store, index, silent).backfill();
      const row = await store.db.get<{ ref_id: string; title: string }>(
        "SELECT ref_id, title FROM search_entries WHERE kind = 'agendaItem' AND doc = ? ORDER BY ref_id LIMIT 1",
        [agenda],
      );
      expect(row).toBeDefined();
      // Its first item's row as the index wrote an untitled item's before that day: the English
      // words found it for every reader.
      const number = row!.title.split(' ')[0];
      const stale = `${number} (untitled item)`;
      await store.db.run("UPDATE search_entries SET title = ? WHERE kind = 'agendaItem' AND ref_id = ?", [stale, row!.ref_id]);
      // PostgreSQL searches the row's folded text, kept beside it.
      if (backend.name === 'postgres')
        await store.db.run("UPDATE search_entries SET norm = search_fold(title || ' ' || body) WHERE ref_id = ?", [row!.ref_id]);
      expect((await find('untitled item')).map((found) => found.refId)).toContain(row!.ref_id);

      // The next process's first search: the agenda is indexed again from what it holds.
      await new DocumentIndexer(store, index, silent).backfill();
      expect((await find('untitled item')).map((found) => found.refId)).not.toContain(row!.ref_id);
      const repaired = await store.db.get<{ title: string }>(
        "SELECT title FROM search_entries WHERE kind = 'agendaItem' AND ref_id = ?",
        [row!.ref_id],
      );
      expect(repaired?.title).toBe(row!.title);
    });
  });

  if (backend.name === 'postgres') {
    describe('PostgreSQL folded text', () => {
      it('folds the stored documents’ rows again when the folding changes', async () => {
        // The previous search_fold removed harakat but kept إ, so الانترنت missed الإنترنت.
        await store.db.run(`CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
          SELECT lower(regexp_replace(t, '[\\u0610-\\u061a\\u064b-\\u065f\\u0670]', '', 'g')) $fn$`);
        await index.replaceDocument('proposal:p-old', [
          {
            kind: 'proposalText',
            refId: 'p-old',
            meetingId: DEMO_MEETING.id,
            target: 'p-old',
            title: '',
            body: 'منتدى إدارة الإنترنت',
          },
        ]);
        expect(await find('ادارة')).toEqual([]);
        await index.setup();
        expect((await find('ادارة')).map((row) => row.refId)).toEqual(['p-old']);
        expect((await find('الانترنت')).map((row) => row.refId)).toContain('p-old');
      });

      it('folds again the documents’ rows indexed through unaccent, so that "Straße" and "Ёлка" find them', async () => {
        // The search_fold of before: unaccent's rules made ß "ss" and ё "е" where the query kept them.
        await store.db.run('CREATE EXTENSION IF NOT EXISTS unaccent');
        await store.db.run(`CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
          SELECT lower(unaccent(t)) $fn$`);
        await index.replaceDocument('proposal:p-unaccent', [
          {
            kind: 'proposalText',
            refId: 'p-unaccent',
            meetingId: DEMO_MEETING.id,
            target: 'p-unaccent',
            title: '',
            body: 'Straße Ёлка',
          },
        ]);
        expect((await find('Straße')).map((row) => row.refId)).not.toContain('p-unaccent');
        await index.setup();
        for (const query of ['Straße', 'Ёлка', 'елка']) {
          expect(
            (await find(query)).map((row) => row.refId),
            query,
          ).toContain('p-unaccent');
        }
        await index.replaceDocument('proposal:p-unaccent', []);
      });
    });
  }

  // SQLite keeps the rows in `search_entries` with FTS5 over them (external content); PostgreSQL has one table.
  if (backend.name === 'sqlite') {
    describe('SQLite entries under FTS5', () => {
      it('finds the rows a change replaces through an index, never by reading them all', async () => {
        // FTS5 indexes no key column: each edit, hide or delete, and each store of a document while
        // people type, used to read the whole index (22 ms with 20,000 rows) on the event loop.
        const triggers = await store.db.all<{ sql: string }>(
          "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'",
        );
        const lookups = triggers.flatMap(({ sql }) => sql.match(/DELETE FROM search_entries WHERE [^;]+/g) ?? []);
        expect(lookups.length).toBeGreaterThan(10);
        expect(triggers.every(({ sql }) => !/FROM search_fts WHERE/.test(sql))).toBe(true);
        for (const statement of [...lookups.map((lookup) => lookup.replace(/\b(OLD|NEW)\.\w+/g, '?')), DOCUMENT_ROWS_DELETE]) {
          const plan = await store.db.all<{ detail: string }>(
            `EXPLAIN QUERY PLAN ${statement}`,
            statement
              .split('?')
              .slice(1)
              .map(() => 'x'),
          );
          expect(plan.map((step) => step.detail).join('; '), statement).toMatch(/^SEARCH search_entries USING (COVERING )?INDEX/);
        }
      });

      it('keeps the full-text index exactly in step with its rows', async () => {
        const integrity = () => store.db.run("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)");
        const comment = await store.db.get<{ id: string; thread_id: string; author_id: string }>(
          'SELECT id, thread_id, author_id FROM comments LIMIT 1',
        );
        const comments = new CommentStore(store.db);
        const id = await comments.addComment(comment!.thread_id, comment!.author_id, 'Ouagadougou paragraph');
        await comments.editComment(id, 'Tegucigalpa paragraph');
        await comments.deleteComment(comment!.id);
        await index.replaceDocument('proposal:p-check', [
          {
            kind: 'proposalText',
            refId: 'p-check',
            meetingId: DEMO_MEETING.id,
            target: 'p-check',
            title: '',
            body: 'Valparaíso',
          },
        ]);
        await index.replaceDocument('proposal:p-check', []);
        expect(await find('ouagadougou')).toEqual([]);
        expect((await find('tegucigalpa')).map((found) => found.refId)).toEqual([id]);
        expect(await find('valparaiso')).toEqual([]);
        await integrity();
        // The check has teeth: an entry removed behind FTS5's back is found out.
        await store.db.run('DROP TRIGGER search_entries_delete');
        await store.db.run('DELETE FROM search_entries WHERE kind = ? AND ref_id = ?', ['comment', id]);
        await expect(integrity()).rejects.toThrow(/malformed|corrupt/i);
        // The rebuild at start reads the SQL rows again and rebuilds FTS5 from the entries.
        await index.setup();
        await integrity();
        expect((await find('tegucigalpa')).map((found) => found.refId)).toEqual([id]);
      });

      it('rebuilds an index of unfolded Arabic, keeping its documents’ rows', async () => {
        // The previous form: FTS5 over the entries' text as it is, so الانترنت missed الإنترنت.
        for (const op of ['insert', 'update', 'delete']) await store.db.run(`DROP TRIGGER search_entries_${op}`);
        await store.db.run('DROP TABLE search_fts');
        await store.db.run(
          "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content = 'search_entries', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1')",
        );
        await store.db.run(
          "INSERT INTO search_entries (kind, ref_id, meeting_id, target, doc, title, body) VALUES ('proposalText', 'p-old', ?, 'p-old', 'proposal:p-old', '', 'منتدى إدارة الإنترنت')",
          [DEMO_MEETING.id],
        );
        await store.db.run("INSERT INTO search_fts (search_fts) VALUES ('rebuild')");
        await index.setup();
        expect((await find('الانترنت')).map((row) => row.refId)).toContain('p-old');
        expect((await find('ادارة')).map((row) => row.refId)).toEqual(['p-old']);
        await store.db.run("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)");
        await index.replaceDocument('proposal:p-old', []);
      });

      it('rebuilds an index made before the entries table, leaving its documents to be indexed again', async () => {
        for (const { name } of await store.db.all<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'",
        )) {
          await store.db.run(`DROP TRIGGER ${name}`);
        }
        await store.db.run('DROP TABLE search_fts');
        await store.db.run('DROP TABLE search_entries');
        await store.db.run(
          `CREATE VIRTUAL TABLE search_fts USING fts5(kind UNINDEXED, ref_id UNINDEXED, meeting_id UNINDEXED, target UNINDEXED,
          doc UNINDEXED, title, body, tokenize = 'trigram remove_diacritics 1')`,
        );
        await store.db.run("INSERT INTO search_fts VALUES ('agendaItem', 'm:x9', ?, 'x9', ?, 'Old', 'Timbuktu')", [
          DEMO_MEETING.id,
          `agenda:${DEMO_MEETING.id}`,
        ]);
        await index.setup();
        const fts = await store.db.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'search_fts'");
        expect(fts!.sql).toContain("content = 'search_fts_src'");
        expect((await find('Global Digital Compact')).some((row) => row.kind === 'proposal')).toBe(true);
        // Its document rows are gone; DocumentIndexer.backfill indexes such documents again at the first search.
        expect(await find('timbuktu')).toEqual([]);
        expect((await index.indexedDocuments()).has(`agenda:${DEMO_MEETING.id}`)).toBe(false);
      });
    });
  }
});
