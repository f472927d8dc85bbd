/**
 * The mail thread's entry (mailer.ts starts it): lowers the thread's priority, then loads
 * mailWorker.ts. Plain JavaScript, so that nothing heavy runs before the priority is lowered:
 * a TypeScript entry makes Node load its type stripper in the new thread first (40-140 ms of the
 * thread's CPU, then nodemailer's modules another 60-80 ms), all of it at the process's priority,
 * competing with the event loop that relays the edits just as a burst of emails starts.
 *
 * Emails are background work: on a busy machine the event loop should win a core over the MIME
 * encoding (S16: the thread ran 0.55 s of a 5 s burst of mentions on two cores). Linux keeps a
 * nice value per thread, and `setpriority` given a thread id changes that thread only
 * (`/proc/thread-self` reads `PID/task/TID`). The libuv pool threads are made by whichever thread
 * first queues work and take its nice value, so the pool is started (a `stat`) before. Elsewhere,
 * or where /proc is missing, the thread keeps the process's priority.
 */

import { readlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { workerData } from 'node:worker_threads';

const NICE = 10;
try {
  await fs.stat(workerData.dataDir).catch(() => {});
  const tid = Number(path.basename(readlinkSync('/proc/thread-self')));
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, NICE);
} catch {
  // Not Linux, no /proc, or not allowed: emails compete as equals.
}
await import('./mailWorker.ts');
