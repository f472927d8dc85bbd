/**
 * Yjs documents in the store: an append-only log of updates, and a snapshot per document.
 *
 * Every update a client sends is appended before the server applies and acknowledges it.
 * Compaction writes a new snapshot and marks, by number, exactly the log rows it contains as
 * folded. The new snapshot always includes the stored one (merge, never replace), so an instance
 * cannot overwrite another's newer state and a failed load cannot store an empty document over
 * a real one. Folded rows stay in the log as the document's history.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db, GroupCommit, SqlExecutor } from '../storage/db.ts';

export interface LoggedUpdate {
  seq: number;
  data: Uint8Array;
}

export interface StoredUpdate extends LoggedUpdate {
  userId: string | null;
  createdAt: number;
}

export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** Log rows not yet folded into the snapshot, oldest first. */
  updates: LoggedUpdate[];
}

/**
 * Log rows marked folded per statement, each in a turn of its own: about half a millisecond of SQLite on the
 * event loop (a row's update also takes it out of the partial index of unfolded rows).
 */
export const FOLD_ROWS_PER_TURN = 250;

const APPEND_UPDATE = 'INSERT INTO doc_updates (doc, data, user_id, created_at) VALUES (?, ?, ?, ?)';

export class DocumentStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Appends one update and resolves with its sequence number once it is durable. */
  async append(doc: string, update: Uint8Array, userId: string | null = null, tx: SqlExecutor = this.db): Promise<number> {
    return tx.insert(APPEND_UPDATE, [doc, update, userId, Date.now()], 'seq');
  }

  /**
   * Appends one update to the group commit's open group at once (only when the group is not
   * busy) and returns its sequence number; durable once the group commits.
   */
  appendNow(doc: string, update: Uint8Array, userId: string | null, group: GroupCommit): number {
    return group.insertNow(APPEND_UPDATE, [doc, update, userId, Date.now()], 'seq');
  }

  /** What is stored of a document; a document never written has no snapshot and no updates. */
  async load(doc: string): Promise<StoredDocument> {
    const snapshot = await this.db.get<{ data: Uint8Array }>('SELECT data FROM doc_snapshots WHERE doc = ?', [doc]);
    const rows = await this.db.all<{ seq: number; data: Uint8Array }>(
      'SELECT seq, data FROM doc_updates WHERE doc = ? AND folded = 0 ORDER BY seq',
      [doc],
    );
    return {
      snapshot: snapshot ? toBytes(snapshot.data) : null,
      updates: rows.map((row) => ({ seq: Number(row.seq), data: toBytes(row.data) })),
    };
  }

  /**
   * Writes a new snapshot and marks `foldedSeqs` folded. The snapshot is written in a transaction
   * that holds the document's lock, with the first FOLD_ROWS_PER_TURN rows; the rest are marked
   * FOLD_ROWS_PER_TURN at a time, an event-loop turn apart, so that compacting ten seconds of
   * typing (thousands of rows, several ms of SQLite on the event loop) never holds every socket
   * at once. Each row is in the snapshot before it is marked, so the store is right between two
   * steps: a row not yet marked is only applied again at the next load (Yjs ignores what a
   * document already has) and folded by the next compaction. `build` receives the snapshot
   * stored right now and must return a state that includes it and every row in `foldedSeqs`.
   */
  async saveSnapshot(
    doc: string,
    foldedSeqs: readonly number[],
    build: (stored: Uint8Array | null) => Uint8Array,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockDocument(tx, doc);
      const stored = await tx.get<{ data: Uint8Array }>('SELECT data FROM doc_snapshots WHERE doc = ?', [doc]);
      const state = build(stored ? toBytes(stored.data) : null);
      await tx.run(
        `INSERT INTO doc_snapshots (doc, data, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (doc) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
        [doc, state, Date.now()],
      );
      await markFolded(tx, foldedSeqs.slice(0, FOLD_ROWS_PER_TURN));
    });
    for (let i = FOLD_ROWS_PER_TURN; i < foldedSeqs.length; i += FOLD_ROWS_PER_TURN) {
      await nextTurn();
      // One statement: atomic without a transaction, and it needs no lock (every later
      // snapshot, of any instance, includes this one).
      await markFolded(this.db, foldedSeqs.slice(i, i + FOLD_ROWS_PER_TURN));
    }
  }

  /**
   * A mark that changes whenever the document's content changes (the number of its last update), read
   * from an index only: for a reader that polls, such as the public page's live updating. Every change
   * is a row of the log, and compaction folds rows without removing them or adding any, so the
   * snapshot's time is left out: a compaction, two seconds after every edit, changes nothing a reader sees.
   */
  async revision(doc: string): Promise<string> {
    const row = await this.db.get<{ last: number | null }>('SELECT MAX(seq) AS last FROM doc_updates WHERE doc = ?', [doc]);
    return String(row?.last ?? 0);
  }

  /** The log of a document after `afterSeq`, oldest first (version history, audits). */
  async history(doc: string, afterSeq = 0, limit = 10_000): Promise<StoredUpdate[]> {
    const rows = await this.db.all<{ seq: number; data: Uint8Array; user_id: string | null; created_at: number }>(
      'SELECT seq, data, user_id, created_at FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq LIMIT ?',
      [doc, afterSeq, limit],
    );
    return rows.map((row) => ({
      seq: Number(row.seq),
      data: toBytes(row.data),
      userId: row.user_id,
      createdAt: Number(row.created_at),
    }));
  }

  /** Serialises snapshot writes of one document across instances (SQLite transactions are already serial). */
  private async lockDocument(tx: SqlExecutor, doc: string): Promise<void> {
    if (this.db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(hashtext(?)) AS locked', [doc]);
  }
}

async function markFolded(tx: SqlExecutor, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  await tx.run(`UPDATE doc_updates SET folded = 1 WHERE seq IN (${seqs.map(() => '?').join(',')})`, seqs);
}

/** pg returns Buffers and node:sqlite Uint8Arrays; Yjs wants a plain Uint8Array view of either. */
function toBytes(data: Uint8Array): Uint8Array {
  return Buffer.isBuffer(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data;
}
