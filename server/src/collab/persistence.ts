/**
 * Hocuspocus extension: loads documents from the store and appends every update a client sends
 * to the store's log before Hocuspocus applies it, and holds the acknowledgement back until the
 * append is committed ("durable before acknowledged"). Folds the log into a snapshot when
 * Hocuspocus asks to store (debounced, and when the last client leaves).
 *
 * With a database that has a group commit (`Db.groupCommit`: SQLite) the appends of one
 * event-loop turn share one commit: the update is inserted at once, applied and forwarded, and everything the
 * socket sends after it (its acknowledgement first) waits until the commit; a commit that fails
 * closes the socket (1013), so the client keeps the edit and sends it again. On PostgreSQL each
 * append is awaited before the update is applied.
 */
import type {
  afterHandleMessagePayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  Connection,
  Document,
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Db, GroupCommit } from '../storage/db.ts';
import { StoreUnavailable } from '../storage/db.ts';
import type { WriteHealth } from '../storage/writeHealth.ts';
import { type CollabContext, SERVER_ORIGIN, type SocketContext, TRY_AGAIN_LATER } from './context.ts';
import type { DocumentStore, StoredDocument } from './documentStore.ts';
import { documentUpdateOf } from './messages.ts';
import { addsNothing } from './redundantUpdates.ts';
import { canHold, type HoldingSocket } from './socketWrites.ts';

export interface PersistenceOptions {
  documents: DocumentStore;
  /** The store's database: when it has a group commit (SQLite), appends use it. */
  db?: Db;
  log: FastifyBaseLogger;
  metrics: Metrics;
  writeHealth: WriteHealth;
}

/** The `live:` projections are rebuilt from SQL; they have no log of their own. */
export const isPersisted = (documentName: string): boolean => parseDocumentName(documentName)?.kind !== 'live';

/** Told to the client whose document could not be loaded (Hocuspocus sends it as the denial reason). */
export const DOCUMENT_UNAVAILABLE = CLOSE_EVENTS.documentUnavailable;

/**
 * The bytes a document was loaded from (snapshot and log rows): an upper bound of its encoded
 * size (merging only shrinks it), known without encoding the whole document again.
 */
const loadedBytes = new WeakMap<Document, number>();

export function storedSizeOf(document: Document): number | undefined {
  return loadedBytes.get(document);
}

/**
 * The snapshot this instance last read into or wrote from each document. A compaction that finds
 * exactly these bytes stored need not apply them to the document, which has them already (a
 * Y.Doc only grows): applying a whole snapshot costs about as much as encoding it, on the event
 * loop, at every compaction.
 */
const knownSnapshots = new WeakMap<Document, Uint8Array>();

export class Persistence implements Extension {
  readonly extensionName = 'plenary-persistence';
  /** Log rows applied to the document in memory and not yet folded into its snapshot. */
  private readonly unfolded = new Map<string, number[]>();
  /** The log row of the message a connection is handling, between append and apply. */
  private readonly appending = new WeakMap<Connection, number>();

  private readonly options: PersistenceOptions;

  constructor(options: PersistenceOptions) {
    this.options = options;
  }

  async onLoadDocument({ documentName, document, context }: onLoadDocumentPayload<SocketContext>): Promise<void> {
    if (!isPersisted(documentName)) return;
    let stored: StoredDocument;
    try {
      stored = await this.options.documents.load(documentName);
    } catch (error) {
      this.options.log.error({ err: error, documentName }, 'could not load document');
      if (error instanceof StoreUnavailable) context.socket?.close(TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason);
      throw DOCUMENT_UNAVAILABLE;
    }
    const applied: number[] = [];
    // A snapshot Yjs cannot read means the document cannot be opened safely: refuse it, and
    // since nothing was loaded, nothing is ever written back over what is stored.
    if (stored.snapshot) {
      try {
        Y.applyUpdate(document, stored.snapshot, SERVER_ORIGIN);
        knownSnapshots.set(document, stored.snapshot);
      } catch (error) {
        this.options.log.error({ err: error, documentName }, 'the stored snapshot cannot be read; the document stays closed');
        throw DOCUMENT_UNAVAILABLE;
      }
    }
    document.transact(() => {
      for (const update of stored.updates) {
        try {
          Y.applyUpdate(document, update.data);
          applied.push(update.seq);
        } catch (error) {
          // The row stays in the log, unfolded, for an operator to look at.
          this.options.log.error({ err: error, documentName, seq: update.seq }, 'skipped a stored update Yjs refused');
        }
      }
    }, SERVER_ORIGIN);
    this.unfolded.set(documentName, applied);
    loadedBytes.set(
      document,
      (stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, update) => sum + update.data.length, 0),
    );
  }

  async beforeHandleMessage({
    connection,
    documentName,
    document,
    update: frame,
    context,
  }: beforeHandleMessagePayload<CollabContext>): Promise<void> {
    if (connection.readOnly || !isPersisted(documentName)) return;
    const update = documentUpdateOf(frame);
    // Nothing to keep (a reconnecting client's step 2 repeats deletions the document has).
    if (!update || addsNothing(document, update)) return;
    const stop = this.options.metrics.storeWriteSeconds.startTimer();
    let seq: number;
    try {
      seq = await this.append(documentName, update, context);
    } catch (error) {
      // Not stored, so not applied and not acknowledged. The whole socket closes so that the
      // client reconnects by itself, with backoff, and sends the edit again (it keeps it).
      this.options.writeHealth.failed(error);
      this.options.log.error({ err: error, documentName }, 'could not store an update; the client will send it again');
      context.socket.close(TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason);
      throw error;
    }
    stop();
    this.options.writeHealth.succeeded();
    this.appending.set(connection, seq);
  }

  async afterHandleMessage({ connection, documentName }: afterHandleMessagePayload): Promise<void> {
    const seq = this.appending.get(connection);
    if (seq === undefined) return;
    this.appending.delete(connection);
    this.unfolded.get(documentName)?.push(seq);
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    if (isPersisted(documentName)) await this.compact(documentName, document);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.unfolded.delete(documentName);
  }

  /** Whether `appendNow` can write at once: a group commit (SQLite) not held by another transaction. */
  canAppendNow(): boolean {
    const group = this.options.db?.groupCommit;
    return !!group && !group.busy();
  }

  /**
   * For updateBatches.ts, only when `canAppendNow()`: appends `update` (a writer's batch, merged)
   * to this turn's group at once, BEFORE it is applied, and holds every frame the socket sends
   * from then on (the batch's acknowledgements) until the group commits. An update that adds
   * nothing is not stored (true, nothing held). When the insert fails: false, the socket is
   * closed (1013) as on the per-message path, and the batch must not be applied (the client
   * keeps its edits and sends them again; had they been applied, its reconnecting step 2 would
   * add nothing and they would never be stored).
   */
  appendNow(documentName: string, document: Document, update: Uint8Array, context: CollabContext): boolean {
    const group = this.options.db!.groupCommit!;
    if (addsNothing(document, update)) return true;
    const socket = context.socket;
    const stop = this.options.metrics.storeWriteSeconds.startTimer();
    let seq: number;
    try {
      seq = this.options.documents.appendNow(documentName, update, context.user.id, group);
    } catch (error) {
      this.options.writeHealth.failed(error);
      this.options.log.error({ err: error, documentName }, 'could not store updates; the client will send them again');
      socket.close(TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason);
      return false;
    }
    stop();
    this.options.writeHealth.succeeded();
    this.unfolded.get(documentName)?.push(seq);
    // updateBatches.ts takes only sockets that can hold their frames.
    if (canHold(socket)) this.holdUntilCommitted(documentName, socket, group);
    return true;
  }

  /**
   * Appends an update to the log. With a group commit (SQLite) the row joins this turn's group
   * transaction and the socket's later frames (the acknowledgement) wait for its commit;
   * elsewhere the append itself is awaited, and resolves once the row is durable.
   */
  private async append(documentName: string, update: Uint8Array, context: CollabContext): Promise<number> {
    const group = this.options.db?.groupCommit;
    if (!group) return this.options.documents.append(documentName, update, context.user.id);
    const seq = await this.options.documents.append(documentName, update, context.user.id, group.executor);
    if (canHold(context.socket)) this.holdUntilCommitted(documentName, context.socket, group);
    else await group.committed();
    return seq;
  }

  /**
   * Holds every frame `socket` sends from now on (the acknowledgements) until the group commits,
   * so that an update is durable before it is acknowledged; a failed commit closes the socket,
   * and the client, which keeps its unacknowledged edits, sends them again.
   */
  private holdUntilCommitted(documentName: string, socket: HoldingSocket, group: GroupCommit): void {
    const committed = group.committed();
    socket.holdUntil(committed);
    committed.catch((error: unknown) => {
      this.options.log.error({ err: error, documentName }, 'could not commit updates; the client will send them again');
      socket.close(TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason);
    });
  }

  /**
   * Writes the document in memory as the new snapshot, merged with the stored one, and folds
   * the log rows it contains. Runs under the document's save lock (Hocuspocus holds it here).
   */
  private async compact(documentName: string, document: Document): Promise<void> {
    const seqs = this.unfolded.get(documentName) ?? [];
    if (seqs.length === 0) return;
    this.unfolded.set(documentName, []);
    try {
      await this.options.documents.saveSnapshot(documentName, seqs, (stored) => {
        // Merge, never replace: whatever the stored snapshot has that memory lacks (another
        // instance's compaction) comes into the document first. Usually a no-op, and skipped
        // when the stored snapshot is the one this document was loaded from or last wrote.
        if (stored && !sameBytes(stored, knownSnapshots.get(document))) Y.applyUpdate(document, stored, SERVER_ORIGIN);
        const state = Y.encodeStateAsUpdate(document);
        // Set before the commit: if the transaction fails, the stored bytes differ and are applied next time.
        knownSnapshots.set(document, state);
        return state;
      });
    } catch (error) {
      // Keep the rows to fold next time; the log already holds every update.
      this.options.writeHealth.failed(error);
      this.unfolded.get(documentName)?.unshift(...seqs);
      this.options.log.error({ err: error, documentName }, 'could not write a snapshot; will retry');
      throw error;
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
