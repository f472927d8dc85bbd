/**
 * The search index behind one interface: SQLite FTS5 with the trigram tokenizer, or PostgreSQL
 * with pg_trgm over folded text. Both are kept current by triggers (see searchSources.ts);
 * text of collaborative documents is written by `replaceDocument` when a document is stored.
 */
import type { Db } from '../storage/db.ts';
import { PostgresSearchIndex } from './postgresSearchIndex.ts';
import type { SearchIndex } from './searchIndexTypes.ts';
import { SqliteSearchIndex } from './sqliteSearchIndex.ts';

export {
  type IndexEntry,
  type IndexRow,
  likeEscape,
  type SearchIndex,
  type SearchOptions,
  toEntry,
} from './searchIndexTypes.ts';

export function createSearchIndex(db: Db): SearchIndex {
  return db.dialect === 'postgres' ? new PostgresSearchIndex(db) : new SqliteSearchIndex(db);
}
