/**
 * The benchmark's reading of where a process's threads spent their time (bench/lib/threadTimes.ts):
 * the arithmetic on two samples, and the kernel's own counters read for real.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { sampleThreads, type ThreadSamples, threadTimesBetween } from '../../bench/lib/threadTimes.ts';

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

// The counters are Linux's (/proc/self/task/<tid>/schedstat); CI and the benchmark run on Linux.
describe.runIf(process.platform === 'linux')('sampleThreads on Linux', () => {
  /** Keeps the calling thread on a core until the kernel has counted `ms` more of it there (busy machines take longer). */
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
      parentPort.once('message', () => { spin(100); parentPort.postMessage('spun'); });`,
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
