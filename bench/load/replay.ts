/**
 * Trace replays through the server (S4, S5) and cold loads (S6), run inside a load generator.
 * Updates are made from the trace before the clock starts, so that the replay measures the
 * server and the network, not the making of updates.
 */
import * as Y from 'yjs';
import { nowUs, sleep, waitUntil } from '../lib/clock.ts';
import { paragraphText } from '../lib/benchDoc.ts';
import {
  type ConcurrentReplay,
  type ConcurrentTrace,
  concurrentReplay,
  loadTrace,
  type SequentialReplay,
  type SequentialTrace,
  sequentialReplay,
} from '../lib/traces.ts';
import { BenchClient, REMOTE } from './client.ts';
import { entries } from './generator.ts';

let sequential: SequentialReplay | null = null;
let concurrent: ConcurrentReplay | null = null;

function clientAt(index: number): BenchClient {
  const found = entries.get(index);
  if (!found) throw new Error(`no client ${index}`);
  return found.client;
}

/** Resolves at the next update that arrives at `index` (or after `ms`, to re-check). */
function nextArrival(index: number, ms = 50): Promise<void> {
  const tracker = entries.get(index)!.tracker;
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      tracker.listener = null;
      resolve();
    }
    tracker.listener = done;
  });
}

export function replayHandlers() {
  return {
    prepareSequential({ trace, limit, clientId }: { trace: string; limit?: number; clientId: number }) {
      const loaded = loadTrace<SequentialTrace>(trace);
      sequential = sequentialReplay(loaded, clientId, limit ?? loaded.txns.length);
      return {
        transactions: sequential.updates.length - 1,
        finalClock: sequential.clockAfter[sequential.clockAfter.length - 1],
        expected: sequential.expected,
        bytes: sequential.updates.reduce((sum, update) => sum + update.length, 0),
      };
    },

    /** Sends the prepared replay's end state as one update and waits for its acknowledgement. */
    async sendState({ index }: { index: number }) {
      if (!sequential) throw new Error('prepareSequential first');
      const client = clientAt(index);
      client.sendUpdate(sequential.state);
      await waitUntil(() => client.unacknowledged === 0 || client.dropped !== null, 60_000, 'acknowledgement', 2);
      return { bytes: sequential.state.length, dropped: client.dropped };
    },

    /** The watcher starts timing the writer's characters (clock n is the n-th character). */
    armWatch({ index, clientId, finalClock }: { index: number; clientId: number; finalClock: number }) {
      entries.get(index)!.tracker.measure([{ clientId, c0: 0, capacity: finalClock }], true);
    },

    /** Waits until the watcher holds the whole replay and its text is the expected one. */
    async awaitWatch({
      index,
      clientId,
      finalClock,
      expected,
      timeoutMs,
    }: {
      index: number;
      clientId: number;
      finalClock: number;
      expected: string;
      timeoutMs: number;
    }) {
      const entry = entries.get(index)!;
      const deadline = Date.now() + timeoutMs;
      let doneUs = 0;
      while (Date.now() < deadline && !entry.client.dropped) {
        if ((entry.tracker.received.get(clientId) ?? 0) >= finalClock) {
          // Deletions carry no clock: the text tells when the last of them has arrived.
          if (paragraphText(entry.client.doc!, clientId) === expected) {
            doneUs = nowUs();
            break;
          }
        }
        await nextArrival(index);
      }
      const text = entry.client.doc ? (paragraphText(entry.client.doc, clientId) ?? '') : '';
      return {
        doneUs,
        textOk: text === expected,
        textLength: text.length,
        arrivals: entry.tracker.arrivals?.[0] ?? null,
        dropped: entry.client.dropped,
      };
    },

    /** Sends every update of the prepared replay as fast as the socket takes them. */
    async sendSequential({
      index,
      chunk = 256,
      maxBufferedBytes = 4 << 20,
    }: {
      index: number;
      chunk?: number;
      maxBufferedBytes?: number;
    }) {
      if (!sequential) throw new Error('prepareSequential first');
      const client = clientAt(index);
      const frames = sequential.updates.map((update) => client.encodeUpdate(update));
      const { clockAfter } = sequential;
      const sendAt = new Float64Array(clockAfter[clockAfter.length - 1]!).fill(Number.NaN);
      const startUs = nowUs();
      for (let i = 0; i < frames.length; i++) {
        if (i % chunk === 0 && i > 0) {
          await new Promise((resolve) => setImmediate(resolve));
          while (client.bufferedAmount > maxBufferedBytes) await sleep(1);
        }
        const at = nowUs();
        client.sendEncodedUpdate(frames[i]!);
        for (let clock = i === 0 ? 0 : clockAfter[i - 1]!; clock < clockAfter[i]!; clock++) sendAt[clock] = at;
      }
      const sentUs = nowUs();
      await waitUntil(() => client.unacknowledged === 0 || client.dropped !== null, 600_000, 'acknowledgements', 2);
      return {
        startUs,
        sentUs,
        ackedUs: nowUs(),
        sendAt,
        sent: client.sentUpdates,
        acked: client.acked,
        dropped: client.dropped,
      };
    },

    prepareConcurrent({
      trace,
      clientIds,
      setupClientId,
      limit,
    }: {
      trace: string;
      clientIds: number[];
      setupClientId: number;
      limit?: number;
    }) {
      const loaded = loadTrace<ConcurrentTrace>(trace);
      concurrent = concurrentReplay(loaded, clientIds, setupClientId, limit ?? loaded.txns.length);
      return {
        transactions: concurrent.agents.map((agent) => agent.txns.length),
        finalClocks: concurrent.agents.map((agent) => agent.txns[agent.txns.length - 1]?.clockAfter ?? 0),
        expected: concurrent.expected,
      };
    },

    /**
     * One author of the concurrent trace: sends each of its transactions once the other's edits
     * it was made on top of have arrived, as the author saw them then; applies its own updates to
     * its copy too, so that the copy ends as the whole document.
     */
    async replayAgent({
      index,
      agent,
      sendSetup,
      timeoutMs,
    }: {
      index: number;
      agent: number;
      sendSetup: boolean;
      timeoutMs: number;
    }) {
      if (!concurrent) throw new Error('prepareConcurrent first');
      const replay = concurrent;
      const entry = entries.get(index)!;
      const { client, tracker } = entry;
      const doc = client.doc!;
      const own = replay.agents[agent]!;
      const others = replay.agents.filter((_, a) => a !== agent);
      tracker.measure(
        others.map((other) => ({ clientId: other.clientId, c0: 0, capacity: other.txns.at(-1)?.clockAfter ?? 0 })),
        true,
      );
      const sendAt = new Float64Array(own.txns.at(-1)?.clockAfter ?? 0).fill(Number.NaN);
      const deadline = Date.now() + timeoutMs;
      const waitFor = async (clientId: number, clock: number) => {
        while ((tracker.received.get(clientId) ?? 0) < clock) {
          if (Date.now() > deadline || client.dropped) throw new Error(`agent ${agent} waited too long for ${clientId}@${clock}`);
          await nextArrival(index);
        }
      };
      const setupClock = Y.getState(
        (() => {
          const d = new Y.Doc();
          Y.applyUpdate(d, replay.setup);
          return d.store;
        })(),
        replay.setupClientId,
      );
      const startUs = nowUs();
      if (sendSetup) {
        Y.applyUpdate(doc, replay.setup, REMOTE);
        client.sendUpdate(replay.setup);
      } else {
        await waitFor(replay.setupClientId, setupClock);
      }
      let clock = 0;
      for (const txn of own.txns) {
        for (const [clientId, required] of txn.requires) await waitFor(clientId, required);
        Y.applyUpdate(doc, txn.update, REMOTE);
        const at = nowUs();
        client.sendUpdate(txn.update);
        for (; clock < txn.clockAfter; clock++) sendAt[clock] = at;
      }
      const sentUs = nowUs();
      for (const other of others) await waitFor(other.clientId, other.txns.at(-1)?.clockAfter ?? 0);
      let text = paragraphText(doc, replay.setupClientId);
      while (text !== replay.expected && Date.now() < deadline && !client.dropped) {
        await nextArrival(index);
        text = paragraphText(doc, replay.setupClientId);
      }
      const doneUs = nowUs();
      await waitUntil(
        () => client.unacknowledged === 0 || client.dropped !== null,
        Math.max(1000, deadline - Date.now()),
        'acknowledgements',
        2,
      );
      return {
        startUs,
        sentUs,
        doneUs,
        sendAt,
        arrivals: tracker.arrivals?.[0] ?? null,
        textOk: text === replay.expected,
        sent: client.sentUpdates,
        acked: client.acked,
        dropped: client.dropped,
      };
    },

    /** Opens one client, waits for its first sync, checks the text, closes: a cold load seen from the client. */
    async coldLoad({
      url,
      docName,
      token,
      expected,
      clientId,
      localAddress,
    }: {
      url: string;
      docName: string;
      token: string;
      expected: string;
      clientId: number;
      localAddress?: string;
    }) {
      const client = new BenchClient({
        url,
        docName,
        token,
        doc: new Y.Doc(),
        ...(localAddress ? { localAddress } : {}),
        awareness: { user: { name: 'cold' } },
      });
      try {
        await client.ready;
        const text = paragraphText(client.doc!, clientId);
        return { connectMs: client.connectMs, textOk: text === expected, textLength: text?.length ?? 0 };
      } finally {
        client.close();
      }
    },
  };
}
