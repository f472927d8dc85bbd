/**
 * The `live:{meetingId}` documents: written only by the server, as projections of what the store
 * holds (poll tallies in the `polls` map, comment threads in the `threads` map), and opened
 * read-only by every client.
 *
 * Features declare the maps they own (Feature.liveMaps), give each a source (how to fill it for a
 * meeting when the document loads) and call `project` after each committed change; a map no
 * feature declared is refused, so the client's registry (shared/liveMaps.ts) stays complete. Projection is coalesced per map:
 * however many changes arrive, a map of a meeting is written at most once per `minIntervalMs`
 * (longer for thousands of viewers, see intervalFor, and longer still while their changes keep
 * coming, see streamIntervalFor), in one transaction holding every entry that
 * changed (each recomputed from the store once), so that viewers get a few messages per second,
 * not one per vote or per comment.
 *
 * A map may keep some fields of its entries in a map of their own (`split`: a poll's counts, apart
 * from the poll), written in the same transaction; an entry whose other fields did not change is
 * not written again, so the message to every viewer holds only what moved.
 *
 * With several instances, each writes its own copy of a live document (they are not synced
 * through Redis, so no two instances ever write one entry concurrently). After writing, an
 * instance tells the others, which recompute the whole map from the shared store.
 */

import { isDeepStrictEqual } from 'node:util';
import type { Extension, Hocuspocus, onLoadDocumentPayload } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import type * as Y from 'yjs';
import { liveDoc, parseDocumentName } from '../../../shared/documentNames.ts';
import type { LiveMapName } from '../../../shared/liveMaps.ts';
import type { ClusterBus } from '../cluster/clusterBus.ts';
import { SERVER_ORIGIN } from '../collab/context.ts';

/** Fills one map of a meeting's live document: entry key to JSON value. */
export type LiveSource = (meetingId: string) => Promise<Record<string, unknown>>;

/** Recomputes one entry from the store; undefined removes it. */
export type LiveCompute = () => Promise<unknown>;

/** One entry recomputed here, or a whole map reloaded because another instance changed it. */
type Job = { kind: 'entry'; compute: LiveCompute } | { kind: 'map' };

interface MapState {
  lastRun: number;
  /** When the oldest and the latest of the jobs in `next` were asked for. */
  firstChange: number;
  lastChange: number;
  running: Promise<void> | null;
  timer: NodeJS.Timeout | null;
  /** The latest job of each entry asked for while a write was pending or too recent. */
  next: Map<string, Job>;
}

/** Where some fields of a map's entries are kept instead (LiveProjection.split). */
interface Split {
  into: string;
  fields: readonly string[];
}

/** The key under which a whole-map reload of a meeting's map waits. */
const WHOLE_MAP = '\u0000all';

export interface LiveProjectionOptions {
  log: FastifyBaseLogger;
  /** The maps the features declared (featureDeclarations.ts); any other map is an error. */
  maps: readonly LiveMapName[];
  /** Least time between two writes of one map of a meeting. */
  minIntervalMs?: number;
}

export class LiveProjection implements Extension {
  readonly extensionName = 'plenary-live-projection';
  private readonly sources = new Map<string, LiveSource>();
  private readonly splits = new Map<string, Split>();
  private readonly maps: ReadonlySet<string>;
  private readonly entries = new Map<string, MapState>();
  private readonly minIntervalMs: number;
  private readonly log: FastifyBaseLogger;
  private hocuspocus: Hocuspocus | null = null;
  private bus: ClusterBus | null = null;

  constructor(options: LiveProjectionOptions) {
    this.log = options.log;
    this.minIntervalMs = options.minIntervalMs ?? 250;
    this.maps = new Set(options.maps);
  }

  /** A map no feature declared would be written where no client type describes it. */
  private declared(map: LiveMapName): void {
    if (!this.maps.has(map)) throw new Error(`live map ${map} is not declared by any feature (Feature.liveMaps)`);
  }

  /** Called once the Hocuspocus instance exists (it is built with this extension in it). */
  attach(hocuspocus: Hocuspocus): void {
    this.hocuspocus = hocuspocus;
  }

  /** With several instances: tell the others what changed, and hear what they changed. */
  attachBus(bus: ClusterBus): void {
    this.bus = bus;
    bus.on('live', ({ meetingId, map }) => this.schedule(meetingId, map, WHOLE_MAP, { kind: 'map' }));
    // Events sent while Redis was down are lost: reload every map of every live document here.
    bus.onReconnect(() => {
      for (const name of this.hocuspocus?.documents.keys() ?? []) {
        const ref = parseDocumentName(name);
        if (ref?.kind !== 'live') continue;
        for (const map of this.sources.keys()) this.schedule(ref.id, map, WHOLE_MAP, { kind: 'map' });
      }
    });
  }

  /** Declares how to fill `map` of a live document when it loads. One source per map. */
  source(map: LiveMapName, load: LiveSource): void {
    this.declared(map);
    if (this.sources.has(map)) throw new Error(`live map ${map} already has a source`);
    this.sources.set(map, load);
  }

  /**
   * Keeps `fields` of each entry of `map` in the entry of the same key of `into`, written with it
   * in one transaction (and removed with it). What is projected into `map` stays the whole value;
   * a client that wants it whole reads both maps.
   */
  split(map: LiveMapName, into: LiveMapName, fields: readonly string[]): void {
    this.declared(map);
    this.declared(into);
    if (this.splits.has(map)) throw new Error(`live map ${map} is already split`);
    this.splits.set(map, { into, fields });
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref?.kind !== 'live') return;
    const filled = await Promise.all([...this.sources].map(async ([map, load]) => [map, await load(ref.id)] as const));
    document.transact(() => {
      for (const [map, values] of filled) for (const [key, value] of Object.entries(values)) this.put(document, map, key, value);
    }, SERVER_ORIGIN);
  }

  /**
   * Recomputes `map[key]` of a meeting's live document from the store and writes it, now if
   * the entry has not been written in the last `minIntervalMs`, else once that time is up.
   * Call it after the change is committed.
   */
  project(meetingId: string, map: LiveMapName, key: string, compute: LiveCompute): void {
    this.declared(map);
    this.schedule(meetingId, map, key, { kind: 'entry', compute });
  }

  private schedule(meetingId: string, map: string, key: string, job: Job): void {
    const id = `${meetingId}\u0000${map}`;
    let state = this.entries.get(id);
    if (!state) {
      state = { lastRun: 0, firstChange: 0, lastChange: 0, running: null, timer: null, next: new Map() };
      this.entries.set(id, state);
    }
    if (state.next.size === 0) state.firstChange = Date.now();
    state.next.set(key, job);
    state.lastChange = Date.now();
    if (state.timer || state.running) return;
    // Even when the map may be written at once, the write waits for the end of this turn, so that
    // the entries one command changes together (a hand: the item, the speaker, the day) go in one message.
    const wait = Math.max(0, state.lastRun + this.intervalFor(meetingId) - Date.now());
    state.timer = setTimeout(() => this.run(id, state, meetingId, map), wait);
  }

  /**
   * Least time between two writes of a map: minIntervalMs, longer for a large audience (a
   * tenth of a millisecond per viewer of the live document, at most a second). Each write is a
   * message to every viewer, and writing to 5,000 sockets takes the server 100 ms or more.
   */
  private intervalFor(meetingId: string): number {
    return Math.max(this.minIntervalMs, Math.min(1_000, Math.round(this.viewersOf(meetingId) / 10)));
  }

  /**
   * For an audience large enough to have a longer interval, a change waits for the changes to
   * pause (a fifth of the interval: 100 ms for 5,000 viewers), so that the first ballot of a vote
   * is not a message of its own to everyone; while they keep coming (a vote under way), the map is
   * written every `streamIntervalFor` (five intervals, at most three seconds: 5,000 viewers see
   * the running tally every 2.5 s), counted from the first change not yet written. Each message to
   * 5,000 viewers costs the server some 150 ms of socket writes and every viewer's device the work
   * of applying it, taken from the ballots still arriving (benchmark S7: with a tally a second, a
   * ballot's p99 was 54-105 ms, none during the vote 20-23 ms; bench/IMPROVEMENTS.md). The final
   * tally goes a pause after the last ballot; a change that comes alone (a raised hand) waits one
   * pause. An audience whose interval is the least (2,500 viewers or fewer) is written once per
   * interval, as soon as it allows.
   */
  private streamIntervalFor(meetingId: string): number {
    const interval = this.intervalFor(meetingId);
    return interval > this.minIntervalMs ? Math.min(3_000, 5 * interval) : interval;
  }

  private viewersOf(meetingId: string): number {
    return this.hocuspocus?.documents.get(liveDoc(meetingId))?.getConnectionsCount() ?? 0;
  }

  /** Resolves when every pending projection has been written (tests, shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const busy = [...this.entries.values()].filter((state) => state.running || state.next.size > 0);
      if (busy.length === 0) return;
      await Promise.all(busy.map((state) => state.running ?? new Promise((resolve) => setTimeout(resolve, this.minIntervalMs))));
    }
  }

  /** Stops pending timers (at shutdown). */
  stop(): void {
    for (const state of this.entries.values()) if (state.timer) clearTimeout(state.timer);
    this.entries.clear();
  }

  private run(id: string, state: MapState, meetingId: string, map: string): void {
    state.timer = null;
    const jobs = state.next;
    if (jobs.size === 0) {
      // Nothing asked for since the last write, and the interval has passed: forget the map.
      this.entries.delete(id);
      return;
    }
    const now = Date.now();
    const interval = this.intervalFor(meetingId);
    if (interval > this.minIntervalMs) {
      // A large audience: when the changes pause, or the stream interval after the first change
      // waiting, whichever comes first (see streamIntervalFor).
      const pause = Math.round(interval / 5);
      const due = Math.min(state.lastChange + pause, state.firstChange + this.streamIntervalFor(meetingId));
      if (now < due) {
        state.timer = setTimeout(() => this.run(id, state, meetingId, map), due - now);
        return;
      }
    }
    state.next = new Map();
    state.lastRun = now;
    // Published when the run starts, so it covers every change committed before it.
    for (const [key, job] of jobs) if (job.kind === 'entry') this.bus?.publish('live', { meetingId, map, key });
    // A whole-map reload recomputes every entry from the source: the entries' own jobs are in it.
    const entries: { key: string; compute: LiveCompute }[] = [];
    for (const [key, job] of jobs) if (job.kind === 'entry') entries.push({ key, compute: job.compute });
    state.running = (jobs.has(WHOLE_MAP) ? this.reload(meetingId, map) : this.write(meetingId, map, entries))
      .catch((error: unknown) => this.log.error({ err: error, meetingId, map }, 'live projection failed'))
      .finally(() => {
        state.running = null;
        // The map is kept (with its lastRun) until the interval has passed, even when nothing
        // is pending: a change arriving meanwhile waits for that time, so changes that come one
        // at a time are coalesced too, not each written at once.
        const wait = state.lastRun + this.intervalFor(meetingId) - Date.now();
        state.timer = setTimeout(() => this.run(id, state, meetingId, map), Math.max(0, wait));
      });
  }

  /** The live document if it is loaded here (once loading finishes); null when nobody watches. */
  private async loaded(meetingId: string) {
    const name = liveDoc(meetingId);
    const hocuspocus = this.hocuspocus;
    if (!hocuspocus) return null;
    // A document being loaded reads the store itself; wait, then write what may have changed since.
    await hocuspocus.loadingDocuments.get(name)?.catch(() => undefined);
    return hocuspocus.documents.get(name) ?? null; // not loaded: the next load reads the store
  }

  /** Reloads a whole map from its source and writes only what differs. */
  private async reload(meetingId: string, map: string): Promise<void> {
    const load = this.sources.get(map);
    const document = load ? await this.loaded(meetingId) : null;
    if (!load || !document) return;
    const values = await load(meetingId);
    const split = this.splits.get(map);
    document.transact(() => {
      for (const name of split ? [map, split.into] : [map]) {
        const ymap = document.getMap(name);
        for (const key of [...ymap.keys()]) if (!(key in values)) ymap.delete(key);
      }
      for (const [key, value] of Object.entries(values)) this.put(document, map, key, value);
    }, SERVER_ORIGIN);
  }

  /** Recomputes entries from the store and writes them in one transaction: one message to each viewer. */
  private async write(meetingId: string, map: string, entries: { key: string; compute: LiveCompute }[]): Promise<void> {
    const document = await this.loaded(meetingId);
    if (!document) return;
    const values = await Promise.all(entries.map(({ compute }) => compute()));
    document.transact(() => {
      entries.forEach(({ key }, k) => {
        this.put(document, map, key, values[k]);
      });
    }, SERVER_ORIGIN);
  }

  /** Writes `map[key]` (undefined removes it), its split fields into their own map; only what differs. */
  private put(document: Y.Doc, map: string, key: string, value: unknown): void {
    const split = this.splits.get(map);
    if (!split) {
      putEntry(document.getMap(map), key, value);
      return;
    }
    let rest = value;
    let part: Record<string, unknown> | undefined;
    if (value !== null && typeof value === 'object') {
      const whole = { ...(value as Record<string, unknown>) };
      part = {};
      for (const field of split.fields) {
        if (whole[field] !== undefined) part[field] = whole[field];
        delete whole[field];
      }
      rest = whole;
    }
    putEntry(document.getMap(map), key, rest);
    putEntry(document.getMap(split.into), key, part);
  }
}

/** An entry recomputed to what it already is (the day's balance after a hand) is no message. */
function putEntry(ymap: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined) {
    if (ymap.has(key)) ymap.delete(key);
  } else if (!isDeepStrictEqual(ymap.get(key), value)) ymap.set(key, value);
}
