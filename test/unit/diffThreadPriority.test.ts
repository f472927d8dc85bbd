/**
 * Version diffs run in worker threads at a lower scheduling priority than the event loop
 * (server/src/meetingRecord/versions/threadPriority.ts): on a busy machine the thread relaying
 * everyone's edits gets the CPU first. The nice value is per thread on Linux, so the worker's
 * thread is lowered and the rest of the process is not.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** The nice value of each thread of this process, by thread id (field 19 of /proc/<pid>/task/<tid>/stat). */
function niceByThread(): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), Number(fields[16]));
    } catch {
      // a thread that ended meanwhile
    }
  }
  return threads;
}

const thisThread = () => Number(fs.readlinkSync('/proc/thread-self').split('/').pop());

describe('diff worker threads', () => {
  it('run at nice 10 while the thread that started them keeps its priority', async () => {
    const before = niceByThread();
    const worker = new Worker(new URL('../../server/src/meetingRecord/versions/diffWorker.ts', import.meta.url));
    try {
      // A diff of nothing: the worker has loaded everything and answered.
      const answer = await new Promise<{ ok: boolean }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ rows: [], fromSeq: 0, start: null, capture: false });
      });
      expect(answer.ok).toBe(true);
      const after = niceByThread();
      const started = [...after].filter(([tid]) => !before.has(tid)).map(([, nice]) => nice);
      expect(started).toContain(10);
      expect(after.get(thisThread())).toBe(before.get(thisThread()));
      expect(before.get(thisThread())).toBe(0);
    } finally {
      await worker.terminate();
    }
  });
});
