/**
 * Applies the sync updates that one read of a socket brings for a document connection in ONE Yjs
 * transaction, instead of one Hocuspocus message each.
 *
 * Why (bench/IMPROVEMENTS.md, row 19; S4, a trace replayed as fast as the socket takes it): a
 * writer's TCP read carries dozens of updates, and Hocuspocus handled each as a message of its own:
 * its hooks through promise chains, a Yjs transaction (the update observers, the transaction's update
 * encoded, a broadcast to every other connection, the store debounce), a log row and an
 * acknowledgement. A batch here costs one transaction, one broadcast, one log row (the transaction's
 * update, which Yjs encodes anyway) and one wait for the group commit; every update is still counted
 * by the quota (DocumentQuota.admit, in order: a refused update ends the batch, and the connection,
 * as on Hocuspocus's path) and answered with its own acknowledgement, held until the row is committed.
 *
 * What takes this path: a sync update (`0 2 update`) of an established, writable connection on a
 * stored document whose own message queue is empty, when the database has a group commit (SQLite)
 * and the hooks that would see such a message are exactly the quota's and the persistence's (no
 * other extension's beforeHandleMessage, afterHandleMessage or beforeSync). Everything else goes
 * Hocuspocus's way (PostgreSQL, which awaits each append before applying, included), and a frame of
 * the socket that this path does not take first ends the socket's pending batch: frames keep their
 * order.
 */
import type { Connection, Document } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import type { Db } from '../storage/db.ts';
import type { CollabContext } from './context.ts';
import type { DocumentQuota } from './documentQuota.ts';
import { establishedConnection, hasQueuedMessages, markMessageReceived } from './hocuspocusInternals/clientConnection.ts';
import type { PlenaryHocuspocus } from './hocuspocusInternals/hookDispatch.ts';
import { MESSAGE_SYNC, MESSAGE_SYNC_STATUS, SYNC_UPDATE } from './messages.ts';
import { isPersisted, type Persistence } from './persistence.ts';

const OPEN = 1;

export interface UpdateBatchesOptions {
  hocuspocus: PlenaryHocuspocus;
  quota: DocumentQuota;
  persistence: Persistence;
  db: Db;
  log: FastifyBaseLogger;
}

/** The updates of one connection received in a row, not yet applied. */
interface Batch {
  connection: Connection;
  updates: Uint8Array[];
}

/** The transaction a batch is being applied in, and the updates Yjs made of it. */
let capturing: { origin: object; updates: Uint8Array[] } | null = null;
const capturingDocuments = new WeakSet<Document>();
/** Each connection's "saved" answer: the same bytes for every update it acknowledges. */
const acknowledgements = new WeakMap<Connection, Uint8Array>();

const batchesOf = new WeakMap<object, UpdateBatches>();

/** The batches of a collab server (createCollabServer registers them); none for another Hocuspocus. */
export function updateBatchesOf(hocuspocus: object): UpdateBatches | undefined {
  return batchesOf.get(hocuspocus);
}

export class UpdateBatches {
  /** The pending batch of each socket (Hocuspocus's ClientConnection): at most one. */
  private readonly pending = new Map<object, Batch>();
  private enabled: boolean | undefined;
  private readonly options: UpdateBatchesOptions;

  constructor(options: UpdateBatchesOptions) {
    this.options = options;
    batchesOf.set(options.hocuspocus, this);
  }

  /**
   * Takes `frame` into the socket's batch when it is a sync update this path may apply (see the
   * top of the file); false leaves it to the caller, who must then `flush` the socket first.
   */
  take(client: object, frame: Uint8Array): boolean {
    if (!this.isEnabled()) return false;
    let connection: Connection | undefined;
    let update: Uint8Array;
    try {
      const decoder = decoding.createDecoder(frame);
      const address = decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== SYNC_UPDATE) return false;
      connection = establishedConnection(client, address);
      if (!connection) return false;
      update = decoding.readVarUint8Array(decoder);
    } catch {
      return false; // malformed: Hocuspocus's path decides
    }
    let batch = this.pending.get(client);
    if (batch && batch.connection !== connection) {
      this.flush(client);
      batch = undefined;
    }
    if (!batch) {
      if (
        connection.readOnly ||
        hasQueuedMessages(connection) ||
        !isPersisted(connection.document.name) ||
        connection.webSocket.readyState !== OPEN
      ) {
        return false;
      }
      const started: Batch = { connection, updates: [] };
      batch = started;
      this.pending.set(client, started);
      // After the socket's read has delivered all its frames (ws emits them in one go).
      queueMicrotask(() => {
        if (this.pending.get(client) === started) this.flush(client);
      });
    }
    batch.updates.push(update);
    return true;
  }

  /** Applies the socket's pending batch now, if any. */
  flush(client: object): void {
    const batch = this.pending.get(client);
    if (!batch) return;
    this.pending.delete(client);
    markMessageReceived(client);
    this.apply(batch);
  }

  private apply({ connection, updates }: Batch): void {
    const { document } = connection;
    // Closed meanwhile, or closing (an archived meeting, a revoked session): none of it is applied.
    if (!document.hasConnection(connection) || connection.webSocket.readyState !== OPEN) return;
    let admitted = 0;
    let refusal: unknown = null;
    for (const update of updates) {
      try {
        this.options.quota.admit(connection, document.name, document, update, null);
      } catch (error) {
        refusal = error;
        break;
      }
      admitted++;
    }
    if (admitted > 0) {
      const logged = this.applyInOneTransaction(connection, updates, admitted);
      if (logged.length > 0) this.options.persistence.appendApplied(document.name, logged, connection.context as CollabContext);
      const ack = acknowledgement(connection);
      for (let i = 0; i < admitted; i++) connection.send(ack);
    }
    if (refusal !== null) {
      // As Hocuspocus does with an exception from a hook: that document's connection ends.
      const event = refusal as { code?: unknown; reason?: unknown };
      this.options.log.warn({ documentName: document.name, code: event.code }, 'closing a connection: update refused');
      connection.close({
        code: typeof event.code === 'number' ? event.code : CLOSE_EVENTS.resetConnection.code,
        reason: typeof event.reason === 'string' ? event.reason : CLOSE_EVENTS.resetConnection.reason,
      });
    }
  }

  /**
   * Applies the first `count` updates in one transaction with the connection as origin (the
   * update observers, the broadcast among them, run once) and returns what the log must keep:
   * the transaction's update, or, when an update waits for structs it depends on (not part of any
   * transaction yet, but acknowledged), the updates as they came.
   */
  private applyInOneTransaction(connection: Connection, updates: Uint8Array[], count: number): Uint8Array[] {
    const { document } = connection;
    captureUpdatesOf(document);
    const origin = { source: 'connection' as const, connection };
    const captured: Uint8Array[] = [];
    capturing = { origin, updates: captured };
    try {
      document.transact(() => {
        for (let i = 0; i < count; i++) {
          try {
            Y.applyUpdate(document, updates[i]!, origin);
          } catch (error) {
            // As y-protocols' readUpdate (Hocuspocus's path): logged, and the update acknowledged.
            this.options.log.error({ err: error, documentName: document.name }, 'Yjs could not apply an update');
          }
        }
      }, origin);
    } catch (error) {
      this.options.log.error({ err: error, documentName: document.name }, 'an update observer failed');
    } finally {
      capturing = null;
    }
    if (document.store.pendingStructs !== null || document.store.pendingDs !== null) return updates.slice(0, count);
    return captured;
  }

  /** Batching needs a group commit and no hook on the per-message path it does not run itself. */
  private isEnabled(): boolean {
    if (this.enabled === undefined) {
      const { hocuspocus, quota, persistence, db } = this.options;
      const exactly = (list: readonly object[], expected: readonly object[]) =>
        list.length === expected.length && list.every((extension, index) => extension === expected[index]);
      this.enabled =
        db.groupCommit !== null &&
        exactly(hocuspocus.hookList('beforeHandleMessage'), [quota, persistence]) &&
        exactly(hocuspocus.hookList('afterHandleMessage'), [persistence]) &&
        hocuspocus.hookList('beforeSync').length === 0;
    }
    return this.enabled;
  }
}

function captureUpdatesOf(document: Document): void {
  if (capturingDocuments.has(document)) return;
  capturingDocuments.add(document);
  document.on('update', (update: Uint8Array, origin: unknown) => {
    if (capturing && origin === capturing.origin) capturing.updates.push(update);
  });
}

function acknowledgement(connection: Connection): Uint8Array {
  let ack = acknowledgements.get(connection);
  if (!ack) {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, connection.messageAddress);
    encoding.writeVarUint(encoder, MESSAGE_SYNC_STATUS);
    encoding.writeVarUint(encoder, 1);
    ack = encoding.toUint8Array(encoder);
    acknowledgements.set(connection, ack);
  }
  return ack;
}
