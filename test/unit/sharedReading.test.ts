/** The public fingerprint's shared reading: one reading for many askers, never older than a fresh ask needs. */
import { describe, expect, it } from 'vitest';
import { SharedReading } from '../../server/src/public/sharedReading.ts';

/** The event loop's next turn: a fresh reading asked for now has started by then. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A store whose readings the test lets finish, each returning the value it saw when it started. */
function store() {
  let value = 'v1';
  let reads = 0;
  const gates: (() => void)[] = [];
  const read = (key: string) => {
    reads++;
    const seen = `${key}:${value}`;
    return new Promise<string>((resolve) => {
      gates.push(() => resolve(seen));
    });
  };
  return {
    read,
    reads: () => reads,
    write: (next: string) => {
      value = next;
    },
    /** Lets every reading asked for so far start and finish, and those they let start after them. */
    finish: async () => {
      for (;;) {
        await nextTurn();
        if (gates.length === 0) return;
        for (const gate of gates.splice(0)) gate();
      }
    },
  };
}

describe('a shared reading', () => {
  it('answers twenty fresh asks arriving together with one reading, and reads again for one asked after', async () => {
    const stored = store();
    const shared = new SharedReading(stored.read);
    const asks = Array.from({ length: 20 }, () => shared.fresh('m'));
    await stored.finish();
    expect(new Set(await Promise.all(asks))).toEqual(new Set(['m:v1']));
    expect(stored.reads()).toBe(1);
    const after = shared.fresh('m');
    await stored.finish();
    expect(await after).toBe('m:v1');
    expect(stored.reads()).toBe(2);
  });

  it('never answers a fresh ask made after a write with a reading that began before it', async () => {
    const stored = store();
    const shared = new SharedReading(stored.read);
    const before = shared.fresh('m');
    await nextTurn(); // the reading has started
    expect(stored.reads()).toBe(1);
    stored.write('v2');
    const afterWrite = Array.from({ length: 5 }, () => shared.fresh('m'));
    await stored.finish();
    expect(await before).toBe('m:v1');
    expect(new Set(await Promise.all(afterWrite))).toEqual(new Set(['m:v2']));
    // The one running, and one for all five asked while it ran.
    expect(stored.reads()).toBe(2);
  });

  it('shares the latest reading within its age, and the fresh one once newer', async () => {
    let now = 1000;
    const stored = store();
    const shared = new SharedReading(stored.read, { now: () => now });
    const first = [shared.latest('m', 1000), shared.latest('m', 1000)];
    await stored.finish();
    expect(await Promise.all(first)).toEqual(['m:v1', 'm:v1']);
    stored.write('v2');
    now += 999;
    expect(await shared.latest('m', 1000)).toBe('m:v1');
    expect(stored.reads()).toBe(1);
    // A fresh reading after the write becomes what the polls are given.
    const fresh = shared.fresh('m');
    await stored.finish();
    expect(await fresh).toBe('m:v2');
    expect(await shared.latest('m', 1000)).toBe('m:v2');
    expect(stored.reads()).toBe(2);
    // Past its age, a new reading; 0 shares only a reading still running.
    now += 1000;
    stored.write('v3');
    const late = shared.latest('m', 1000);
    await stored.finish();
    expect(await late).toBe('m:v3');
    const running = [shared.latest('m', 0), shared.latest('m', 0)];
    await stored.finish();
    await Promise.all(running);
    expect(stored.reads()).toBe(4);
  });

  it('shares a failed reading like an answer while it is recent, and keeps no failed fresh one', async () => {
    let reads = 0;
    const shared = new SharedReading<string>(async () => {
      reads++;
      throw new Error('not found');
    });
    await expect(Promise.all([shared.latest('gone', 1000), shared.latest('gone', 1000)])).rejects.toThrow('not found');
    await expect(shared.latest('gone', 1000)).rejects.toThrow('not found');
    expect(reads).toBe(1);
    await expect(shared.fresh('gone')).rejects.toThrow('not found');
    await expect(shared.fresh('gone')).rejects.toThrow('not found');
    expect(reads).toBe(3);
  });

  it('holds no more keys than its bound once their readings are too old', async () => {
    let now = 0;
    const shared = new SharedReading(async (key) => key, { sweepAt: 8, now: () => now });
    for (let index = 0; index < 100; index++) {
      await shared.latest(`meeting-${index}`, 1000);
      now += 1000;
    }
    expect(shared.size).toBeLessThanOrEqual(8);
  });
});
