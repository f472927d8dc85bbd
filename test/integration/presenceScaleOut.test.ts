/**
 * Presence ("Here now", carets) across two instances on one Redis: a person whose network went
 * comes back on the other instance with the same client id while the first still holds their dead
 * socket, and stays present on both when the first finally closes it; a person who leaves on one
 * instance leaves on the other at once, not when the awareness times out (30 s); nobody speaks for
 * a client id another person's connection owns on the other instance.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, connectPeer, login, type Peer, type Session, synced, waitFor } from '../helpers/clients.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { presenceCursorOf as cursorOf, departures, presenceStateOf as stateOf } from '../helpers/presence.ts';
import { TcpProxy } from '../helpers/tcpProxy.ts';
import type { TestServer } from '../helpers/testServer.ts';
import { twoInstances } from '../helpers/twoInstances.ts';

const { a, b } = twoInstances('presencescaleout');
const peers: Peer[] = [];

afterAll(() => {
  for (const peer of peers) peer.destroy();
});

/** A meeting's agenda of the test's own, so that each test starts with nobody present. */
async function freshAgenda(title: string): Promise<string> {
  return agendaDoc(await createMeeting(a.baseUrl, { title }));
}

function peer(server: TestServer, session: Session, document: string, options: { wsUrl?: string; doc?: Y.Doc } = {}): Peer {
  const created = connectPeer(options.wsUrl ?? server.wsUrl, document, () => collabToken(server.baseUrl, session, document), {
    doc: options.doc,
  });
  peers.push(created);
  return created;
}

/** Connections of `document` on `server` that speak for `clientId`. */
function owners(server: TestServer, document: string, clientId: number): number {
  const loaded = server.app.collab.documents.get(document);
  return loaded ? [...loaded.connections.values()].filter(({ clients }) => clients.has(clientId)).length : 0;
}

describe('presence on two instances', () => {
  it('keeps a person present everywhere who comes back on the other instance before the first saw their socket die', async () => {
    const agenda = await freshAgenda('Coming back elsewhere');
    const [member, chair, other, marker] = await Promise.all([
      login(a.baseUrl, 'kwame@example.org'),
      login(a.baseUrl, 'chair@example.org'),
      login(b.baseUrl, 'mei@example.org'),
      login(a.baseUrl, 'sofia@example.org'),
    ]);
    const watcherOnA = peer(a, chair, agenda);
    const watcherOnB = peer(b, other, agenda);
    // The member reaches the instances through a load balancer that can lose their socket
    // without a word to the instance.
    const balancer = new TcpProxy([{ host: '127.0.0.1', port: Number(new URL(a.wsUrl).port) }]);
    await balancer.listen();
    try {
      const returning = peer(a, member, agenda, { wsUrl: `ws://127.0.0.1:${balancer.port}/collab` });
      await Promise.all([synced(watcherOnA), synced(watcherOnB), synced(returning)]);
      const id = returning.doc.clientID;
      returning.provider.setAwarenessField('cursor', { anchor: 'here', head: 'here' });
      await waitFor(() => cursorOf(watcherOnA, id) === 'here' && cursorOf(watcherOnB, id) === 'here', {
        message: 'the member’s presence on both instances',
      });
      const leftOnA = departures(watcherOnA.provider.awareness!, id);
      const leftOnB = departures(watcherOnB.provider.awareness!, id);
      const agendaOnA = a.app.collab.documents.get(agenda)!;
      const connectionsOnA = agendaOnA.getConnectionsCount();

      // The network goes; the provider comes back (same Y.Doc, same client id, same presence)
      // and the balancer sends it to B, while A still holds the old connection open.
      balancer.setBackends([{ host: '127.0.0.1', port: Number(new URL(b.wsUrl).port) }]);
      const closeOld = balancer.loseClients();
      await waitFor(() => !returning.provider.isSynced, { message: 'the member’s provider to see its socket close' });
      await waitFor(() => returning.provider.isSynced, { message: 'the member to reconnect' });
      expect(agendaOnA.getConnectionsCount()).toBe(connectionsOnA);
      // In real life A notices the dead socket 30 to 60 s later; here it gets up to 3 s to hear
      // that the member speaks through B now, then closes the old connection whatever it heard.
      await waitFor(() => owners(a, agenda, id) === 0, { timeout: 3_000 }).catch(() => undefined);
      closeOld();
      await waitFor(() => agendaOnA.getConnectionsCount() === connectionsOnA - 1, { message: 'A to close the old connection' });
      // Someone else's change on A, made after the old connection's close, reaches both watchers
      // after any removal of the member would have (one instance, one Redis channel, in order).
      const later = peer(a, marker, agenda);
      await synced(later);
      later.provider.setAwarenessField('cursor', { anchor: 'mark', head: 'mark' });
      await waitFor(
        () => cursorOf(watcherOnA, later.doc.clientID) === 'mark' && cursorOf(watcherOnB, later.doc.clientID) === 'mark',
        {
          message: 'a later change of someone else on both instances',
        },
      );
      expect({ leftOnA, leftOnB }).toEqual({ leftOnA: [], leftOnB: [] });
      expect([cursorOf(watcherOnA, id), cursorOf(watcherOnB, id)]).toEqual(['here', 'here']);

      // The member, on B now, moves and then closes the page: both instances follow at once.
      returning.provider.setAwarenessField('cursor', { anchor: 'moved', head: 'moved' });
      await waitFor(() => cursorOf(watcherOnA, id) === 'moved' && cursorOf(watcherOnB, id) === 'moved', {
        message: 'the member’s next presence on both instances',
      });
      returning.destroy();
      await waitFor(() => !stateOf(watcherOnA, id) && !stateOf(watcherOnB, id), {
        timeout: 5_000,
        message: 'the member to leave on both instances (the awareness timeout is 30 s)',
      });
    } finally {
      await balancer.close();
    }
  });

  it('lets a person who was alone on an instance leave the other at once', async () => {
    const agenda = await freshAgenda('Leaving elsewhere');
    const [member, chair] = await Promise.all([login(b.baseUrl, 'olena@example.org'), login(a.baseUrl, 'chair@example.org')]);
    const watcherOnA = peer(a, chair, agenda);
    const alone = peer(b, member, agenda);
    await Promise.all([synced(watcherOnA), synced(alone)]);
    alone.provider.setAwarenessField('cursor', { anchor: 'here', head: 'here' });
    await waitFor(() => cursorOf(watcherOnA, alone.doc.clientID) === 'here', { message: 'her presence on A' });

    // Her socket closes without her page saying goodbye (the network went, B closed it).
    alone.socket.disconnect();
    await waitFor(() => !stateOf(watcherOnA, alone.doc.clientID), {
      timeout: 5_000,
      message: 'her to leave A’s "Here now" (the awareness timeout is 30 s)',
    });
  });

  it('lets nobody on one instance speak for a client id another person’s connection owns on the other', async () => {
    const agenda = await freshAgenda('Speaking for another');
    const [member, chair, watcher, liar] = await Promise.all([
      login(a.baseUrl, 'rahul@example.org'),
      login(a.baseUrl, 'chair@example.org'),
      login(b.baseUrl, 'sofia@example.org'),
      login(b.baseUrl, 'mei@example.org'),
    ]);
    const watcherOnA = peer(a, chair, agenda);
    const watcherOnB = peer(b, watcher, agenda);
    const owner = peer(a, member, agenda);
    await Promise.all([synced(watcherOnA), synced(watcherOnB), synced(owner)]);
    const id = owner.doc.clientID;
    owner.provider.setAwarenessField('cursor', { anchor: 'his', head: 'his' });
    await waitFor(() => cursorOf(watcherOnA, id) === 'his' && cursorOf(watcherOnB, id) === 'his', {
      message: 'his presence on both instances',
    });

    // Another member, on B, sends presence under his client id, moving a few times so that her
    // clock for it runs ahead of his.
    const borrowed = new Y.Doc();
    borrowed.clientID = id;
    const impostor = peer(b, liar, agenda, { doc: borrowed });
    for (const anchor of ['not his', 'still not his', 'never his'])
      impostor.provider.setAwarenessField('cursor', { anchor, head: anchor });
    await synced(impostor);
    // Her next change from another tab reaches both watchers after the borrowed presence would have.
    const honest = peer(b, liar, agenda);
    await synced(honest);
    honest.provider.setAwarenessField('cursor', { anchor: 'mark', head: 'mark' });
    await waitFor(
      () => cursorOf(watcherOnA, honest.doc.clientID) === 'mark' && cursorOf(watcherOnB, honest.doc.clientID) === 'mark',
      {
        message: 'a later change from B on both instances',
      },
    );
    for (const seen of [stateOf(watcherOnA, id), stateOf(watcherOnB, id)]) {
      expect(seen).toMatchObject({ user: { id: member.user.id }, cursor: { anchor: 'his' } });
    }
  });
});
