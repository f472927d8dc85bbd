/**
 * Hocuspocus extension: bounds what reaches the Yjs decoder and how large a document may grow.
 *
 * - A read-only connection's update is refused before anything decodes it (Hocuspocus would
 *   otherwise decode it to decide what to answer): crafted updates that make the decoder loop or
 *   allocate (yjs/yjs#687) can only come from people allowed to write.
 * - One update may not exceed `maxUpdateBytes`.
 * - A document may not grow beyond `maxDocumentBytes`, however small its updates: the bytes a
 *   document received are counted from its size at load; when the count passes the quota, the
 *   real encoded size is measured (deletions are garbage-collected, so it is often far smaller)
 *   and only a document still too large refuses further updates.
 * - A connection may spend at most `cpuBudgetMs` of the server's time on its updates per
 *   `cpuWindowMs`: an update costs decoding time in proportion to the structs it declares, and a
 *   writer sending crafted ones could otherwise keep the event loop busy. What is counted is the
 *   synchronous work of applying the connection's update (decode, integrate, the update handlers:
 *   store append, broadcast), measured around the Yjs transaction; not the time its message
 *   spends waiting for I/O or for other connections' work, which is not the writer's doing.
 * - An update must keep the rules given for its document (`rules`: an agenda item's day is one of
 *   the meeting's), checked after the limits above, so only a bounded update is decoded for them.
 * A refusal ends that document's connection (close event 4413, 4429 or the rule's) before the update is stored.
 */

import {
  type afterHandleMessagePayload,
  type afterLoadDocumentPayload,
  type afterUnloadDocumentPayload,
  type beforeHandleMessagePayload,
  type Connection,
  type Extension,
  isTransactionOrigin,
  type onDisconnectPayload,
} from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import type { AdmittedUpdates } from './admittedUpdates.ts';
import { documentUpdateOf, isSyncStepTwo } from './messages.ts';
import { storedSizeOf } from './persistence.ts';
import { addsNothing, isEmptyUpdate } from './redundantUpdates.ts';

export const DOCUMENT_TOO_LARGE = CLOSE_EVENTS.documentTooLarge;
export const UPDATE_REFUSED = CLOSE_EVENTS.readOnly;
export const TOO_BUSY = CLOSE_EVENTS.tooBusy;

/**
 * What a writer's update to some documents must keep: `check` throws a close event to refuse it.
 * Synchronous, as `admit` is (it runs in the batches of updateBatches.ts too).
 */
export interface UpdateRule {
  check(documentName: string, document: Y.Doc, update: Uint8Array): void;
}

export interface DocumentQuotaOptions {
  maxDocumentBytes: number;
  maxUpdateBytes: number;
  /** Server time a connection's updates may take per window (half a core by default). */
  cpuBudgetMs?: number;
  cpuWindowMs?: number;
  rules?: UpdateRule[];
  /** Told of each update admitted on the per-message path until it is applied (or its connection closes). */
  admitted?: AdmittedUpdates;
  log: FastifyBaseLogger;
}

interface CpuUse {
  windowStart: number;
  usedMs: number;
}

export class DocumentQuota implements Extension {
  readonly extensionName = 'plenary-document-quota';
  /** Bytes counted per loaded document: its size at the last measure plus what came since. */
  private readonly counted = new Map<string, number>();
  private readonly cpu = new WeakMap<Connection, CpuUse>();
  /** Read-only connections whose sync step 2 has arrived (one per connection is looked into). */
  private readonly stepTwoSeen = new WeakSet<Connection>();
  private readonly options: DocumentQuotaOptions;

  constructor(options: DocumentQuotaOptions) {
    this.options = options;
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    // The stored size bounds the encoded size from above (measured again near the quota); only a
    // document that was not loaded from the store is encoded to know it.
    this.counted.set(documentName, storedSizeOf(document) ?? Y.encodeStateAsUpdate(document).length);
    // A connection's update is applied in one outer transaction; its time runs from that
    // transaction's start until every transaction it caused has been cleaned up (update events included).
    let applying: { connection: Connection; started: number } | null = null;
    document.on('beforeTransaction', (transaction: Y.Transaction) => {
      const origin = transaction.origin;
      if (!applying && isTransactionOrigin(origin) && origin.source === 'connection') {
        applying = { connection: origin.connection, started: performance.now() };
      }
    });
    document.on('afterAllTransactions', () => {
      if (!applying) return;
      this.charge(applying.connection, performance.now() - applying.started);
      applying = null;
    });
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.counted.delete(documentName);
  }

  async beforeHandleMessage({
    connection,
    documentName,
    document,
    update: frame,
    socketId,
  }: beforeHandleMessagePayload): Promise<void> {
    const update = documentUpdateOf(frame);
    if (!update || isEmptyUpdate(update)) return;
    this.admit(connection, documentName, document, update, frame);
    this.options.admitted?.admitted(documentName, socketId);
  }

  async afterHandleMessage({ documentName, socketId }: afterHandleMessagePayload): Promise<void> {
    this.options.admitted?.finished(documentName, socketId);
  }

  // A later hook that refused the message (Persistence, when the store fails) closes the connection.
  // Hocuspocus runs this hook once the connection's pending messages are done: none is applied after.
  async onDisconnect({ documentName, socketId }: onDisconnectPayload): Promise<void> {
    this.options.admitted?.disconnected(documentName, socketId);
  }

  /**
   * Counts one update of a connection against its limits, or throws the refusal (a close event).
   * Synchronous, for the batches of updateBatches.ts as for the hook above; `frame` is the
   * message that carried it (null: a sync update, never a step 2).
   */
  admit(connection: Connection, documentName: string, document: Y.Doc, update: Uint8Array, frame: Uint8Array | null): void {
    if (isEmptyUpdate(update)) return;
    if (connection.readOnly) {
      // The one step 2 of its sync may repeat what the document has: a client's copy sends its
      // whole delete set on every connection. Anything else is refused undecoded.
      const stepTwo = !this.stepTwoSeen.has(connection) && frame !== null && isSyncStepTwo(frame);
      this.stepTwoSeen.add(connection);
      if (stepTwo && update.length <= this.options.maxUpdateBytes && addsNothing(document, update)) return;
      this.options.log.warn({ documentName }, 'refused an update from a read-only connection');
      throw UPDATE_REFUSED;
    }
    // A writer's reconnecting step 2 is counted like any update (not decoded twice to know that it
    // adds nothing; Persistence does that): the count is measured again near the quota anyway.
    if (update.length > this.options.maxUpdateBytes) throw DOCUMENT_TOO_LARGE;
    const used = this.window(connection).usedMs;
    if (used > (this.options.cpuBudgetMs ?? 5_000)) {
      this.options.log.warn({ documentName, usedMs: Math.round(used) }, 'a connection used up its time budget for updates');
      throw TOO_BUSY;
    }
    let size = (this.counted.get(documentName) ?? 0) + update.length;
    if (size > this.options.maxDocumentBytes) {
      size = Y.encodeStateAsUpdate(document).length + update.length;
      if (size > this.options.maxDocumentBytes) {
        this.options.log.warn(
          { documentName, size, quota: this.options.maxDocumentBytes },
          'document quota reached; update refused',
        );
        throw DOCUMENT_TOO_LARGE;
      }
    }
    for (const rule of this.options.rules ?? []) rule.check(documentName, document, update);
    this.counted.set(documentName, size);
  }

  /** The connection's use in the current window (a new window starts when the last one is over). */
  private window(connection: Connection): CpuUse {
    const now = performance.now();
    let use = this.cpu.get(connection);
    if (!use || now - use.windowStart > (this.options.cpuWindowMs ?? 10_000)) {
      use = { windowStart: now, usedMs: 0 };
      this.cpu.set(connection, use);
    }
    return use;
  }

  /** Counts `ms` of the server's time against the connection's budget. */
  charge(connection: Connection, ms: number): void {
    this.window(connection).usedMs += ms;
  }
}
