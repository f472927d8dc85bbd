/**
 * Prepared statements whose text is built from their arguments (a list of placeholders, one text
 * per length) do not stay prepared for as long as the process runs: each held SQLite memory that
 * no collection gave back, and the lengths are as many as the data makes them (issue #20, S15).
 * Statements written once in the code stay prepared.
 */
import { describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../server/src/storage/sqliteDb.ts';
import { BUILT_STATEMENTS_KEPT, builtFromArguments, StatementCache } from '../../server/src/storage/statementCache.ts';

const list = (length: number) => Array.from({ length }, () => '?').join(', ');

describe('prepared statements', () => {
  it('keep a bounded number of lists of placeholders however many lengths come, and answer right', async () => {
    const db = openSqliteDb(':memory:');
    await db.run('CREATE TABLE updates (seq INTEGER PRIMARY KEY, folded INTEGER NOT NULL DEFAULT 0)');
    await db.transaction(async (tx) => {
      for (let seq = 1; seq <= 500; seq++) await tx.run('INSERT INTO updates (seq) VALUES (?)', [seq]);
    });
    const before = db.preparedStatements;
    // As a document folding 1 to 500 updates does, and a read of each length.
    for (let length = 1; length <= 500; length++) {
      const seqs = Array.from({ length }, (_, i) => i + 1);
      await db.run(`UPDATE updates SET folded = folded + 1 WHERE seq IN (${list(length)})`, seqs);
      const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM updates WHERE seq IN (${list(length)})`, seqs);
      expect(row?.n).toBe(length);
    }
    // The same lengths again, after they were let go: prepared again, still right.
    await db.run(`UPDATE updates SET folded = folded + 1 WHERE seq IN (${list(3)})`, [1, 2, 3]);
    const folded = await db.all<{ folded: number }>('SELECT folded FROM updates WHERE seq <= 4 ORDER BY seq');
    expect(folded.map((row) => row.folded)).toEqual([501, 500, 499, 497]);
    // Besides the most recent lists: `IN (?)` (one text, as if written) twice and the last read.
    expect(db.preparedStatements - before).toBeLessThanOrEqual(BUILT_STATEMENTS_KEPT + 3);
    await db.close();
  });

  it('prepare a statement written in the code once, and keep the most recently used lists', () => {
    const prepared: string[] = [];
    const cache = new StatementCache((sql) => {
      prepared.push(sql);
      return { sql };
    }, 3);
    const fixed = 'SELECT id FROM users WHERE id = ?';
    const lists = [1, 2, 3, 4].map((length) => `SELECT id FROM users WHERE id IN (${list(length + 1)})`);
    expect(cache.get(fixed)).toBe(cache.get(fixed));
    for (const sql of lists.slice(0, 3)) cache.get(sql);
    cache.get(lists[0]!); // used again: now the most recent
    cache.get(lists[3]!); // lets the least recently used go (lists[1])
    cache.get(lists[0]!);
    cache.get(lists[1]!);
    for (let length = 10; length < 200; length++) cache.get(`SELECT 1 WHERE 1 IN (${list(length)})`);
    cache.get(fixed);
    expect(prepared.filter((sql) => sql === fixed)).toHaveLength(1);
    expect(prepared.filter((sql) => sql === lists[0])).toHaveLength(1);
    expect(prepared.filter((sql) => sql === lists[1])).toHaveLength(2);
    expect(cache.size).toBe(1 + 3);
  });

  it('tell the texts built from their arguments from the texts written in the code', () => {
    expect(builtFromArguments('UPDATE doc_updates SET folded = 1 WHERE seq IN (?,?,?)')).toBe(true);
    expect(builtFromArguments('SELECT s.id FROM sessions s WHERE s.id IN (?, ?) AND s.expires_at > ?')).toBe(true);
    expect(builtFromArguments('INSERT INTO poll_ballots (a, b) VALUES (?, ?), (?, ?)')).toBe(true);
    expect(builtFromArguments('INSERT INTO poll_ballots (a, b, c) VALUES (?, ?, ?)')).toBe(false);
    expect(builtFromArguments('SELECT id FROM users WHERE id IN (?)')).toBe(false);
    expect(builtFromArguments("SELECT id FROM polls WHERE status IN ('open', 'closed') AND id = ?")).toBe(false);
  });
});
