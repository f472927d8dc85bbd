/**
 * Many clients syncing one large document at once each get the whole, correct document (the
 * server encodes the answer once and reuses it: collab/syncReplyCache.ts), and an edit made
 * between two rounds of syncing is in the second round's answer.
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { acknowledged, collabToken, http, login, type Session, synced, waitFor } from '../helpers/clients.ts';
import { authFrame, RawClient, syncStep1Frame } from '../helpers/rawClient.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const CLIENTS = 50;
const { server, peer, keep } = serverSuite({
  // One person opens all the sockets here: the caps are not what this file tests (socketCaps.test.ts does).
  env: {
    MAX_SOCKETS_PER_PERSON: String(CLIENTS + 5),
    SYNC_REQUESTS_PER_PERSON: '1000',
    // 100 answers of 1.5 MB to one person (syncByteBudget.test.ts tests the byte budget).
    SYNC_REPLY_BYTES_PER_SECOND: String(1024 ** 3),
    SYNC_REPLY_BURST_BYTES: String(1024 ** 3),
  },
});

/** The update in the first sync step 2 frame a raw client received, once it has come. */
function step2Of(client: RawClient): Uint8Array | undefined {
  for (const frame of client.received) {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== 0 && type !== 4) continue; // not a sync message
    if (decoding.readVarUint(decoder) !== 1) continue; // not step 2
    return decoding.readVarUint8Array(decoder);
  }
  return undefined;
}

/** `CLIENTS` raw sockets of `who`, each asking for the whole agenda at the same moment. */
async function syncRound(who: Session): Promise<Uint8Array[]> {
  const token = await collabToken(server.baseUrl, who, AGENDA);
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = keep({ raw: new RawClient(server.wsUrl), destroy: () => client.raw.close() });
      await client.raw.opened;
      return client.raw;
    }),
  );
  // Authentication first (queued frames after it are handled in order), then step 1 with an empty state vector.
  for (const client of clients) {
    client.send(authFrame(AGENDA, token));
    client.send(syncStep1Frame(AGENDA, new Uint8Array([0])));
  }
  const updates = await waitFor<Uint8Array[] | undefined>(
    () => {
      const found = clients.map(step2Of);
      return found.every((update) => update !== undefined) ? (found as Uint8Array[]) : undefined;
    },
    { timeout: 30_000, message: `${CLIENTS} sync answers` },
  );
  for (const client of clients) client.close();
  return updates!;
}

const textOf = (update: Uint8Array): string => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const text = doc.getText('minutes').toString();
  doc.destroy();
  return text;
};

async function syncReplyStats(): Promise<Record<string, number>> {
  const { body: text } = await http<string>(server.baseUrl, 'GET', '/metrics');
  const stats: Record<string, number> = {};
  for (const match of String(text).matchAll(/^plenary_sync_reply_cache\{stat="(\w+)"\} (\d+)/gm)) {
    stats[match[1]!] = Number(match[2]);
  }
  return stats;
}

describe('sync replies', () => {
  it(`give ${CLIENTS} clients syncing a large document at once the same, whole document; an edit between syncs is seen`, async () => {
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const writer = peer(kwame, AGENDA);
    await synced(writer);
    const minutes = writer.doc.getText('minutes');
    // About 1.5 MB, in updates under the per-update limit.
    for (let part = 0; part < 6; part++) {
      minutes.insert(minutes.length, `Part ${part}: ${'The delegations agree on the text. '.repeat(7_000)}\n`);
      await acknowledged(writer, 20_000);
    }
    const expected = minutes.toString();
    expect(expected.length).toBeGreaterThan(1_400_000);

    const first = await syncRound(kwame);
    for (const update of first) expect(Buffer.compare(update, first[0]!)).toBe(0);
    expect(textOf(first[0]!)).toBe(expected);
    const afterFirst = await syncReplyStats();
    // Encoded at most a few times for fifty answers (once per document version and state vector).
    expect(afterFirst.hits).toBeGreaterThanOrEqual(CLIENTS - 5);

    minutes.insert(0, 'Adopted by consensus. ');
    minutes.delete(minutes.length - 10, 5);
    await acknowledged(writer);
    const second = await syncRound(kwame);
    for (const update of second) expect(Buffer.compare(update, second[0]!)).toBe(0);
    expect(textOf(second[0]!)).toBe(minutes.toString());
    expect(textOf(second[0]!).startsWith('Adopted by consensus. Part 0')).toBe(true);
    expect((await syncReplyStats()).misses).toBeGreaterThan(afterFirst.misses!);
  });
});
