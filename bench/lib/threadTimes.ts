/**
 * Where the threads of a process spent a stretch of time: running on a core, or ready to run and
 * waiting for one. Linux keeps both per thread (/proc/self/task/<tid>/schedstat: nanoseconds
 * on a core, nanoseconds runnable in a run queue, time slices). On the benchmark's two cores the
 * server's event loop shares the machine with its own helper threads (V8's compiler and GC
 * workers, the mail thread, libuv's pool) and with the load generators; time it spends waiting
 * for a core delays every edit it holds, as much as time it spends busy does. S16 reports both
 * (BENCHMARKS.md, 2026-12-05 16:04 UTC: the server's event loop waited 95-109 ms a second for a
 * core during the burst of mentions, 53-56 ms without it).
 */
import fs from 'node:fs';
import { sleepUntil } from './clock.ts';

/** One thread's counters at a moment: its name (comm) and cumulative time on a core and waiting, ns. */
export interface ThreadSample {
  name: string;
  runNs: number;
  waitNs: number;
}

/** A process's threads by thread id; the main thread's id is the process id. */
export type ThreadSamples = Record<string, ThreadSample>;

/** Time on a core and waiting for one over a stretch, ms, for a group of threads. */
export interface ThreadGroupTimes {
  runMs: number;
  waitMs: number;
  threads: number;
}

/** The counters of every thread of this process now; null where the kernel does not keep them (not Linux). */
export function sampleThreads(): ThreadSamples | null {
  let tids: string[];
  try {
    tids = fs.readdirSync('/proc/self/task');
  } catch {
    return null;
  }
  const samples: ThreadSamples = {};
  for (const tid of tids) {
    try {
      const [runNs, waitNs] = fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').trim().split(' ').map(Number);
      const name = fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      if (Number.isFinite(runNs) && Number.isFinite(waitNs)) samples[tid] = { name, runNs: runNs!, waitNs: waitNs! };
    } catch {
      // The thread ended while we read it, or the kernel keeps no schedstat (CONFIG_SCHED_INFO off).
    }
  }
  return Object.keys(samples).length > 0 ? samples : null;
}

/**
 * What each group of threads did between two samples of one process: `main` for the thread whose
 * id is `pid` (the event loop), the others by name (V8Worker, WorkerThread, libuv-worker, …). A
 * thread born in between counts from zero; one that ended in between is missing from `after` and
 * its share is lost (so a group's figure is at least what it did).
 */
export function threadTimesBetween(pid: number, before: ThreadSamples, after: ThreadSamples): Record<string, ThreadGroupTimes> {
  const groups: Record<string, ThreadGroupTimes> = {};
  for (const [tid, now] of Object.entries(after)) {
    const then = before[tid];
    // A thread id reused by a new thread of another name is a new thread.
    const from = then && then.name === now.name ? then : { runNs: 0, waitNs: 0 };
    const key = Number(tid) === pid ? 'main' : now.name;
    groups[key] ??= { runMs: 0, waitMs: 0, threads: 0 };
    const group = groups[key];
    group.runMs += Math.max(0, now.runNs - from.runNs) / 1e6;
    group.waitMs += Math.max(0, now.waitNs - from.waitNs) / 1e6;
    group.threads += 1;
  }
  return groups;
}

/** One process's thread counters, as a bench process answers the `threads` call. */
export interface ThreadReading {
  pid: number;
  samples: ThreadSamples | null;
}

/**
 * What the threads of some processes did from `fromUs` to `toUs` (the monotonic clock of
 * clock.ts), summed by group over the processes (the load generators are several); null where a
 * process gave no counters (not Linux).
 */
export async function threadTimesOver(
  read: () => Promise<ThreadReading[]>,
  fromUs: number,
  toUs: number,
): Promise<Record<string, ThreadGroupTimes> | null> {
  // Never early: a timer counts from the event loop's cached clock, which can be a millisecond
  // behind, so a plain sleep read the span's start up to that much before it (a test caught it).
  await sleepUntil(fromUs);
  const before = await read();
  await sleepUntil(toUs);
  const after = await read();
  const sum: Record<string, ThreadGroupTimes> = {};
  for (const [i, reading] of after.entries()) {
    const then = before[i]?.samples;
    if (!then || !reading.samples) return null;
    for (const [name, group] of Object.entries(threadTimesBetween(reading.pid, then, reading.samples))) {
      sum[name] ??= { runMs: 0, waitMs: 0, threads: 0 };
      sum[name].runMs += group.runMs;
      sum[name].waitMs += group.waitMs;
      sum[name].threads += group.threads;
    }
  }
  return sum;
}
