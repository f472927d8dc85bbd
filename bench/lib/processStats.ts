/**
 * What a process of the benchmark reports about itself: CPU time, memory and event-loop delay
 * (the delay histogram restarts at each `reset`, so a scenario reads the delay of its own
 * measured phase only).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProcessStats {
  /** Cumulative user + system CPU time, microseconds. */
  cpuUs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** The JS heap's committed size (used or not: V8 keeps pages for a while after a collection). */
  heapTotalBytes: number;
  /** Outside the JS heap: Buffers and ArrayBuffers (Yjs updates, socket frames) and other V8-external memory. */
  externalBytes: number;
  /** Event-loop delay since the last reset, milliseconds. */
  eventLoopDelay: { p50: number; p99: number; max: number };
  atMs: number;
}

export function processStatsMonitor(): { stats(): ProcessStats; reset(): void } {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  return {
    stats() {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
      return {
        cpuUs: cpu.user + cpu.system,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
        eventLoopDelay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        atMs: performance.timeOrigin + performance.now(),
      };
    },
    reset() {
      delay.reset();
    },
  };
}

/** CPU used between two samples, as a share of one core (1.0 = one core busy all the time). */
export function cpuShare(before: ProcessStats, after: ProcessStats): number {
  const wallUs = (after.atMs - before.atMs) * 1000;
  return wallUs > 0 ? (after.cpuUs - before.cpuUs) / wallUs : 0;
}
