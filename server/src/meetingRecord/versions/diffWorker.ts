/**
 * Computes version diffs off the event loop: the log rows come in, the diff (with user ids) goes
 * out. Kept warm between diffs (loading the editor schema takes seconds); a diff running too long
 * is ended by terminating its worker.
 */
import { parentPort } from 'node:worker_threads';
import { computeDiff, type DiffStart } from './agendaHistory.ts';

interface DiffJob {
  rows: { seq: number; data: Uint8Array; userId: string | null }[];
  fromSeq: number;
  start: DiffStart | null;
  capture: boolean;
}

parentPort!.on('message', (job: DiffJob) => {
  try {
    parentPort!.postMessage({ ok: true, diff: computeDiff(job.rows, job.fromSeq, job.start, job.capture) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
