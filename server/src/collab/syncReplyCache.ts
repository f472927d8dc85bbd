/**
 * Reuses the encoded answer to a sync request (sync step 1) while a document does not change.
 *
 * Why (issue #13, finding 4): every sync step 1 is answered with Y.encodeStateAsUpdate of the
 * whole document against the requester's state vector. A new or reconnecting client sends an
 * empty one, so a hundred sockets syncing a large document made the server encode the same
 * megabytes a hundred times, and a bystander's edit waited behind them (p99 5.8 ms -> 1,003 ms).
 * Here the encoding is done once per document version and state vector and then copied.
 *
 * An entry lives until the end of the document's next transaction (any transaction: one that adds
 * only pending structs or deletions changes the answer too), until the document is destroyed
 * (unloaded), or until the LRU budget pushes it out. Entries are keyed by the state vector's
 * bytes; a few per document are kept (the empty state vector is the common one).
 */
import * as Y from 'yjs';

export interface SyncReplyCacheLimits {
  /** Bytes kept in all (answers and their state-vector keys), least recently used dropped first. */
  maxBytes: number;
  /** An answer larger than this is encoded for each request and not kept. */
  maxReplyBytes: number;
  /** State vectors kept per document. */
  perDocument: number;
}

export const DEFAULT_SYNC_REPLY_LIMITS: SyncReplyCacheLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxReplyBytes: 16 * 1024 * 1024,
  perDocument: 4,
};

interface Entry {
  doc: Y.Doc;
  key: string;
  update: Uint8Array;
  bytes: number;
}

export interface SyncReplyCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

export class SyncReplyCache {
  private readonly limits: SyncReplyCacheLimits;
  /** Every entry, least recently used first (a Map keeps insertion order; a hit re-inserts). */
  private readonly lru = new Map<Entry, true>();
  private readonly byDocument = new Map<Y.Doc, Map<string, Entry>>();
  /** Documents whose transactions and destruction clear their entries. */
  private readonly tracked = new WeakSet<Y.Doc>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(limits: SyncReplyCacheLimits = DEFAULT_SYNC_REPLY_LIMITS) {
    this.limits = limits;
  }

  /**
   * Starts caching for `doc`. 'afterTransactionCleanup' comes after garbage collection and struct
   * merging, so nothing encoded before the end of a transaction survives it.
   */
  track(doc: Y.Doc): void {
    if (this.tracked.has(doc)) return;
    this.tracked.add(doc);
    doc.on('afterTransactionCleanup', () => this.invalidate(doc));
    doc.on('destroy', () => this.invalidate(doc));
  }

  /** Y.encodeStateAsUpdate(doc, stateVector), encoded once per version of a tracked document. */
  updateFor(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
    // Untracked, or inside a transaction (the state is moving): nothing would clear the entry in time.
    if (!this.tracked.has(doc) || doc._transaction !== null) return Y.encodeStateAsUpdate(doc, stateVector);
    const key = keyOf(stateVector);
    const entries = this.byDocument.get(doc);
    const found = entries?.get(key);
    if (found) {
      this.hits++;
      this.lru.delete(found);
      this.lru.set(found, true);
      return found.update;
    }
    this.misses++;
    const update = Y.encodeStateAsUpdate(doc, stateVector);
    if (update.byteLength <= this.limits.maxReplyBytes) this.keep(doc, key, update);
    return update;
  }

  /** Forgets every answer for `doc`. */
  invalidate(doc: Y.Doc): void {
    const entries = this.byDocument.get(doc);
    if (!entries) return;
    this.byDocument.delete(doc);
    for (const entry of entries.values()) {
      this.lru.delete(entry);
      this.bytes -= entry.bytes;
    }
  }

  stats(): SyncReplyCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.lru.size, bytes: this.bytes };
  }

  private keep(doc: Y.Doc, key: string, update: Uint8Array): void {
    const entry: Entry = { doc, key, update, bytes: update.byteLength + key.length };
    if (entry.bytes > this.limits.maxBytes) return;
    let entries = this.byDocument.get(doc);
    if (!entries) {
      entries = new Map();
      this.byDocument.set(doc, entries);
    }
    if (entries.size >= this.limits.perDocument) {
      // The document's least recently used state vector makes room.
      let oldest: Entry | undefined;
      for (const candidate of this.lru.keys()) {
        if (candidate.doc === doc) {
          oldest = candidate;
          break;
        }
      }
      if (oldest) this.drop(oldest);
    }
    entries.set(key, entry);
    this.lru.set(entry, true);
    this.bytes += entry.bytes;
    for (const candidate of this.lru.keys()) {
      if (this.bytes <= this.limits.maxBytes) break;
      this.drop(candidate);
    }
  }

  private drop(entry: Entry): void {
    this.lru.delete(entry);
    this.bytes -= entry.bytes;
    const entries = this.byDocument.get(entry.doc);
    entries?.delete(entry.key);
    if (entries?.size === 0) this.byDocument.delete(entry.doc);
  }
}

/** The state vector's bytes as a string (one character per byte), a Map key. */
function keyOf(stateVector: Uint8Array): string {
  return Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength).toString('latin1');
}
