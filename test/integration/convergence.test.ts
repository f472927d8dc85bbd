/**
 * Convergence under chaos: five clients edit one document through the real server, behind a
 * proxy that delays and reorders their messages and cuts connections at random. When the
 * chaos stops, every client, a late joiner and the store hold the same content.
 * A failing run prints its seed; replay it with PLENARY_FUZZ_SEED=<seed>.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaDoc } from '../../shared/documentNames.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { ChaosProxy } from '../helpers/chaosProxy.ts';
import { collabToken, connectPeer, login, sleep, waitFor, type Peer, type Session } from '../helpers/clients.ts';
import { seededRandom } from '../helpers/random.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const CLIENTS = 5;
const ROUNDS = 400;
const seeds = process.env.PLENARY_FUZZ_SEED ? [Number(process.env.PLENARY_FUZZ_SEED)] : [Date.now() % 1_000_000, 7, 2026];

const { server } = serverSuite();
let sessions: Session[];

beforeAll(async () => {
  const emails = ['kwame', 'mei', 'laura', 'rahul', 'sofia'].map((name) => `${name}@example.org`);
  sessions = await Promise.all(emails.map((email) => login(server.baseUrl, email)));
});

function randomEdit(doc: Y.Doc, random: ReturnType<typeof seededRandom>): void {
  const text = doc.getText('fuzz');
  if (text.length > 0 && random.chance(0.3)) {
    const at = random.int(text.length);
    text.delete(at, Math.min(1 + random.int(4), text.length - at));
  } else {
    const word = random.pick(['agenda ', 'MAG ', 'IGF ', 'poll ', 'Lillestrøm ', '👩🏽‍💻 ', 'نص ', '\n']);
    text.insert(random.int(text.length + 1), word);
  }
}

describe.each(seeds)('convergence with seed %i', (seed) => {
  it('brings every client and the store to the same content', { timeout: 90_000 }, async () => {
    const random = seededRandom(seed);
    const proxy = new ChaosProxy(server.wsUrl, random);
    const url = await proxy.listen();
    const doc = `${AGENDA}`;
    const peers: Peer[] = sessions
      .slice(0, CLIENTS)
      .map((session) => connectPeer(url, doc, () => collabToken(server.baseUrl, session, doc)));
    try {
      await waitFor(() => peers.every((peer) => peer.provider.isSynced), {
        timeout: 20_000,
        message: `first sync (seed ${seed})`,
      });
      let disconnects = 0;
      for (const peer of peers) peer.socket.on('disconnect', () => disconnects++);
      // About three seconds of editing: long enough for cut connections to come back meanwhile.
      for (let round = 0; round < ROUNDS; round++) {
        const peer = random.pick(peers);
        randomEdit(peer.doc, random);
        if (random.chance(0.015)) proxy.cutOne();
        await sleep(random.int(15));
      }
      expect(disconnects, `seed ${seed}: the run cut connections`).toBeGreaterThan(0);
      proxy.calm();
      await waitFor(() => peers.every((peer) => peer.provider.isSynced && !peer.provider.hasUnsyncedChanges), {
        timeout: 40_000,
        message: `every edit acknowledged (seed ${seed})`,
      });
      const texts = () => peers.map((peer) => peer.doc.getText('fuzz').toString());
      await waitFor(() => new Set(texts()).size === 1, { timeout: 20_000, message: `clients to converge (seed ${seed})` });

      const late = connectPeer(server.wsUrl, doc, () => collabToken(server.baseUrl, sessions[0]!, doc));
      peers.push(late);
      await waitFor(() => late.provider.isSynced, { message: 'late joiner' });
      const stored = await server.app.store.documents.load(doc);
      const fromStore = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(fromStore, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(fromStore, update.data);

      const expected = texts()[0]!;
      expect(expected.length, `seed ${seed}`).toBeGreaterThan(0);
      expect(late.doc.getText('fuzz').toString(), `late joiner, seed ${seed}`).toBe(expected);
      expect(fromStore.getText('fuzz').toString(), `store, seed ${seed}`).toBe(expected);
    } finally {
      peers.forEach((peer) => peer.destroy());
      await proxy.close();
      // The next seed starts from an empty text.
      const cleaner = connectPeer(server.wsUrl, doc, () => collabToken(server.baseUrl, sessions[0]!, doc));
      await waitFor(() => cleaner.provider.isSynced, { message: 'cleaner' });
      cleaner.doc.getText('fuzz').delete(0, cleaner.doc.getText('fuzz').length);
      await waitFor(() => !cleaner.provider.hasUnsyncedChanges, { message: 'cleaned' });
      cleaner.destroy();
    }
  });
});
