/**
 * Presence claims across two instances when the cluster bus brings them out of order: the latest
 * connection of a provider keeps its client id whatever order the claims and the old connection's
 * frames arrive in (server/src/collab/presenceClaims.ts). Each ordering is driven by the test: a
 * claim delivered to an instance again after a newer one, and a dead socket's frames held on the
 * way until the claim that supersedes them has reached their instance (a marker on the same Redis
 * channel, published after it, tells when).
 */
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renewPresenceOnOpen } from '../../client/src/collab/renewPresenceOnOpen.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, connectPeer, login, type Peer, type Session, synced, waitFor } from '../helpers/clients.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { presenceCursorOf as cursorOf, departures, presenceStateOf as stateOf } from '../helpers/presence.ts';
import { createTestDatabase, REDIS_URL, redisPrefix, type TestDatabase } from '../helpers/services.ts';
import { type Backend, TcpProxy } from '../helpers/tcpProxy.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

const AWARENESS = 1;
const AUTH = 2;

let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let channel: string;
let subscriber: Redis;
let publisher: Redis;
/** Every message on the instances' cluster bus, as published. */
const bus: { raw: string; type: string; payload: { clientId?: number } }[] = [];
const peers: Peer[] = [];

beforeAll(async () => {
  database = await createTestDatabase('presenceclaimorder');
  const prefix = redisPrefix('presenceclaimorder');
  channel = `${prefix}events`;
  subscriber = new Redis(REDIS_URL);
  publisher = new Redis(REDIS_URL);
  subscriber.on('message', (_channel: string, raw: string) => bus.push({ raw, ...JSON.parse(raw) }));
  await subscriber.subscribe(channel);
  const env = { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix };
  a = await startServer({ env });
  b = await startServer({ env, seed: false });
});

afterAll(async () => {
  for (const peer of peers) peer.destroy();
  await a?.close();
  await b?.close();
  subscriber?.disconnect();
  publisher?.disconnect();
  await database?.drop();
});

const backend = (server: TestServer): Backend => ({ host: '127.0.0.1', port: Number(new URL(server.wsUrl).port) });

function peer(server: TestServer, session: Session, document: string, wsUrl = server.wsUrl): Peer {
  const created = connectPeer(wsUrl, document, () => collabToken(server.baseUrl, session, document));
  // As the board's page does: each open raises the presence's clock (client/src/collab/openProvider.ts).
  renewPresenceOnOpen(created.provider);
  peers.push(created);
  return created;
}

/** Connections of `document` on `server` that speak for `clientId`. */
function owners(server: TestServer, document: string, clientId: number): number {
  const loaded = server.app.collab.documents.get(document);
  return loaded ? [...loaded.connections.values()].filter(({ clients }) => clients.has(clientId)).length : 0;
}

const claimsOf = (clientId: number) =>
  bus.filter((message) => message.type === 'presenceClaimed' && message.payload.clientId === clientId);

/**
 * Returns once `server` has handled every bus message published before: the claim of a marker
 * connection of its own, published after them on the same channel, makes it let go of that id.
 */
async function busDrained(server: TestServer, session: Session, document: string): Promise<void> {
  const loaded = server.app.collab.documents.get(document)!;
  const connections = loaded.getConnectionsCount();
  const marker = peer(server, session, document);
  await synced(marker);
  marker.provider.setAwarenessField('cursor', { anchor: 'marker', head: 'marker' });
  const id = marker.doc.clientID;
  await waitFor(() => owners(server, document, id) === 1, { message: 'the marker’s presence' });
  const claim = { documentName: document, clientId: id, userId: session.user.id, clock: Number.MAX_SAFE_INTEGER, at: Date.now() };
  await publisher.publish(channel, JSON.stringify({ from: 'test', type: 'presenceClaimed', payload: claim }));
  await waitFor(() => owners(server, document, id) === 0, { message: 'the instance to hear the bus' });
  marker.destroy();
  await waitFor(() => loaded.getConnectionsCount() === connections, { message: 'the marker to leave' });
}

/** The Hocuspocus message types in what a WebSocket client sent (masked binary frames). */
function messageTypes(bytes: Buffer): number[] {
  const types: number[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > bytes.length) break;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > bytes.length) break;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    const mask = bytes.subarray(start, start + 4);
    start += 4;
    if (start + length > bytes.length) break;
    const payload = Uint8Array.from(bytes.subarray(start, start + length), (byte, i) => byte ^ mask[i % 4]!);
    if ((bytes[at]! & 0x0f) === 2) {
      const decoder = decoding.createDecoder(payload);
      decoding.readVarString(decoder);
      types.push(decoding.readVarUint(decoder));
    }
    at = start + length;
  }
  return types;
}

describe('the order of presence claims on two instances', () => {
  it('keeps the latest connection when an older claim from the other instance reaches it late (A, B, then A again)', async () => {
    const agenda = agendaDoc(await createMeeting(a.baseUrl, { title: 'Back and forth' }));
    const [member, chair, other, marking] = await Promise.all([
      login(a.baseUrl, 'kwame@example.org'),
      login(a.baseUrl, 'chair@example.org'),
      login(b.baseUrl, 'mei@example.org'),
      login(a.baseUrl, 'sofia@example.org'),
    ]);
    const watcherOnA = peer(a, chair, agenda);
    const watcherOnB = peer(b, other, agenda);
    const balancer = new TcpProxy([backend(a)]);
    await balancer.listen();
    try {
      const returning = peer(a, member, agenda, `ws://127.0.0.1:${balancer.port}/collab`);
      await Promise.all([synced(watcherOnA), synced(watcherOnB), synced(returning)]);
      const id = returning.doc.clientID;
      returning.provider.setAwarenessField('cursor', { anchor: 'here', head: 'here' });
      await waitFor(() => cursorOf(watcherOnA, id) === 'here' && cursorOf(watcherOnB, id) === 'here', {
        message: 'the member’s presence on both instances',
      });
      const reconnect = async (to: TestServer) => {
        balancer.setBackends([backend(to)]);
        const closeOld = balancer.loseClients();
        await waitFor(() => !returning.provider.isSynced, { message: 'the member’s provider to see its socket close' });
        await waitFor(() => returning.provider.isSynced, { message: 'the member to reconnect' });
        return closeOld;
      };

      // The network goes twice in quick succession: the provider comes back on B, then on A,
      // while each instance still holds its dead socket.
      const claimsBefore = claimsOf(id).length;
      const closeOnA = await reconnect(b);
      const claimOfB = (await waitFor(() => claimsOf(id)[claimsBefore], { message: 'B’s claim' }))!;
      await waitFor(() => owners(a, agenda, id) === 0, { message: 'A to let go of the old connection' });
      const closeOnB = await reconnect(a);
      await waitFor(() => owners(a, agenda, id) === 1 && owners(b, agenda, id) === 0, {
        message: 'the new connection on A to speak for the member, and B to let go',
      });

      // B's claim reaches A once more, after A's own later one, as a delivery held up between
      // the instances would bring it; the marker after it tells when A has handled it.
      await publisher.publish(channel, claimOfB.raw);
      await busDrained(a, marking, agenda);

      // The dead sockets close at last; the member then closes the page, and leaves everywhere at once.
      const connectionsOnA = a.app.collab.documents.get(agenda)!.getConnectionsCount();
      const connectionsOnB = b.app.collab.documents.get(agenda)!.getConnectionsCount();
      closeOnA();
      closeOnB();
      await waitFor(
        () =>
          a.app.collab.documents.get(agenda)!.getConnectionsCount() === connectionsOnA - 1 &&
          b.app.collab.documents.get(agenda)!.getConnectionsCount() === connectionsOnB - 1,
        { message: 'the instances to close the dead sockets' },
      );
      expect([cursorOf(watcherOnA, id), cursorOf(watcherOnB, id)]).toEqual(['here', 'here']);
      returning.destroy();
      await waitFor(() => !stateOf(watcherOnA, id) && !stateOf(watcherOnB, id), {
        timeout: 5_000,
        message: 'the member to leave on both instances (the awareness timeout is 30 s)',
      });
    } finally {
      await balancer.close();
    }
  });

  it('honours a claim that reaches an instance before the state of the connection it supersedes', async () => {
    const agenda = agendaDoc(await createMeeting(a.baseUrl, { title: 'Claim before state' }));
    const [member, chair, other, marking] = await Promise.all([
      login(a.baseUrl, 'rahul@example.org'),
      login(a.baseUrl, 'chair@example.org'),
      login(b.baseUrl, 'mei@example.org'),
      login(a.baseUrl, 'sofia@example.org'),
    ]);
    const watcherOnA = peer(a, chair, agenda);
    const watcherOnB = peer(b, other, agenda);
    await Promise.all([synced(watcherOnA), synced(watcherOnB)]);
    const agendaOnA = a.app.collab.documents.get(agenda)!;
    const balancer = new TcpProxy([backend(a)]);
    await balancer.listen();
    try {
      // The member's first socket to A opens, but its token and presence are held on the way.
      const late = balancer.holdNext();
      const returning = peer(a, member, agenda, `ws://127.0.0.1:${balancer.port}/collab`);
      returning.provider.setAwarenessField('cursor', { anchor: 'old', head: 'old' });
      const id = returning.doc.clientID;
      await waitFor(
        () => {
          const types = messageTypes(late.held());
          return types.includes(AUTH) && types.lastIndexOf(AWARENESS) > types.indexOf(AUTH);
        },
        { message: 'the token and the presence of the first socket, held' },
      );

      // The network goes; the provider comes back on B, which claims its client id.
      balancer.setBackends([backend(b)]);
      const closeOld = balancer.loseClients();
      await waitFor(() => returning.provider.isSynced, { message: 'the member to connect through B' });
      returning.provider.setAwarenessField('cursor', { anchor: 'here', head: 'here' });
      await waitFor(() => cursorOf(watcherOnA, id) === 'here' && cursorOf(watcherOnB, id) === 'here', {
        message: 'the member’s presence on both instances',
      });
      await waitFor(() => claimsOf(id).length > 0, { message: 'B’s claim' });
      await busDrained(a, marking, agenda);
      const leftOnA = departures(watcherOnA.provider.awareness!, id);
      const leftOnB = departures(watcherOnB.provider.awareness!, id);

      // Then the first socket's frames reach A: it takes that connection, with its older presence.
      const connectionsOnA = agendaOnA.getConnectionsCount();
      late.release();
      await waitFor(() => agendaOnA.getConnectionsCount() === connectionsOnA + 1, { message: 'A to take the old connection' });
      // The old connection's presence takes the client id or not at once; 3 s for it to be handled.
      await waitFor(() => owners(a, agenda, id) > 0, { timeout: 3_000 }).catch(() => undefined);
      closeOld();
      await waitFor(() => agendaOnA.getConnectionsCount() === connectionsOnA, { message: 'A to close the old connection' });

      // Someone else's change on A after that close reaches both watchers after any removal of the
      // member would have (one instance, one Redis channel, in order).
      const later = peer(a, marking, agenda);
      await synced(later);
      later.provider.setAwarenessField('cursor', { anchor: 'mark', head: 'mark' });
      await waitFor(
        () => cursorOf(watcherOnA, later.doc.clientID) === 'mark' && cursorOf(watcherOnB, later.doc.clientID) === 'mark',
        { message: 'a later change of someone else on both instances' },
      );
      expect({ leftOnA, leftOnB }).toEqual({ leftOnA: [], leftOnB: [] });
      expect([cursorOf(watcherOnA, id), cursorOf(watcherOnB, id)]).toEqual(['here', 'here']);
    } finally {
      await balancer.close();
    }
  });
});
