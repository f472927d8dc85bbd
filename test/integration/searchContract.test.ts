/**
 * The contracts of the attachment file store and of the search index: the same tests on SQLite
 * (files on disk, FTS5 trigram) and on PostgreSQL (chunks in a table, pg_trgm).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore, FileTooLarge } from '../../server/src/attachments/fileStore.ts';
import { CommentStore } from '../../server/src/comments/commentStore.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { seedDemo } from '../../server/src/demo/seedDemo.ts';
import { Notifier } from '../../server/src/notifications/notify.ts';
import { createSearchIndex, type SearchIndex } from '../../server/src/search/searchIndex.ts';
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
        expect(version!.sql).toContain('DELETE FROM search_fts');
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
  });
});
