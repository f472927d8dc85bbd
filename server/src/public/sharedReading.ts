/**
 * A reading shared between the many readers asking for the same key at once: the public pages' fingerprint,
 * which a hall's tabs poll every few seconds and every page request reads. Two ways to ask:
 *
 * - `latest(key, maxAgeMs)`: any reading of the key started less than `maxAgeMs` ago, or one still running;
 *   else a new one. What the live polls ask: a crowd polling costs one reading per interval, and a change
 *   reaches every poll within that interval (plus one reading), counted from the reading's start so a slow
 *   reading does not stretch it.
 * - `fresh(key)`: a reading started after this call, so everything stored before the call is in it. Still
 *   single-flight: the reading starts on the event loop's next turn, and every call until then joins it; a call
 *   arriving while it runs (it may have read before the call) waits for the next one, shared by every call
 *   arriving meanwhile; a call after the last reading ended reads again.
 *
 * A fresh answer also becomes the key's latest when it is newer, so `latest` never answers older than the
 * last `fresh` did. A failed reading is shared like an answer by `latest` (a refusal costs no more than an
 * answer), never kept by `fresh`.
 */

/** One reading: shared while it runs and, once done, for as long as the asker's `maxAgeMs` allows. */
interface Reading<T> {
  answer: Promise<T>;
  /** When it started: the age `latest` compares, and what decides which of two readings is newer. */
  started: number;
  running: boolean;
}

/** The fresh readings of a key: the one running, and the one not started yet that every call meanwhile joins. */
interface FreshReadings<T> {
  running?: Promise<T>;
  queued?: Promise<T>;
}

export interface SharedReadingOptions {
  /** Past this many keys held, readings too old for the asker are swept (keys may come from an address, so anyone can add some). */
  sweepAt?: number;
  /** The clock (tests). */
  now?: () => number;
}

export class SharedReading<T> {
  private readonly read: (key: string) => Promise<T>;
  private readonly sweepAt: number;
  private readonly now: () => number;
  private readonly readings = new Map<string, Reading<T>>();
  private readonly freshReadings = new Map<string, FreshReadings<T>>();

  constructor(read: (key: string) => Promise<T>, { sweepAt = 256, now = Date.now }: SharedReadingOptions = {}) {
    this.read = read;
    this.sweepAt = sweepAt;
    this.now = now;
  }

  /** Keys whose latest reading is held (the sweep's bound, for tests). */
  get size(): number {
    return this.readings.size;
  }

  /** A reading of `key` started less than `maxAgeMs` ago or still running, else a new one (0: only a running one is shared). */
  latest(key: string, maxAgeMs: number): Promise<T> {
    const now = this.now();
    const held = this.readings.get(key);
    if (held && (held.running || now - held.started < maxAgeMs)) return held.answer;
    if (this.readings.size >= this.sweepAt) {
      for (const [each, reading] of this.readings)
        if (!reading.running && now - reading.started >= maxAgeMs) this.readings.delete(each);
    }
    const reading: Reading<T> = { answer: this.read(key), started: now, running: true };
    this.readings.set(key, reading);
    const settle = () => {
      reading.running = false;
    };
    reading.answer.then(settle, settle);
    return reading.answer;
  }

  /**
   * A reading of `key` started after this call. It starts on the event loop's next turn (or when the one
   * running ends), so every call made until then, the requests arriving together included, joins it.
   */
  fresh(key: string): Promise<T> {
    let held = this.freshReadings.get(key);
    if (!held) {
      held = {};
      this.freshReadings.set(key, held);
    }
    if (held.queued) return held.queued;
    const readings = held;
    const settled = () => undefined;
    const turn = readings.running
      ? readings.running.then(settled, settled)
      : new Promise<void>((resolve) => setImmediate(resolve));
    readings.queued = turn.then(() => this.startFresh(key, readings));
    return readings.queued;
  }

  private startFresh(key: string, held: FreshReadings<T>): Promise<T> {
    // From here on a call may come after the reading has read: it queues the next one.
    held.queued = undefined;
    const started = this.now();
    const answer = this.read(key);
    held.running = answer;
    const done = () => {
      if (held.running === answer && !held.queued && this.freshReadings.get(key) === held) this.freshReadings.delete(key);
    };
    answer.then(() => {
      done();
      // Newer than the latest held (or as new): the polls get it, so they never see older than a page did.
      const latest = this.readings.get(key);
      if (!latest || latest.started <= started) this.readings.set(key, { answer, started, running: false });
    }, done);
    return answer;
  }
}
