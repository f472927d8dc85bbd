/**
 * The coalescing promise of LiveProjection: however changes arrive (a burst, or one at a time),
 * a map of a live document is written at most once per minIntervalMs (all its changed entries in one transaction), and the last write
 * carries the state after the last change. Runs on a Hocuspocus instance without a server, with
 * the live document put in its documents map as a load would.
 */
import { Document, Hocuspocus } from '@hocuspocus/server';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProjection } from '../../server/src/live/liveProjection.ts';
import { liveDoc } from '../../shared/documentNames.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MEETING = 'm1';
const INTERVAL_MS = 100;

let projection: LiveProjection;

/** A projection attached to a loaded live document; counts the writes of polls.p1. */
function setUp(viewers = 0) {
  projection = new LiveProjection({ log: pino({ level: 'silent' }), maps: ['polls'], minIntervalMs: INTERVAL_MS });
  const hocuspocus = new Hocuspocus({ quiet: true });
  const document = new Document(liveDoc(MEETING));
  // Viewers of the live document (the interval grows with them); only their number matters here,
  // and fake connections would be sent the writes, so the count is what is stood in for.
  document.getConnectionsCount = () => viewers;
  hocuspocus.documents.set(document.name, document);
  projection.attach(hocuspocus);
  const writes: { at: number; value: unknown }[] = [];
  document.getMap('polls').observe((event) => {
    if (event.keysChanged.has('p1')) writes.push({ at: Date.now(), value: document.getMap('polls').get('p1') });
  });
  return { writes };
}

afterEach(() => {
  projection.stop();
  vi.useRealTimers();
});

/**
 * For the tests that measure when a write comes: Date.now and setTimeout (the projection's clock and
 * timers, and the test's own waits) move only when the test moves them. On a real clock a loaded
 * machine (a load average of 20) stretched a 10 ms wait into a pause long enough to end a stream,
 * and a timer fired late enough to break an upper bound: what these tests assert is the projection's
 * schedule, not the machine's.
 */
function fakeClock() {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  return {
    /** Moves the clock on by `ms`, running every timer due meanwhile (and the promises they start). */
    advance: (ms: number) => vi.advanceTimersByTimeAsync(ms),
    /** Runs the clock until every pending projection is written. */
    async settled() {
      const settled = projection.settled();
      await vi.runAllTimersAsync();
      await settled;
    },
  };
}

describe('LiveProjection', () => {
  it('writes the first change at once and the latest state after a burst, once per interval', async () => {
    const { writes } = setUp();
    let votes = 0;
    for (let i = 0; i < 50; i++) {
      votes++;
      projection.project(MEETING, 'polls', 'p1', async () => ({ votes }));
    }
    await projection.settled();
    expect(writes.length).toBeLessThanOrEqual(2);
    expect(writes.at(-1)?.value).toEqual({ votes: 50 });
  });

  it('coalesces changes that arrive one at a time, not only bursts', async () => {
    const { writes } = setUp();
    let votes = 0;
    const started = Date.now();
    // One change every 10 ms for about 500 ms: one write per change would be ~50.
    while (Date.now() - started < 5 * INTERVAL_MS) {
      votes++;
      projection.project(MEETING, 'polls', 'p1', async () => ({ votes }));
      await sleep(10);
    }
    await projection.settled();
    const elapsed = Date.now() - started;
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL_MS) + 1);
    for (let i = 1; i < writes.length; i++) {
      // Timers may fire a millisecond early; the interval is what the viewers see.
      expect(writes[i]!.at - writes[i - 1]!.at).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
    }
    expect(writes.at(-1)?.value).toEqual({ votes });
  });

  it('writes less often for a large audience: 3,000 viewers, 300 ms apart, even when each change comes after a pause', async () => {
    // A change every 100 ms: each one after a pause (60 ms for 3,000 viewers), so none is a stream.
    const { writes } = setUp(3_000);
    let votes = 0;
    const started = Date.now();
    while (Date.now() - started < 1_200) {
      votes++;
      projection.project(MEETING, 'polls', 'p1', async () => ({ votes }));
      await sleep(100);
    }
    await projection.settled();
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < writes.length; i++) expect(writes[i]!.at - writes[i - 1]!.at).toBeGreaterThanOrEqual(300 - 5);
    expect(writes.at(-1)?.value).toEqual({ votes });
  });

  it('writes a large audience nothing while a burst lasts less than the stream interval, then its final state once it pauses', async () => {
    // 5,000 viewers: an interval of 500 ms, a pause of 100 ms, a stream interval of 2,500 ms. A
    // vote's 1 s burst is one message to everyone: its final tally, not its first ballot too.
    const clock = fakeClock();
    const { writes } = setUp(5_000);
    let votes = 0;
    const changes: number[] = [];
    const started = Date.now();
    // A change every 5 ms for 1 s, never a pause between two.
    while (Date.now() - started < 1_000) {
      votes++;
      changes.push(Date.now());
      projection.project(MEETING, 'polls', 'p1', async () => ({ votes }));
      await clock.advance(5);
    }
    await clock.settled();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.at - changes[0]!).toBeGreaterThanOrEqual(100);
    expect(writes.at(-1)?.value).toEqual({ votes });
    const lastChange = changes.at(-1)!;
    expect(writes.at(-1)!.at - lastChange).toBeGreaterThanOrEqual(100);
    expect(writes.at(-1)!.at - lastChange).toBeLessThanOrEqual(500 + 100);
  });

  it('writes a large audience every stream interval while changes keep coming, and the final state once they pause', async () => {
    // 3,000 viewers: an interval of 300 ms, a pause of 60 ms, a stream interval of 1,500 ms.
    const clock = fakeClock();
    const { writes } = setUp(3_000);
    let votes = 0;
    const changes: number[] = [];
    const started = Date.now();
    // A change every 10 ms for 3.3 s, never a pause between two.
    while (Date.now() - started < 3_300) {
      votes++;
      changes.push(Date.now());
      projection.project(MEETING, 'polls', 'p1', async () => ({ votes }));
      await clock.advance(10);
    }
    const lastChange = changes.at(-1)!;
    await clock.settled();
    // While the changes kept coming: nothing before a stream interval after the first change, then
    // one write a stream interval after the first change the previous write did not hold.
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(writes[0]!.at - changes[0]!).toBeGreaterThanOrEqual(1_500);
    for (let i = 1; i < writes.length - 1; i++) expect(writes[i]!.at - writes[i - 1]!.at).toBeGreaterThanOrEqual(1_500);
    // The final state, a pause after the last change, no later than the interval allows.
    expect(writes.at(-1)?.value).toEqual({ votes });
    expect(writes.at(-1)!.at - lastChange).toBeGreaterThanOrEqual(60);
    expect(writes.at(-1)!.at - lastChange).toBeLessThanOrEqual(300 + 60);
  });

  it('writes a change that comes alone to a large audience a pause later, not a stream interval', async () => {
    // 10,000 viewers: an interval of 1,000 ms, a pause of 200 ms, 3,000 ms for a stream.
    const clock = fakeClock();
    const { writes } = setUp(10_000);
    projection.project(MEETING, 'polls', 'p1', async () => ({ votes: 1 }));
    await clock.settled();
    await clock.advance(1_100);
    const raised = Date.now();
    projection.project(MEETING, 'polls', 'p1', async () => ({ votes: 2 }));
    await clock.settled();
    expect(writes).toHaveLength(2);
    // Held for the pause (to tell it from the first change of a stream), not for the stream interval.
    expect(writes[1]!.at - raised).toBeGreaterThanOrEqual(200);
    expect(writes[1]!.at - raised).toBeLessThan(400);
  });

  it('writes the entries of a map that change within an interval together: one message, not one per entry', async () => {
    const clock = fakeClock();
    projection = new LiveProjection({ log: pino({ level: 'silent' }), maps: ['threads'], minIntervalMs: INTERVAL_MS });
    const hocuspocus = new Hocuspocus({ quiet: true });
    const document = new Document(liveDoc(MEETING));
    hocuspocus.documents.set(document.name, document);
    projection.attach(hocuspocus);
    let messages = 0;
    document.on('update', () => messages++);
    // A burst of comments: a new thread every 5 ms for about 500 ms, each its own entry.
    const started = Date.now();
    let threads = 0;
    while (Date.now() - started < 5 * INTERVAL_MS) {
      const id = `t${threads++}`;
      projection.project(MEETING, 'threads', id, async () => ({ id }));
      await clock.advance(5);
    }
    await clock.settled();
    const elapsed = Date.now() - started;
    expect(threads).toBeGreaterThan(20);
    expect(messages).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL_MS) + 1);
    const map = document.getMap('threads');
    expect(map.size).toBe(threads);
    for (let i = 0; i < threads; i++) expect(map.get(`t${i}`)).toEqual({ id: `t${i}` });
  });

  it('writes nothing for an entry recomputed to the value it has', async () => {
    const { writes } = setUp();
    projection.project(MEETING, 'polls', 'p1', async () => ({ votes: 1 }));
    await projection.settled();
    await sleep(INTERVAL_MS + 10);
    projection.project(MEETING, 'polls', 'p1', async () => ({ votes: 1 }));
    await projection.settled();
    expect(writes).toHaveLength(1);
  });

  it('writes the split fields of an entry into their own map, in the same message, and only what changed', async () => {
    projection = new LiveProjection({
      log: pino({ level: 'silent' }),
      maps: ['polls', 'pollCounts'],
      minIntervalMs: INTERVAL_MS,
    });
    const hocuspocus = new Hocuspocus({ quiet: true });
    const document = new Document(liveDoc(MEETING));
    hocuspocus.documents.set(document.name, document);
    projection.attach(hocuspocus);
    projection.split('polls', 'pollCounts', ['ballots', 'tally']);
    const updates: Uint8Array[] = [];
    document.on('update', (update: Uint8Array) => updates.push(update));
    const question = 'A question long enough that writing it again would show in the message size. '.repeat(4);
    const poll = (ballots: number, status = 'open') => ({ id: 'p1', question, status, ballots, tally: { a: ballots } });
    projection.project(MEETING, 'polls', 'p1', async () => poll(1));
    await projection.settled();
    expect(document.getMap('polls').get('p1')).toEqual({ id: 'p1', question, status: 'open' });
    expect(document.getMap('pollCounts').get('p1')).toEqual({ ballots: 1, tally: { a: 1 } });
    // Only the counts moved: the message holds them, not the question again.
    await sleep(INTERVAL_MS + 10);
    projection.project(MEETING, 'polls', 'p1', async () => poll(2));
    await projection.settled();
    expect(updates).toHaveLength(2);
    expect(updates[1]!.byteLength).toBeLessThan(100);
    expect(document.getMap('pollCounts').get('p1')).toEqual({ ballots: 2, tally: { a: 2 } });
    // Both parts change: one message.
    await sleep(INTERVAL_MS + 10);
    projection.project(MEETING, 'polls', 'p1', async () => poll(3, 'closed'));
    await projection.settled();
    expect(updates).toHaveLength(3);
    expect(document.getMap('polls').get('p1')).toMatchObject({ status: 'closed' });
    expect(document.getMap('pollCounts').get('p1')).toEqual({ ballots: 3, tally: { a: 3 } });
    // Removed: from both maps.
    await sleep(INTERVAL_MS + 10);
    projection.project(MEETING, 'polls', 'p1', async () => undefined);
    await projection.settled();
    expect(updates).toHaveLength(4);
    expect(document.getMap('polls').has('p1')).toBe(false);
    expect(document.getMap('pollCounts').has('p1')).toBe(false);
  });

  it('refuses a map no feature declared, so nothing is written that the client has no type for', () => {
    setUp();
    expect(() => projection.project(MEETING, 'threads', 't1', async () => ({}))).toThrow(/not declared/);
    expect(() => projection.source('threads', async () => ({}))).toThrow(/not declared/);
  });
});
