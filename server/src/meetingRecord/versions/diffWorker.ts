/**
 * Computes version diffs off the event loop: the log rows come in, the diff (with user ids) goes
 * out. Kept warm between diffs (loading the editor schema takes seconds); a diff running too long
 * is ended by terminating its worker.
 *
 * The thread runs at a lower priority than the event loop (threadPriority.ts), from before it
 * loads the editor schema: when the cores are busy, the other editors' frames go first and the
 * diff takes longer (its time limit still applies).
 */
import { parentPort } from 'node:worker_threads';
import type { DiffStart } from './agendaHistory.ts';
import { lowerThisThreadsPriority } from './threadPriority.ts';

/** The diff threads' nice value (the event loop's is 0): about a tenth of a core it competes for. */
const DIFF_THREAD_NICE = 10;

lowerThisThreadsPriority(DIFF_THREAD_NICE);
// Loaded only now, so that loading it already runs at the lower priority.
const { computeDiff } = await import('./agendaHistory.ts');

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
