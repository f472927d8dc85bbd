/**
 * QuietTurns, the pacing of the outbox's emails: one piece of background work per event-loop
 * turn, at once while the loop is quiet, held back while it is busy (the burst of requests S16
 * sends), and never longer than its longest wait.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { QuietTurns } from '../../server/src/notifications/quietTurns.ts';

/** Keeps the event loop busy: every millisecond, `busyMs` of synchronous work, until stopped. */
function keepBusy(busyMs: number): () => void {
  let running = true;
  const spin = () => {
    if (!running) return;
    const until = performance.now() + busyMs;
    while (performance.now() < until) {
      // the work that holds the loop
    }
    setTimeout(spin, 1);
  };
  setTimeout(spin, 0);
  return () => {
    running = false;
  };
}

/** Counts event-loop turns (one per setImmediate), to tell which turn each piece ran in. */
function turnCounter(): { turn: () => number; stop: () => void } {
  let turn = 0;
  let running = true;
  const count = () => {
    turn += 1;
    if (running) setImmediate(count);
  };
  setImmediate(count);
  return {
    turn: () => turn,
    stop: () => {
      running = false;
    },
  };
}

let stopBusy: (() => void) | undefined;

afterEach(() => {
  stopBusy?.();
  stopBusy = undefined;
});

describe('QuietTurns', () => {
  it('lets pieces go one per turn, without waiting, while the loop is quiet', async () => {
    const turns = new QuietTurns({ windowMs: 20, busyAbove: 0.5, maxWaitMs: 1_000 });
    const counter = turnCounter();
    const started = performance.now();
    const ran: number[] = [];
    await Promise.all(Array.from({ length: 10 }, () => turns.next().then(() => ran.push(counter.turn()))));
    counter.stop();
    expect(new Set(ran).size).toBe(10);
    // Ten turns, not ten windows.
    expect(performance.now() - started).toBeLessThan(150);
  });

  it('holds pieces back while the loop is busy, and lets them go once it is quiet again', async () => {
    let utilization = 0.9;
    const turns = new QuietTurns({ windowMs: 20, busyAbove: 0.5, maxWaitMs: 5_000, busyness: () => utilization });
    let done = false;
    const piece = turns.next().then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toBe(false);
    const quietFrom = performance.now();
    utilization = 0.2;
    await piece;
    // Within a window or two of the loop going quiet, long before its longest wait.
    expect(performance.now() - quietFrom).toBeLessThan(500);
  });

  it('never holds a piece longer than its longest wait, however busy the loop stays', async () => {
    const turns = new QuietTurns({ windowMs: 20, busyAbove: 0.5, maxWaitMs: 150, busyness: () => 1 });
    const started = performance.now();
    await turns.next();
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(1_000);
  });

  it('measures the loop: a loop kept busy holds a piece back', async () => {
    const turns = new QuietTurns({ windowMs: 20, busyAbove: 0.5, maxWaitMs: 5_000 });
    stopBusy = keepBusy(15);
    await new Promise((resolve) => setTimeout(resolve, 80));
    let done = false;
    const piece = turns.next().then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(done).toBe(false);
    stopBusy();
    await piece;
  });
});
