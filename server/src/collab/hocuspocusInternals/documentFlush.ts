/**
 * Contact: wraps the (public) `Document.flush` of Hocuspocus 4.7 on each document, and sets the
 * public `flushDelay` field at run time (Hocuspocus reads it only as a constructor option).
 *
 * Why (bench/IMPROVEMENTS.md, rows 2 and 3): sockets are corked for a turn (writev was 28.6 % of
 * the S4 replay, 1.6 % after), and documents with five or more connections gather updates and
 * flush them later (merging was 12.6 % of S4). A delayed flush runs in a setImmediate callback;
 * the frames it corks would otherwise wait for the next event-loop turn's uncork, adding a turn
 * of latency to every batched update in documents with more than four connections. Hocuspocus
 * has no hook after a flush.
 */
import { Document } from '@hocuspocus/server';

/** Calls `after` each time the document has flushed what it gathered. */
export function afterEachFlush(document: Document, after: () => void): void {
  aroundEachFlush(document, (flush) => {
    const result = flush();
    after();
    return result;
  });
}

/** Runs each flush of the document through `around`, which calls `flush` (Hocuspocus's, or the previous wrapper) once. */
export function aroundEachFlush(document: Document, around: (flush: () => Document) => Document): void {
  const flush = document.flush.bind(document);
  document.flush = () => around(flush);
}

/** Hocuspocus 4.7's private scheduler of the document's flush (a setImmediate when flushDelay is 0). */
interface FlushScheduling {
  scheduleFlush(): void;
}

/**
 * When the document gathers what one event-loop turn brings (flushDelay 0), queues its flush now
 * (once per turn, as Hocuspocus would on the first update): setImmediate callbacks run in the
 * order they were queued, so a callback queued after this one (the group commit of the update's
 * log row) runs after the broadcast instead of before it. A flush with nothing pending does nothing.
 */
export function queueFlushFirst(document: Document): void {
  if (document.flushDelay === 0) (document as unknown as FlushScheduling).scheduleFlush();
}

export function documentFlushProblems(scratch: Document): string[] {
  const problems: string[] = [];
  if (typeof Document.prototype.flush !== 'function') problems.push('Document.prototype.flush is not a method');
  if (typeof (Document.prototype as unknown as Partial<FlushScheduling>).scheduleFlush !== 'function')
    problems.push('Document.prototype.scheduleFlush is not a method');
  if (!('flushDelay' in scratch)) problems.push('Document has no flushDelay field');
  return problems;
}
