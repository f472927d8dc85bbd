/**
 * Turns for background work (the outbox's emails) that the live traffic does not feel. The
 * server relays edits on the same event loop: an email (rendering, MIME encoding, about 1-2 ms)
 * started while the loop is busy with a burst of requests delays every edit queued behind it, and
 * 500 of them took a third of the loop during S16's burst of mentions. So background work goes
 * one piece per turn, and only while the loop is quiet: while its utilization over the last
 * window (time spent running callbacks, not waiting for I/O) is above `busyAbove`, the next piece
 * waits, checking again each window. Under load that never lets up it still goes once it has
 * waited `maxWaitMs`: delayed, never starved.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

export interface QuietTurnsOptions {
  /** How long a window of the loop's utilization is (ms). */
  windowMs?: number;
  /** Busier than this (0-1) over the last window, and the work waits. */
  busyAbove?: number;
  /** The longest one piece waits for a quiet loop (ms). */
  maxWaitMs?: number;
  /** The loop's utilization over the last window, 0-1 (tests); by default measured (performance.eventLoopUtilization). */
  busyness?: () => number;
}

export class QuietTurns {
  private readonly windowMs: number;
  private readonly busyAbove: number;
  private readonly maxWaitMs: number;
  private last = performance.eventLoopUtilization();
  private lastAt = performance.now();
  private utilization = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly busyness: () => number;

  constructor(options: QuietTurnsOptions = {}) {
    this.windowMs = options.windowMs ?? 20;
    this.busyAbove = options.busyAbove ?? 0.5;
    this.maxWaitMs = options.maxWaitMs ?? 1_000;
    this.busyness = options.busyness ?? (() => this.measured());
  }

  /**
   * Resolves in an event-loop turn of its own, after every earlier caller's, once the loop is
   * quiet (or the piece has waited long enough): a burst of emails goes one per turn, in the
   * loop's quiet moments.
   */
  next(): Promise<void> {
    return this.run(async () => {});
  }

  /**
   * Runs `work` in such a turn; the next caller's turn waits for it to settle (a piece that reads
   * the database before its synchronous part, on PostgreSQL over several turns, stays one piece).
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.chain.then(() => this.wait()).then(work);
    this.chain = result.catch(() => {});
    return result;
  }

  /** The loop's utilization over the last complete window (a long quiet spell counts as one window). */
  private measured(): number {
    const now = performance.now();
    if (now - this.lastAt >= this.windowMs) {
      const current = performance.eventLoopUtilization();
      this.utilization = performance.eventLoopUtilization(current, this.last).utilization;
      this.last = current;
      this.lastAt = now;
    }
    return this.utilization;
  }

  private async wait(): Promise<void> {
    const started = performance.now();
    await nextTurn();
    while (this.busyness() > this.busyAbove && performance.now() - started < this.maxWaitMs) await sleep(this.windowMs);
  }
}
