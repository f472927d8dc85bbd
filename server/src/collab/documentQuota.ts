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
 *   writer sending crafted ones could otherwise keep the event loop busy.
 * A refusal ends that document's connection (close event 4413 or 4429) before the update is stored.
 */
import type {
  afterHandleMessagePayload,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  Connection,
  Extension,
} from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import { documentUpdateOf, isEmptyUpdate } from './messages.ts';

export const DOCUMENT_TOO_LARGE = { code: 4413, reason: 'document-too-large' };
export const UPDATE_REFUSED = { code: 4403, reason: 'read-only' };
export const TOO_BUSY = { code: 4429, reason: 'too-busy' };

export interface DocumentQuotaOptions {
  maxDocumentBytes: number;
  maxUpdateBytes: number;
  /** Server time a connection's updates may take per window (half a core by default). */
  cpuBudgetMs?: number;
  cpuWindowMs?: number;
  log: FastifyBaseLogger;
}

interface CpuUse {
  windowStart: number;
  usedMs: number;
  /** When the message being handled started, between before- and afterHandleMessage. */
  started: number;
}

export class DocumentQuota implements Extension {
  readonly extensionName = 'plenary-document-quota';
  /** Bytes counted per loaded document: its size at the last measure plus what came since. */
  private readonly counted = new Map<string, number>();
  private readonly cpu = new WeakMap<Connection, CpuUse>();
  private readonly options: DocumentQuotaOptions;

  constructor(options: DocumentQuotaOptions) {
    this.options = options;
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    this.counted.set(documentName, Y.encodeStateAsUpdate(document).length);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.counted.delete(documentName);
  }

  async beforeHandleMessage({ connection, documentName, document, update: frame }: beforeHandleMessagePayload): Promise<void> {
    const update = documentUpdateOf(frame);
    if (!update || isEmptyUpdate(update)) return;
    if (connection.readOnly) {
      this.options.log.warn({ documentName }, 'refused an update from a read-only connection, undecoded');
      throw UPDATE_REFUSED;
    }
    if (update.length > this.options.maxUpdateBytes) throw DOCUMENT_TOO_LARGE;
    const now = performance.now();
    const use = this.cpu.get(connection) ?? { windowStart: now, usedMs: 0, started: 0 };
    if (now - use.windowStart > (this.options.cpuWindowMs ?? 10_000)) {
      use.windowStart = now;
      use.usedMs = 0;
    }
    if (use.usedMs > (this.options.cpuBudgetMs ?? 5_000)) {
      this.options.log.warn({ documentName, usedMs: Math.round(use.usedMs) }, 'a connection used up its time budget for updates');
      throw TOO_BUSY;
    }
    use.started = now;
    this.cpu.set(connection, use);
    let size = (this.counted.get(documentName) ?? 0) + update.length;
    if (size > this.options.maxDocumentBytes) {
      size = Y.encodeStateAsUpdate(document).length + update.length;
      if (size > this.options.maxDocumentBytes) {
        this.options.log.warn({ documentName, size, quota: this.options.maxDocumentBytes }, 'document quota reached; update refused');
        throw DOCUMENT_TOO_LARGE;
      }
    }
    this.counted.set(documentName, size);
  }

  async afterHandleMessage({ connection }: afterHandleMessagePayload): Promise<void> {
    const use = this.cpu.get(connection);
    if (use && use.started > 0) {
      use.usedMs += performance.now() - use.started;
      use.started = 0;
    }
  }
}
