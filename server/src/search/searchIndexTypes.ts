/** The search index interface and row helpers both implementations share, apart from searchIndex.ts (no cycle). */
import type { SqlExecutor } from '../storage/db.ts';

export interface IndexEntry {
  kind: string;
  refId: string;
  meetingId: string;
  target: string;
  title: string;
  body: string;
}

export interface SearchOptions {
  meetingId?: string;
  limit: number;
}

export interface SearchIndex {
  /** Creates what the index needs (idempotent), installs the triggers and rebuilds the SQL rows. */
  setup(): Promise<void>;
  /** Replaces every row that came from document `doc` (e.g. `agenda:m1`). */
  replaceDocument(doc: string, entries: IndexEntry[], tx?: SqlExecutor): Promise<void>;
  /** The documents that have rows in the index. */
  indexedDocuments(): Promise<Set<string>>;
  /** Rows containing every word (already folded, see textFold.ts), best first. */
  search(words: string[], options: SearchOptions): Promise<IndexEntry[]>;
}

export interface IndexRow {
  kind: string;
  ref_id: string;
  meeting_id: string;
  target: string;
  title: string;
  body: string;
}

export const toEntry = (row: IndexRow): IndexEntry => ({
  kind: row.kind,
  refId: row.ref_id,
  meetingId: row.meeting_id,
  target: row.target,
  title: row.title,
  body: row.body,
});

/** Escapes a LIKE pattern's wildcards (with `ESCAPE '\\'`). */
export const likeEscape = (word: string): string => word.replace(/[\\%_]/g, (c) => `\\${c}`);
