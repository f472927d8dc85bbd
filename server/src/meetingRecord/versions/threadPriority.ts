/**
 * Lowers the scheduling priority of the calling thread alone. On Linux the nice value belongs to
 * each thread (setpriority with a thread id), so a worker thread can yield the CPU to its
 * process's event loop: on a machine with few cores a version diff replaying a long history, or
 * a diff worker loading the editor schema, otherwise takes a core from the thread that relays
 * everyone's edits (benchmark S11: the editors' p99 rose while two diff workers started).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Raises the calling thread's nice value to at least `nice`; false where that cannot be done (no /proc, not permitted). */
export function lowerThisThreadsPriority(nice: number): boolean {
  try {
    // "<pid>/task/<tid>": the calling thread's own entry.
    const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (!Number.isInteger(tid) || tid <= 0) return false;
    if (os.getPriority(tid) < nice) os.setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
