/**
 * A load generator: a process of its own that holds many clients and does what the harness
 * asks (connect them, type, replay a trace, vote), reporting raw times for the harness to join.
 * Several generators may run at once; the harness splits the clients between them.
 */
import * as Y from 'yjs';
import { createParagraph, paragraphOf, paragraphTexts, TYPED } from '../lib/benchDoc.ts';
import { nowUs, sleep, waitUntil } from '../lib/clock.ts';
import { processStatsMonitor } from '../lib/processStats.ts';
import { serveRpc } from '../lib/rpc.ts';
import { sampleThreads } from '../lib/threadTimes.ts';
import { BenchClient } from './client.ts';
import { type ClientSpec, type Entry, entries } from './entries.ts';
import { floorHandlers } from './floor.ts';
import { mentionHandlers } from './mentions.ts';
import { pollHandlers } from './polls.ts';
import { replayHandlers } from './replay.ts';
import { Tracker, type Writer } from './tracker.ts';

export type { ClientSpec, Entry } from './entries.ts';

const monitor = processStatsMonitor();

const COLORS = ['#0b7285', '#5f3dc4', '#c92a2a', '#2b8a3e', '#e67700', '#364fc7'];

export function openClient(spec: ClientSpec): Entry {
  const tracker = new Tracker();
  let doc: Y.Doc | undefined;
  if (spec.apply) {
    doc = new Y.Doc();
    if (spec.clientId !== undefined) doc.clientID = spec.clientId;
  }
  const client = new BenchClient({
    url: spec.url,
    docName: spec.docName,
    token: spec.token,
    ...(spec.localAddress ? { localAddress: spec.localAddress } : {}),
    ...(doc ? { doc } : {}),
    awareness: spec.awareness ? { user: { name: `Bench ${spec.index}`, color: COLORS[spec.index % COLORS.length] } } : null,
    onRemoteUpdate: (update, atUs) => tracker.onUpdate(update, atUs),
  });
  const entry = { spec, client, tracker };
  entries.set(spec.index, entry);
  return entry;
}

function entry(index: number): Entry {
  const found = entries.get(index);
  if (!found) throw new Error(`no client ${index} in this generator`);
  return found;
}

export interface ConnectResult {
  /** Connect + first sync, ms, per client in the order asked; NaN for a client that failed. */
  connectMs: Float64Array;
  /** Of that, the TCP connect and the WebSocket upgrade, ms; NaN for a client that failed. */
  openMs: Float64Array;
  failures: string[];
}

/** Opens clients at `ratePerSec` (all at once when 0) and waits until each is synced or failed. */
async function connect({
  clients,
  ratePerSec = 0,
  timeoutMs = 30_000,
}: {
  clients: ClientSpec[];
  ratePerSec?: number;
  timeoutMs?: number;
}): Promise<ConnectResult> {
  const opened: Entry[] = [];
  const start = nowUs();
  for (let i = 0; i < clients.length; i++) {
    if (ratePerSec > 0) {
      const due = start + (i * 1e6) / ratePerSec;
      const wait = (due - nowUs()) / 1000;
      if (wait > 1) await sleep(wait);
    } else if (i % 200 === 199) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    opened.push(openClient(clients[i]!));
  }
  const failures: string[] = [];
  const deadline = sleep(timeoutMs).then(() => 'timeout');
  const outcomes = await Promise.all(
    opened.map((e) => Promise.race([e.client.ready.then(() => 'ok'), deadline]).catch((error: unknown) => String(error))),
  );
  const connectMs = new Float64Array(opened.length);
  const openMs = new Float64Array(opened.length);
  opened.forEach((e, i) => {
    const outcome = outcomes[i]!;
    if (outcome === 'ok') {
      connectMs[i] = e.client.connectMs;
      openMs[i] = e.client.openMs;
    } else {
      connectMs[i] = Number.NaN;
      openMs[i] = Number.NaN;
      failures.push(`client ${e.spec.index}: ${outcome}`);
    }
  });
  return { connectMs, openMs, failures };
}

/** Each writer appends its own paragraph; returns the clock its first typed character will get. */
function createParagraphs({ indices }: { indices: number[] }): { index: number; clientId: number; c0: number }[] {
  return indices.map((index) => {
    const { client } = entry(index);
    const doc = client.doc;
    if (!doc) throw new Error(`client ${index} keeps no document`);
    createParagraph(doc);
    return { index, clientId: doc.clientID, c0: Y.getState(doc.store, doc.clientID) };
  });
}

/** Starts timing arrivals of these writers' edits (kept for `keep` clients, coverage for all). */
function track({ writers, keep }: { writers: Writer[]; keep: number[] }): void {
  const keeping = new Set(keep);
  for (const [index, e] of entries) e.tracker.measure(writers, keeping.has(index));
}

/** Waits until every client here has received every target clock; returns who has not. */
async function waitCoverage({ target, timeoutMs }: { target: [number, number][]; timeoutMs: number }): Promise<string[]> {
  const goal = new Map(target);
  const lacking = () => [...entries.values()].filter((e) => !e.client.dropped && !e.tracker.covers(goal));
  try {
    await waitUntil(() => lacking().length === 0, timeoutMs, 'every edit to arrive', 10);
    return [];
  } catch {
    return lacking().map((e) => {
      const missing = [...goal].filter(([client, clock]) => (e.tracker.received.get(client) ?? 0) < clock);
      return `client ${e.spec.index} lacks ${missing.length} writers' latest edits (e.g. ${missing[0]?.[0]}: has ${e.tracker.received.get(missing[0]?.[0] ?? 0) ?? 0}, expected ${missing[0]?.[1]})`;
    });
  }
}

/**
 * Writers type one character per edit on a fixed schedule: the k-th edit of the whole run is due
 * at startAt + k / (rate × writers), and goes to writer k mod writers, so the writers are spread
 * evenly in time. Each generator types for its own writers. The time taken just before the local
 * edit is the send time of that character.
 */
async function type({
  writers,
  mine,
  startAtUs,
  durationMs,
  ratePerSec,
  awareness,
}: {
  writers: number;
  mine: { writer: number; index: number }[];
  startAtUs: number;
  durationMs: number;
  ratePerSec: number;
  awareness: boolean;
}): Promise<{ sendTimes: Float64Array[]; lateUs: Float64Array; counts: number[] }> {
  const perWriter = Math.floor((durationMs / 1000) * ratePerSec);
  const intervalUs = 1e6 / ratePerSec / writers;
  const byWriter = new Map(mine.map((m) => [m.writer, m]));
  const texts = new Map<number, Y.XmlText>();
  for (const m of mine) {
    const doc = entry(m.index).client.doc!;
    const text = paragraphOf(doc, doc.clientID);
    if (!text) throw new Error(`client ${m.index} has no paragraph`);
    texts.set(m.writer, text);
  }
  const sendTimes = mine.map(() => new Float64Array(perWriter).fill(Number.NaN));
  const slot = new Map(mine.map((m, i) => [m.writer, i]));
  const late: number[] = [];
  const total = perWriter * writers;
  for (let k = 0; k < total; k++) {
    const writer = k % writers;
    const m = byWriter.get(writer);
    if (!m) continue;
    const n = Math.floor(k / writers);
    const due = startAtUs + k * intervalUs;
    const wait = (due - nowUs()) / 1000;
    if (wait > 0.5) await sleep(wait);
    else if (k % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    const e = entry(m.index);
    if (e.client.dropped) continue;
    const text = texts.get(writer)!;
    const at = nowUs();
    late.push(at - due);
    text.insert(text.length, TYPED[n % TYPED.length]!);
    sendTimes[slot.get(writer)!]![n] = at;
    if (awareness) {
      const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
      e.client.sendAwareness({
        user: { name: `Bench ${m.index}`, color: COLORS[m.index % COLORS.length] },
        cursor: { anchor: position, head: position },
      });
    }
  }
  return {
    sendTimes,
    lateUs: Float64Array.from(late),
    counts: sendTimes.map((times) => times.filter((t) => !Number.isNaN(t)).length),
  };
}

export interface ClientReport {
  index: number;
  dropped: string | null;
  sentUpdates: number;
  acked: number;
  refused: number;
  framesIn: number;
  awarenessIn: number;
  awarenessStates: number;
  awarenessErrors: number;
  updatesIn: number;
  gaps: number;
  /** Arrival times of the measured writers' edits (kept clients only). */
  arrivals: Float64Array[] | null;
  /** Paragraph texts by writer client id (clients that keep a document, when asked). */
  texts: [number, string][] | null;
}

function collect({ texts = false }: { texts?: boolean }): ClientReport[] {
  return [...entries.values()].map((e) => ({
    index: e.spec.index,
    dropped: e.client.dropped,
    sentUpdates: e.client.sentUpdates,
    acked: e.client.acked,
    refused: e.client.refused,
    framesIn: e.client.framesIn,
    awarenessIn: e.client.awarenessIn,
    awarenessStates: e.client.awarenessStates,
    awarenessErrors: e.client.awarenessErrors,
    updatesIn: e.tracker.updates,
    gaps: e.tracker.gaps,
    arrivals: e.tracker.arrivals,
    texts: texts && e.client.doc ? [...paragraphTexts(e.client.doc)] : null,
  }));
}

/** Waits until every client's updates are acknowledged by the server. */
async function waitAcknowledged({ timeoutMs }: { timeoutMs: number }): Promise<string[]> {
  const pending = () => [...entries.values()].filter((e) => !e.client.dropped && e.client.unacknowledged > 0);
  try {
    await waitUntil(() => pending().length === 0, timeoutMs, 'acknowledgements', 10);
    return [];
  } catch {
    return pending().map((e) => `client ${e.spec.index}: ${e.client.unacknowledged} updates not acknowledged`);
  }
}

function closeAll(): void {
  for (const e of entries.values()) e.client.close();
  entries.clear();
}

serveRpc({
  connect,
  createParagraphs,
  track,
  waitCoverage,
  type,
  collect,
  waitAcknowledged,
  closeAll,
  dropped: () => [...entries.values()].filter((e) => e.client.dropped).map((e) => `client ${e.spec.index}: ${e.client.dropped}`),
  count: () => entries.size,
  stats: () => monitor.stats(),
  /** Each thread's time on a core and waiting for one (S16: do the typing clients wait for a core?). */
  threads: () => ({ pid: process.pid, samples: sampleThreads() }),
  resetStats: () => monitor.reset(),
  ...replayHandlers(),
  ...pollHandlers(),
  ...floorHandlers(),
  ...mentionHandlers(),
  close: () => {
    closeAll();
    setTimeout(() => process.exit(0), 50);
  },
});
process.send?.({ ready: true });
