/**
 * The index on SQLite: an FTS5 table with the trigram tokenizer, which finds any substring of
 * three characters or more in any script (Chinese has no spaces between words) and folds case
 * and Latin accents itself. Shorter words fall back to LIKE over the same table.
 */
import type { Db, SqlExecutor } from '../storage/db.ts';
import { type IndexEntry, type IndexRow, likeEscape, type SearchIndex, type SearchOptions, toEntry } from './searchIndexTypes.ts';
import { INDEX_COLUMNS, SOURCE_VIEW, SQL_KINDS, TABLE_REFRESHES, UPDATE_COLUMNS } from './searchSources.ts';

const COLUMNS = INDEX_COLUMNS.join(', ');
const OPS = ['INSERT', 'UPDATE', 'DELETE'] as const;

function triggerSql(table: string, op: (typeof OPS)[number]): string {
  const body = TABLE_REFRESHES[table]!.flatMap(({ kind, column, key }) => {
    const statements: string[] = [];
    if (op !== 'INSERT') statements.push(`DELETE FROM search_fts WHERE kind = '${kind}' AND ${column} = OLD.${key};`);
    if (op !== 'DELETE') {
      // A new row keyed by its own id has nothing in the index yet, and this DELETE scans the whole
      // index (FTS5 does not index kind, ref_id or target): with 5,000 rows indexed it took 3-9 ms of
      // every new comment's transaction. A new attachment version (keyed by its attachment) replaces one.
      const fresh = op === 'INSERT' && key === 'id';
      if (!fresh) statements.push(`DELETE FROM search_fts WHERE kind = '${kind}' AND ${column} = NEW.${key};`);
      statements.push(
        `INSERT INTO search_fts (${COLUMNS}) SELECT ${COLUMNS} FROM search_src WHERE kind = '${kind}' AND ${column} = NEW.${key};`,
      );
    }
    return statements;
  });
  const event = op === 'UPDATE' ? `UPDATE OF ${UPDATE_COLUMNS[table]!.join(', ')}` : op;
  return `CREATE TRIGGER search_${table}_${op.toLowerCase()} AFTER ${event} ON ${table} BEGIN\n${body.join('\n')}\nEND`;
}

export class SqliteSearchIndex implements SearchIndex {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async setup(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
          kind UNINDEXED, ref_id UNINDEXED, meeting_id UNINDEXED, target UNINDEXED, doc UNINDEXED, title, body,
          tokenize = 'trigram remove_diacritics 1')`,
      );
      // Recreated at every start so that a newer definition replaces an older one.
      for (const table of Object.keys(TABLE_REFRESHES)) {
        for (const op of OPS) await tx.run(`DROP TRIGGER IF EXISTS search_${table}_${op.toLowerCase()}`);
      }
      await tx.run('DROP VIEW IF EXISTS search_src');
      await tx.run(`CREATE VIEW search_src AS ${SOURCE_VIEW}`);
      for (const table of Object.keys(TABLE_REFRESHES)) {
        for (const op of OPS) await tx.run(triggerSql(table, op));
      }
      const kinds = SQL_KINDS.map((kind) => `'${kind}'`).join(', ');
      await tx.run(`DELETE FROM search_fts WHERE kind IN (${kinds})`);
      await tx.run(`INSERT INTO search_fts (${COLUMNS}) SELECT ${COLUMNS} FROM search_src`);
    });
  }

  async replaceDocument(doc: string, entries: IndexEntry[], tx: SqlExecutor = this.db): Promise<void> {
    const write = async (executor: SqlExecutor) => {
      await executor.run('DELETE FROM search_fts WHERE doc = ?', [doc]);
      for (const entry of entries) {
        await executor.run(`INSERT INTO search_fts (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
          entry.kind,
          entry.refId,
          entry.meetingId,
          entry.target,
          doc,
          entry.title,
          entry.body,
        ]);
      }
    };
    if (tx === this.db) await this.db.transaction(write);
    else await write(tx);
  }

  async indexedDocuments(): Promise<Set<string>> {
    const rows = await this.db.all<{ doc: string }>("SELECT DISTINCT doc FROM search_fts WHERE doc <> ''");
    return new Set(rows.map((row) => row.doc));
  }

  async search(words: string[], options: SearchOptions): Promise<IndexEntry[]> {
    if (words.length === 0) return [];
    const long = words.filter((word) => [...word].length >= 3);
    const short = words.filter((word) => [...word].length < 3);
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (long.length > 0) {
      where.push('search_fts MATCH ?');
      params.push(long.map((word) => `"${word.replaceAll('"', '""')}"`).join(' '));
    }
    for (const word of short) {
      where.push("(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')");
      params.push(`%${likeEscape(word)}%`, `%${likeEscape(word)}%`);
    }
    if (options.meetingId) {
      where.push('meeting_id = ?');
      params.push(options.meetingId);
    }
    params.push(options.limit);
    const order = long.length > 0 ? 'ORDER BY rank' : '';
    const rows = await this.db.all<IndexRow>(
      `SELECT kind, ref_id, meeting_id, target, title, body FROM search_fts WHERE ${where.join(' AND ')} ${order} LIMIT ?`,
      params,
    );
    return rows.map(toEntry);
  }
}
