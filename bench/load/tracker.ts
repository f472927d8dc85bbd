/**
 * What a client has received: for every writer (Yjs client id), the highest clock that arrived
 * (so that a lost edit shows as a clock never reached), and, for the writers being measured, the
 * arrival time of each of their edits (one clock per typed character).
 */
import { readUpdateMeta } from './updateMeta.ts';

export interface Writer {
  clientId: number;
  /** The clock of the writer's first measured edit. */
  c0: number;
  /** How many edits may be measured. */
  capacity: number;
}

export class Tracker {
  /** Highest clock received (exclusive), per client id. */
  readonly received = new Map<number, number>();
  /** Updates whose first clock was beyond what had arrived: something in between is missing. */
  gaps = 0;
  updates = 0;
  private writers = new Map<number, { index: number; c0: number }>();
  /** Arrival time (µs) of each measured edit, per writer index; NaN until it arrives. */
  arrivals: Float64Array[] | null = null;
  /** Called after each update is counted (replays wait on it instead of polling). */
  listener: (() => void) | null = null;

  /** Starts timing the arrival of these writers' edits. */
  measure(writers: Writer[], keepArrivals: boolean): void {
    this.writers = new Map(writers.map((writer, index) => [writer.clientId, { index, c0: writer.c0 }]));
    this.arrivals = keepArrivals ? writers.map((writer) => new Float64Array(writer.capacity).fill(Number.NaN)) : null;
  }

  onUpdate(update: Uint8Array, atUs: number): void {
    this.updates++;
    // Clock ranges only, content skipped (Y.parseUpdateMeta decodes every value to find them).
    const meta = readUpdateMeta(update);
    for (const [client, to] of meta.to) {
      const had = this.received.get(client) ?? 0;
      if (to <= had) continue;
      const from = meta.from.get(client) ?? 0;
      if (from > had) this.gaps++;
      this.received.set(client, to);
      const writer = this.writers.get(client);
      const arrivals = writer && this.arrivals?.[writer.index];
      if (!writer || !arrivals) continue;
      const end = Math.min(to - writer.c0, arrivals.length);
      for (let n = Math.max(had - writer.c0, 0); n < end; n++) arrivals[n] = atUs;
    }
    this.listener?.();
  }

  /** True when every target clock has been reached. */
  covers(target: ReadonlyMap<number, number>): boolean {
    for (const [client, clock] of target) if ((this.received.get(client) ?? 0) < clock) return false;
    return true;
  }
}
