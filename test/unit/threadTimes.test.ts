/**
 * The benchmark's reading of where a process's threads spent their time (bench/lib/threadTimes.ts):
 * the arithmetic on two samples, and the kernel's own counters read for real.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { nowUs } from '../../bench/lib/clock.ts';
import {
  sampleThreads,
  type ThreadReading,
  type ThreadSamples,
  threadTimesBetween,
  threadTimesOver,
} from '../../bench/lib/threadTimes.ts';

const ms = 1e6;
const require = createRequire(import.meta.url);

describe('threadTimesBetween', () => {
  it('groups the event loop as main and the others by name, counting only what happened in between', () => {
    const before: ThreadSamples = {
      '100': { name: 'node', runNs: 50 * ms, waitNs: 5 * ms },
      '101': { name: 'V8Worker', runNs: 10 * ms, waitNs: 1 * ms },
      '102': { name: 'V8Worker', runNs: 20 * ms, waitNs: 2 * ms },
      '103': { name: 'WorkerThread', runNs: 7 * ms, waitNs: 0 },
      '104': { name: 'libuv-worker', runNs: 3 * ms, waitNs: 0 },
    };
    const after: ThreadSamples = {
      '100': { name: 'node', runNs: 80 * ms, waitNs: 25 * ms },
      '101': { name: 'V8Worker', runNs: 14 * ms, waitNs: 3 * ms },
      '102': { name: 'V8Worker', runNs: 26 * ms, waitNs: 2 * ms },
      // 103 ended: its share is lost. 104's id now belongs to a new thread of another name,
      // and 105 was born in between: both count from zero.
      '104': { name: 'WorkerThread', runNs: 9 * ms, waitNs: 4 * ms },
      '105': { name: 'WorkerThread', runNs: 2 * ms, waitNs: 1 * ms },
    };
    expect(threadTimesBetween(100, before, after)).toEqual({
      main: { runMs: 30, waitMs: 20, threads: 1 },
      V8Worker: { runMs: 10, waitMs: 2, threads: 2 },
      WorkerThread: { runMs: 11, waitMs: 5, threads: 2 },
    });
  });
});

describe('threadTimesOver', () => {
  const reading = (pid: number, runMs: number, waitMs: number, worker = 0): ThreadReading => ({
    pid,
    samples: {
      [String(pid)]: { name: 'node', runNs: runMs * ms, waitNs: waitMs * ms },
      [String(pid + 1)]: { name: 'V8Worker', runNs: worker * ms, waitNs: 0 },
    },
  });

  it('reads at both ends of the span and adds the processes up by group', async () => {
    const readings = [
      [reading(10, 100, 10, 5), reading(20, 200, 20)],
      [reading(10, 160, 30, 9), reading(20, 240, 50, 2)],
    ];
    const reads: number[] = [];
    const start = nowUs();
    const result = await threadTimesOver(
      async () => {
        reads.push(nowUs());
        return readings[reads.length - 1]!;
      },
      start + 20_000,
      start + 60_000,
    );
    expect(result).toEqual({
      main: { runMs: 60 + 40, waitMs: 20 + 30, threads: 2 },
      V8Worker: { runMs: 4 + 2, waitMs: 0, threads: 2 },
    });
    // Each read waits for its end of the span.
    expect(reads[0]! - start).toBeGreaterThanOrEqual(19_000);
    expect(reads[1]! - start).toBeGreaterThanOrEqual(59_000);
  });

  it('gives nothing when a process has no counters (not Linux)', async () => {
    const start = nowUs();
    let n = 0;
    const result = await threadTimesOver(
      async () => (n++ === 0 ? [reading(10, 1, 1), { pid: 20, samples: null }] : [reading(10, 2, 2), { pid: 20, samples: null }]),
      start,
      start,
    );
    expect(result).toBeNull();
  });
});

// The counters are Linux's (/proc/self/task/<tid>/schedstat); CI and the benchmark run on Linux.
describe.runIf(process.platform === 'linux')('sampleThreads on Linux', () => {
  /**
   * Keeps the calling thread on a core until the kernel has counted `ms` more of it there (busy
   * machines take longer). Source text, so that the worker thread runs the same code: a function's
   * own `toString()` would carry the test runner's rewritten imports into the worker.
   */
  const SPIN = `
    const fs = require('node:fs');
    const own = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    function spin(ms) { const until = own() + ms * 1e6; while (own() < until) {} }`;

  it('puts the event loop’s time under main', () => {
    const spin = new Function('require', `${SPIN}; return spin;`)(require) as (ms: number) => void;
    const before = sampleThreads();
    expect(before).not.toBeNull();
    expect(before![String(process.pid)]).toBeDefined();
    spin(80);
    const groups = threadTimesBetween(process.pid, before!, sampleThreads()!);
    expect(groups.main!.runMs).toBeGreaterThanOrEqual(80);
    expect(groups.main!.runMs).toBeLessThan(80 + 1_000);
  });

  it('puts a worker thread’s time under its name, not under main', async () => {
    const worker = new Worker(
      `${SPIN}
      const { parentPort } = require('node:worker_threads');
      parentPort.postMessage('started');
      // 'on', not 'once': a port without a listener lets the worker end, and a thread that ended
      // before the second reading is missing from it (CI caught the race).
      parentPort.on('message', () => { spin(100); parentPort.postMessage('spun'); });`,
      { eval: true },
    );
    try {
      await new Promise((resolve) => worker.once('message', resolve));
      const before = sampleThreads()!;
      worker.postMessage('go');
      await new Promise((resolve) => worker.once('message', resolve));
      const groups = threadTimesBetween(process.pid, before, sampleThreads()!);
      const named = Object.entries(groups).filter(([name]) => name !== 'main');
      expect(Math.max(...named.map(([, group]) => group.runMs))).toBeGreaterThanOrEqual(100);
      // The event loop only waited for the message meanwhile.
      expect(groups.main!.runMs).toBeLessThan(100);
    } finally {
      await worker.terminate();
    }
  });
});
