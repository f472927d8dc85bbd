/**
 * Applies the sync updates that one read of a socket brings for a document connection in ONE Yjs
 * transaction, instead of one Hocuspocus message each.
 *
 * Why (bench/IMPROVEMENTS.md, row 19; S4, a trace replayed as fast as the socket takes it): a
 * writer's TCP read carries dozens of updates, and Hocuspocus handled each as a message of its own:
 * its hooks through promise chains, a Yjs transaction (the update observers, the transaction's update
 * encoded, a broadcast to every other connection, the store debounce), a log row and an
 * acknowledgement. A batch here costs one transaction, one broadcast, one log row (the updates
 * merged with Y.mergeUpdates, which with the one apply costs less than applying each) and one
 * wait for the group commit. Every update is still counted by the quota before anything decodes
 * it (DocumentQuota.admit, in order: a refused update ends the batch, and the connection, as on
 * Hocuspocus's path), the row is inserted before the batch is applied (a failed insert applies
 * nothing), and each update gets its own acknowledgement, held until the row is committed.
 *
 * What takes this path: a sync update (`0 2 update`) of an established, writable connection on a
 * stored document whose own message queue is empty, when the database has a group commit (SQLite)
 * and the hooks that would see such a message are exactly the quota's and the persistence's (no
 * other extension's beforeHandleMessage, afterHandleMessage or beforeSync). Everything else goes
 * Hocuspocus's way (PostgreSQL, which awaits each append before applying, included), and a frame of
 * the socket that this path does not take first ends the socket's pending batch: frames keep their
 * order.
 */
import type { Connection } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import type { Db } from '../storage/db.ts';
import type { CollabContext } from './context.ts';
import type { DocumentQuota } from './documentQuota.ts';
import { establishedConnection, hasQueuedMessages, markMessageReceived } from './hocuspocusInternals/clientConnection.ts';
import { queueFlushFirst } from './hocuspocusInternals/documentFlush.ts';
import type { PlenaryHocuspocus } from './hocuspocusInternals/hookDispatch.ts';
import { MESSAGE_SYNC, MESSAGE_SYNC_STATUS, SYNC_UPDATE } from './messages.ts';
import { isPersisted, type Persistence } from './persistence.ts';
import { canHold } from './socketWrites.ts';

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
  frames: Uint8Array[];
  updates: Uint8Array[];
}

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
        !canHold((connection.context as CollabContext).socket) ||
        !isPersisted(connection.document.name) ||
        connection.webSocket.readyState !== OPEN
      ) {
        return false;
      }
      const started: Batch = { connection, frames: [], updates: [] };
      batch = started;
      this.pending.set(client, started);
      // After the socket's read has delivered all its frames (ws emits them in one go).
      queueMicrotask(() => {
        if (this.pending.get(client) === started) this.flush(client);
      });
    }
    batch.frames.push(frame);
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

  private apply({ connection, frames, updates }: Batch): void {
    const { document } = connection;
    // Closed meanwhile, or closing (an archived meeting, a revoked session): none of it is applied.
    if (!document.hasConnection(connection) || connection.webSocket.readyState !== OPEN) return;
    const { persistence, quota } = this.options;
    if (!persistence.canAppendNow()) {
      // The database is busy with a transaction (a compaction): each frame goes Hocuspocus's way.
      for (const frame of frames) connection.handleMessage(frame);
      return;
    }
    // Each update is counted, and the refused one refused, before anything decodes it.
    let admitted = 0;
    let refusal: unknown = null;
    for (const update of updates) {
      try {
        quota.admit(connection, document.name, document, update, null);
      } catch (error) {
        refusal = error;
        break;
      }
      admitted++;
    }
    if (admitted > 0) this.applyAdmitted(connection, frames.slice(0, admitted), updates.slice(0, admitted));
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
   * Merges the updates into one, stores it (before applying it: a failed insert leaves the
   * document as it was), applies it in one transaction with the connection as origin, and
   * acknowledges each update (held until the commit).
   */
  private applyAdmitted(connection: Connection, frames: Uint8Array[], updates: Uint8Array[]): void {
    const { document } = connection;
    const started = performance.now();
    let merged: Uint8Array | null = null;
    try {
      merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    } catch {
      // Malformed: Hocuspocus's path stores and answers each as before.
    }
    // Decoding is the writer's doing too (the transaction's own time is counted by the quota).
    this.options.quota.charge(connection, performance.now() - started);
    if (merged === null) {
      for (const frame of frames) connection.handleMessage(frame);
      return;
    }
    // The broadcast of the update goes out before the commit of its log row, not after it: the
    // commit is only the acknowledgement's wait, and the readers' frames need not share it.
    queueFlushFirst(document);
    if (!this.options.persistence.appendNow(document.name, document, merged, connection.context as CollabContext)) return;
    try {
      Y.applyUpdate(document, merged, { source: 'connection' as const, connection });
    } catch (error) {
      // As y-protocols' readUpdate (Hocuspocus's path): logged, and the updates acknowledged.
      this.options.log.error({ err: error, documentName: document.name }, 'Yjs could not apply updates');
    }
    const ack = acknowledgement(connection);
    for (let i = 0; i < updates.length; i++) connection.send(ack);
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
        exactly(hocuspocus.hookList('afterHandleMessage'), [quota, persistence]) &&
        hocuspocus.hookList('beforeSync').length === 0;
    }
    return this.enabled;
  }
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
