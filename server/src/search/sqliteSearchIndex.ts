/**
 * The index on SQLite: the rows in `search_entries`, an ordinary table whose key columns are
 * indexed (as on PostgreSQL), and over it an FTS5 table with the trigram tokenizer that indexes
 * their title and body only (external content: the text is stored once). The trigram tokenizer
 * finds any substring of three characters or more in any script (Chinese has no spaces between
 * words) and folds case and Latin accents itself. Shorter words fall back to LIKE over the entries.
 *
 * Why two tables: FTS5 cannot index its other columns, so finding an entry by kind and key in an
 * FTS5 table reads the whole index. Every edit, hide or delete of a comment, and every store of a
 * collaborative document (while people type), replaced its rows that way: 3 ms per change with
 * 5,000 rows indexed, 22 ms with 20,000, on the event loop. Now the rows are found through an
 * index and leave the FTS5 table by rowid.
 */
import type { Db, SqlExecutor } from '../storage/db.ts';
import { type IndexEntry, type IndexRow, likeEscape, type SearchIndex, type SearchOptions, toEntry } from './searchIndexTypes.ts';
import { INDEX_COLUMNS, SQL_KINDS, sourceView, TABLE_REFRESHES, UPDATE_COLUMNS } from './searchSources.ts';
import { sqlFold } from './textFold.ts';

const COLUMNS = INDEX_COLUMNS.join(', ');
const OPS = ['INSERT', 'UPDATE', 'DELETE'] as const;
/** What FTS5 indexes of an entry; the other columns are only read back from `search_entries`. */
const TEXT_COLUMNS = 'title, body';
/** Removes a stored document's rows; `doc <> ''` picks the partial index, and an empty name never takes the SQL rows. */
export const DOCUMENT_ROWS_DELETE = "DELETE FROM search_entries WHERE doc = ? AND doc <> ''";
/**
 * FTS5 folds case and Latin accents but not Arabic, ё or the compatibility forms (full-width
 * letters, ligatures, presentation forms…): it indexes the entries' text folded as the queries are,
 * by `fold` itself (textFold.ts `sqlFold`, a function of every connection), through this view, its
 * external content. Its triggers give it the same
 * folded text, so that a removal names exactly what was indexed. The view is made again at every
 * start and FTS5 rebuilt from it (`setup`), so a changed fold reaches every row indexed before.
 */
const FTS_CONTENT = 'search_fts_src';
const foldTitle = (row: string) => sqlFold(`${row}.title`, 'sqlite');
const foldBody = (row: string) => sqlFold(`${row}.body`, 'sqlite');
const FTS_CONTENT_VIEW = `CREATE VIEW ${FTS_CONTENT} AS SELECT e.id, ${foldTitle('e')} AS title, ${foldBody('e')} AS body FROM search_entries e`;
const FTS_OPTIONS = `content = '${FTS_CONTENT}', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1'`;
/** The kinds whose entries a change finds by `target` (a poll's options): each gets a partial index. */
const TARGET_KINDS = [
  ...new Set(
    Object.values(TABLE_REFRESHES)
      .flat()
      .filter((refresh) => refresh.column === 'target')
      .map((refresh) => refresh.kind),
  ),
];

/** The entries of a changed row, found through `search_entries_ref` or a kind's `search_entries_target_*`. */
function entriesOf(kind: string, column: 'ref_id' | 'target', key: string): string {
  return `search_entries WHERE kind = '${kind}' AND ${column} = ${key}`;
}

function triggerSql(table: string, op: (typeof OPS)[number]): string {
  const body = TABLE_REFRESHES[table]!.flatMap(({ kind, column, key }) => {
    const statements: string[] = [];
    if (op !== 'INSERT') statements.push(`DELETE FROM ${entriesOf(kind, column, `OLD.${key}`)};`);
    if (op !== 'DELETE') {
      // A new row keyed by its own id has nothing in the index yet: no lookup to pay in every new
      // comment's transaction. A new attachment version (keyed by its attachment) replaces one.
      const fresh = op === 'INSERT' && key === 'id';
      if (!fresh) statements.push(`DELETE FROM ${entriesOf(kind, column, `NEW.${key}`)};`);
      statements.push(
        `INSERT INTO search_entries (${COLUMNS}) SELECT ${COLUMNS} FROM search_src WHERE kind = '${kind}' AND ${column} = NEW.${key};`,
      );
    }
    return statements;
  });
  const event = op === 'UPDATE' ? `UPDATE OF ${UPDATE_COLUMNS[table]!.join(', ')}` : op;
  return `CREATE TRIGGER search_${table}_${op.toLowerCase()} AFTER ${event} ON ${table} BEGIN\n${body.join('\n')}\nEND`;
}

/** The triggers that keep the FTS5 table in step with `search_entries` (external content does not follow by itself). */
const ENTRY_TRIGGERS = [
  `CREATE TRIGGER search_entries_insert AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts (rowid, ${TEXT_COLUMNS}) VALUES (NEW.id, ${foldTitle('NEW')}, ${foldBody('NEW')});
  END`,
  // FTS5 removes an external-content row by being told the text it indexed.
  `CREATE TRIGGER search_entries_delete AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, ${TEXT_COLUMNS}) VALUES ('delete', OLD.id, ${foldTitle('OLD')}, ${foldBody('OLD')});
  END`,
  `CREATE TRIGGER search_entries_update AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, ${TEXT_COLUMNS}) VALUES ('delete', OLD.id, ${foldTitle('OLD')}, ${foldBody('OLD')});
    INSERT INTO search_fts (rowid, ${TEXT_COLUMNS}) VALUES (NEW.id, ${foldTitle('NEW')}, ${foldBody('NEW')});
  END`,
];

export class SqliteSearchIndex implements SearchIndex {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async setup(): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Before the entries table, the FTS5 table held the rows itself. Its document rows are
      // indexed again from the stored documents at the first search (DocumentIndexer.backfill).
      // Later it indexed the entries' text unfolded (content = 'search_entries'): it is dropped too,
      // and rebuilt below from the entries, documents included, through the folding view.
      const fts = await tx.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'");
      if (fts && !fts.sql.includes(`content = '${FTS_CONTENT}'`)) await tx.run('DROP TABLE search_fts');
      await tx.run(`CREATE TABLE IF NOT EXISTS search_entries (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL, meeting_id TEXT NOT NULL, target TEXT NOT NULL,
        doc TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL)`);
      await tx.run('CREATE INDEX IF NOT EXISTS search_entries_ref ON search_entries (kind, ref_id)');
      // Partial indexes: a new comment's entry is written to no index it will never be looked up by.
      for (const kind of TARGET_KINDS) {
        await tx.run(
          `CREATE INDEX IF NOT EXISTS search_entries_target_${kind} ON search_entries (target) WHERE kind = '${kind}'`,
        );
      }
      await tx.run("CREATE INDEX IF NOT EXISTS search_entries_doc ON search_entries (doc) WHERE doc <> ''");
      await tx.run(`DROP VIEW IF EXISTS ${FTS_CONTENT}`);
      await tx.run(FTS_CONTENT_VIEW);
      await tx.run(`CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(${TEXT_COLUMNS}, ${FTS_OPTIONS})`);
      // Recreated at every start so that a newer definition replaces an older one.
      for (const op of OPS) await tx.run(`DROP TRIGGER IF EXISTS search_entries_${op.toLowerCase()}`);
      for (const table of Object.keys(TABLE_REFRESHES)) {
        for (const op of OPS) await tx.run(`DROP TRIGGER IF EXISTS search_${table}_${op.toLowerCase()}`);
      }
      await tx.run('DROP VIEW IF EXISTS search_src');
      await tx.run(`CREATE VIEW search_src AS ${sourceView('sqlite')}`);
      // The SQL rows are read again from their tables, then the FTS5 index is built from every
      // entry in one pass (cheaper than removing and adding them one by one through the triggers).
      const kinds = SQL_KINDS.map((kind) => `'${kind}'`).join(', ');
      await tx.run(`DELETE FROM search_entries WHERE kind IN (${kinds})`);
      await tx.run(`INSERT INTO search_entries (${COLUMNS}) SELECT ${COLUMNS} FROM search_src`);
      await tx.run("INSERT INTO search_fts (search_fts) VALUES ('rebuild')");
      for (const sql of ENTRY_TRIGGERS) await tx.run(sql);
      for (const table of Object.keys(TABLE_REFRESHES)) {
        for (const op of OPS) await tx.run(triggerSql(table, op));
      }
    });
  }

  async replaceDocument(doc: string, entries: IndexEntry[], tx: SqlExecutor = this.db): Promise<void> {
    const write = async (executor: SqlExecutor) => {
      await executor.run(DOCUMENT_ROWS_DELETE, [doc]);
      for (const entry of entries) {
        await executor.run(`INSERT INTO search_entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
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
    const rows = await this.db.all<{ doc: string }>("SELECT DISTINCT doc FROM search_entries WHERE doc <> ''");
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
    // Folded by the queries' own fold (Latin accents, Arabic, case), so that "el" finds "él" and او finds أو.
    for (const word of short) {
      where.push(`(${sqlFold('e.title', 'sqlite')} LIKE ? ESCAPE '\\' OR ${sqlFold('e.body', 'sqlite')} LIKE ? ESCAPE '\\')`);
      params.push(`%${likeEscape(word)}%`, `%${likeEscape(word)}%`);
    }
    if (options.meetingId) {
      where.push('e.meeting_id = ?');
      params.push(options.meetingId);
    }
    params.push(options.limit);
    // Words of three characters or more go through FTS5 (best first); only shorter ones read every entry.
    const from = long.length > 0 ? 'search_fts JOIN search_entries e ON e.id = search_fts.rowid' : 'search_entries e';
    const order = long.length > 0 ? 'ORDER BY search_fts.rank' : '';
    const rows = await this.db.all<IndexRow>(
      `SELECT e.kind, e.ref_id, e.meeting_id, e.target, e.title, e.body FROM ${from} WHERE ${where.join(' AND ')} ${order} LIMIT ?`,
      params,
    );
    return rows.map(toEntry);
  }
}
