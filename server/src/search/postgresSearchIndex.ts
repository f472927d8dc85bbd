/**
 * The index on PostgreSQL: a table of rows with their text folded by `search_fold`, the queries'
 * `fold` (textFold.ts) in SQL (`sqlFold`), and a pg_trgm GIN index, so that `LIKE '%word%'` finds a
 * substring in any script quickly (Chinese has no spaces between words).
 */
import type { Db, SqlExecutor } from '../storage/db.ts';
import { holdStartupLock } from '../storage/migrations.ts';
import { type IndexEntry, type IndexRow, likeEscape, type SearchIndex, type SearchOptions, toEntry } from './searchIndexTypes.ts';
import { INDEX_COLUMNS, SQL_KINDS, sourceView, TABLE_REFRESHES, UPDATE_COLUMNS } from './searchSources.ts';
import { sqlFold } from './textFold.ts';

const COLUMNS = INDEX_COLUMNS.join(', ');
const SELECT_FOLDED = `SELECT ${COLUMNS}, search_fold(title || ' ' || body) FROM search_src`;

function triggerFunctionSql(table: string): string {
  const body = TABLE_REFRESHES[table]!.map(
    ({ kind, column, key }) => `
    IF TG_OP <> 'INSERT' THEN DELETE FROM search_entries WHERE kind = '${kind}' AND ${column} = OLD.${key}; END IF;
    IF TG_OP <> 'DELETE' THEN
      DELETE FROM search_entries WHERE kind = '${kind}' AND ${column} = NEW.${key};
      INSERT INTO search_entries (${COLUMNS}, norm) ${SELECT_FOLDED} WHERE kind = '${kind}' AND ${column} = NEW.${key};
    END IF;`,
  ).join('\n');
  return `CREATE OR REPLACE FUNCTION search_on_${table}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
  ${body}
    RETURN NULL;
  END $fn$`;
}

async function tryExtension(db: Db, name: string): Promise<boolean> {
  try {
    await db.run(`CREATE EXTENSION IF NOT EXISTS ${name}`);
  } catch {
    // Not installed, or no right to create it: checked below.
  }
  return (await db.get('SELECT 1 AS ok FROM pg_extension WHERE extname = ?', [name])) !== undefined;
}

export class PostgresSearchIndex implements SearchIndex {
  private trigram = false;

  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async setup(): Promise<void> {
    this.trigram = await tryExtension(this.db, 'pg_trgm');
    await this.db.transaction(async (tx) => {
      // Several instances may start at once: one sets up at a time, never beside a demo seed.
      await holdStartupLock(this.db, tx);
      await tx.run(`CREATE TABLE IF NOT EXISTS search_entries (
        kind TEXT NOT NULL, ref_id TEXT NOT NULL, meeting_id TEXT NOT NULL, target TEXT NOT NULL, doc TEXT NOT NULL,
        title TEXT NOT NULL, body TEXT NOT NULL, norm TEXT NOT NULL)`);
      await tx.run('CREATE INDEX IF NOT EXISTS search_entries_ref ON search_entries (kind, ref_id)');
      await tx.run('CREATE INDEX IF NOT EXISTS search_entries_target ON search_entries (kind, target)');
      await tx.run('CREATE INDEX IF NOT EXISTS search_entries_doc ON search_entries (doc)');
      if (this.trigram) {
        await tx.run('CREATE INDEX IF NOT EXISTS search_entries_norm ON search_entries USING gin (norm gin_trgm_ops)');
      }
      const foldedBefore = await this.foldDefinition(tx);
      // Not unaccent: its rules (and any installation's own) folded ß, æ, ø, ł, ё… where the
      // queries' fold keeps them, so that "Straße" or "Ёлка" found nothing. PARALLEL SAFE: the
      // same text always gives the same fold (normalize and lower are).
      await tx.run(`CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT ${sqlFold('t', 'postgres')} $fn$`);
      // The SQL rows are folded again below; a document's rows only when the folding has changed
      // (an upgrade: a new fold, or a Node whose Unicode lists more Latin letters or marks), as
      // their text is not read again at start.
      if (foldedBefore !== undefined && foldedBefore !== (await this.foldDefinition(tx))) {
        await tx.run("UPDATE search_entries SET norm = search_fold(title || ' ' || body) WHERE doc <> ''");
      }
      await tx.run(`CREATE OR REPLACE VIEW search_src AS ${sourceView('postgres')}`);
      for (const table of Object.keys(TABLE_REFRESHES)) {
        await tx.run(triggerFunctionSql(table));
        await tx.run(`CREATE OR REPLACE TRIGGER search_on_${table} AFTER INSERT OR UPDATE OF ${UPDATE_COLUMNS[table]!.join(', ')} OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION search_on_${table}()`);
      }
      const kinds = SQL_KINDS.map((kind) => `'${kind}'`).join(', ');
      await tx.run(`DELETE FROM search_entries WHERE kind IN (${kinds})`);
      await tx.run(`INSERT INTO search_entries (${COLUMNS}, norm) ${SELECT_FOLDED}`);
    });
  }

  private async foldDefinition(tx: SqlExecutor): Promise<string | undefined> {
    const row = await tx.get<{ src: string }>("SELECT prosrc AS src FROM pg_proc WHERE oid = to_regproc('search_fold')");
    return row?.src;
  }

  async replaceDocument(doc: string, entries: IndexEntry[], tx?: SqlExecutor): Promise<void> {
    const write = async (executor: SqlExecutor) => {
      await executor.run('DELETE FROM search_entries WHERE doc = ?', [doc]);
      for (const entry of entries) {
        await executor.run(`INSERT INTO search_entries (${COLUMNS}, norm) VALUES (?, ?, ?, ?, ?, ?, ?, search_fold(?))`, [
          entry.kind,
          entry.refId,
          entry.meetingId,
          entry.target,
          doc,
          entry.title,
          entry.body,
          `${entry.title} ${entry.body}`,
        ]);
      }
    };
    if (tx) await write(tx);
    else await this.db.transaction(write);
  }

  async indexedDocuments(): Promise<Set<string>> {
    const rows = await this.db.all<{ doc: string }>("SELECT DISTINCT doc FROM search_entries WHERE doc <> ''");
    return new Set(rows.map((row) => row.doc));
  }

  async search(words: string[], options: SearchOptions): Promise<IndexEntry[]> {
    if (words.length === 0) return [];
    const where: string[] = [];
    const params: (string | number)[] = [];
    for (const word of words) {
      where.push("norm LIKE ? ESCAPE '\\'");
      params.push(`%${likeEscape(word)}%`);
    }
    if (options.meetingId) {
      where.push('meeting_id = ?');
      params.push(options.meetingId);
    }
    let order = 'ORDER BY kind, ref_id';
    if (this.trigram) {
      order = 'ORDER BY similarity(norm, ?) DESC, kind, ref_id';
      params.push(words.join(' '));
    }
    params.push(options.limit);
    const rows = await this.db.all<IndexRow>(
      `SELECT kind, ref_id, meeting_id, target, title, body FROM search_entries WHERE ${where.join(' AND ')} ${order} LIMIT ?`,
      params,
    );
    return rows.map(toEntry);
  }
}
