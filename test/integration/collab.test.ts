/**
 * The live agenda over the real WebSocket: convergence, read-only observers, authentication,
 * origins and per-document refusals.
 */

import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { acknowledged, collabToken, connectPeer, login, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { authFrame, awarenessFrame, RawClient, syncStep1Frame } from '../helpers/rawClient.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { TcpProxy } from '../helpers/tcpProxy.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);

const { server, peer, connect, keep } = serverSuite();
let member: Session;
let chair: Session;
let observer: Session;

beforeAll(async () => {
  member = await login(server.baseUrl, 'kwame@example.org');
  chair = await login(server.baseUrl, 'chair@example.org');
  observer = await login(server.baseUrl, 'tomas@example.org');
});

describe('the live agenda', () => {
  it('converges between two clients editing at once', async () => {
    const a = peer(member, AGENDA);
    const b = peer(chair, AGENDA);
    await Promise.all([synced(a), synced(b)]);
    expect(plainText(a.doc)).toContain('Welcoming remarks');
    appendParagraph(a.doc, 'Note from Kwame');
    appendParagraph(b.doc, 'Note from the chair');
    await waitFor(
      () =>
        plainText(a.doc) === plainText(b.doc) &&
        plainText(a.doc).includes('Note from the chair') &&
        plainText(b.doc).includes('Note from Kwame'),
      {
        message: 'both clients to see both notes',
      },
    );
    await Promise.all([acknowledged(a), acknowledged(b)]);
    // A third client, joining late, loads the same state from the server.
    const c = peer(member, AGENDA);
    await synced(c);
    expect(plainText(c.doc)).toBe(plainText(a.doc));
  });

  it('opens the agenda read-only for an observer, whose edits change nothing and reach nobody', async () => {
    const watcher = peer(member, AGENDA);
    const reader = peer(observer, AGENDA);
    await Promise.all([synced(watcher), synced(reader)]);
    expect(reader.scope).toBe('readonly');
    expect(watcher.scope).toBe('read-write');
    const before = plainText(watcher.doc);
    const logBefore = (await server.app.store.documents.history(AGENDA)).length;

    appendParagraph(reader.doc, 'OBSERVER WAS HERE');
    await sleep(500);
    expect(plainText(watcher.doc)).toBe(before);
    expect((await server.app.store.documents.history(AGENDA)).length).toBe(logBefore);
    const late = peer(member, AGENDA);
    await synced(late);
    expect(plainText(late.doc)).not.toContain('OBSERVER WAS HERE');
  });

  it('takes back a reconnecting client at once: an observer syncs again, and nothing is stored twice', async () => {
    const writer = peer(member, AGENDA);
    await synced(writer);
    // A deletion: from now on every client's copy carries it in its delete set.
    writer.doc.transact(() => writer.doc.getXmlFragment('default').delete(0, 1));
    await acknowledged(writer);
    const viewer = peer(observer, AGENDA);
    await synced(viewer);
    const rows = async () => (await server.app.store.documents.history(AGENDA)).length;
    const stored = await rows();
    for (const client of [viewer, writer]) {
      // A network blip: the socket goes, the provider comes back with its copy and sends its delete set.
      const socket = client.provider.configuration.websocketProvider;
      socket.disconnect();
      await waitFor(() => socket.status === 'disconnected' && !client.provider.isSynced, { message: 'the socket to close' });
      await socket.connect();
      await waitFor(() => client.provider.isSynced, { message: 'synced again after reconnecting' });
    }
    await sleep(300);
    // The observer is still synced: its step 2 was not refused as a write (4403 ends its document
    // connection, and the provider drops to unsynced). And no reconnection added a row.
    expect(viewer.provider.isSynced).toBe(true);
    expect(await rows()).toBe(stored);
    appendParagraph(writer.doc, 'Typed after the reconnection');
    await waitFor(() => plainText(viewer.doc).includes('Typed after the reconnection'), {
      message: 'the observer to see new text',
    });
  });

  it('sends no document state without a token, or with a forged or expired one', async () => {
    const forged = `v1.${Buffer.from(JSON.stringify({ u: member.user.id, s: 'x', e: Date.now() + 60_000 })).toString('base64url')}.AAAA`;
    const attempts = [connect(AGENDA, null), connect(AGENDA, forged), connect(AGENDA, 'not-a-token')];
    await waitFor(() => attempts.every((p) => p.denied.length > 0), { message: 'every attempt refused' });
    await sleep(200);
    for (const attempt of attempts) {
      expect(attempt.provider.isSynced).toBe(false);
      expect(plainText(attempt.doc)).toBe('');
    }
  });

  it('refuses a token bound to another document', async () => {
    const token = await collabToken(server.baseUrl, member, `live:${DEMO_MEETING.id}`);
    const wrong = connect(AGENDA, token);
    await waitFor(() => wrong.denied.length > 0, { message: 'refusal' });
    expect(plainText(wrong.doc)).toBe('');
  });

  it('accepts the session cookie of a same-origin upgrade instead of a token', async () => {
    const browserLike = connect(AGENDA, null, { headers: { origin: server.origin, cookie: member.cookie } });
    await synced(browserLike);
    expect(plainText(browserLike.doc)).toContain('Welcoming remarks');
  });

  it('refuses an upgrade from a foreign Origin', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(server.wsUrl, { headers: { origin: 'https://evil.example', cookie: member.cookie } });
      ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      ws.on('open', () => reject(new Error('a foreign origin was let in')));
      ws.on('error', () => {});
    });
    expect(status).toBe(403);
  });

  it('closes only the refused document; the socket goes on serving the others', async () => {
    const token = await collabToken(server.baseUrl, member);
    const missing = connect('agenda:no-such-meeting', token);
    await waitFor(() => missing.denied.length > 0, { message: 'refusal' });
    expect(missing.denied[0]).toBe('Forbidden');
    // A second document on the same socket still syncs.
    const { HocuspocusProvider } = await import('@hocuspocus/provider');
    const second = new HocuspocusProvider({ websocketProvider: missing.socket, name: AGENDA, token });
    second.attach();
    await waitFor(() => second.isSynced, { message: 'the agenda on the same socket' });
    second.destroy();
  });

  it('serves a document destroyed and re-opened at once on the same socket (as React does)', async () => {
    const { HocuspocusProviderWebsocket } = await import('@hocuspocus/provider');
    const { openProvider } = await import('../../client/src/collab/openProvider.ts');
    const Y = await import('yjs');
    const socket = new HocuspocusProviderWebsocket({ url: server.wsUrl, WebSocketPolyfill: WebSocket });
    const token = () => collabToken(server.baseUrl, member, AGENDA);
    for (let round = 0; round < 3; round++) {
      const first = openProvider({ socket, name: AGENDA, doc: new Y.Doc(), token });
      await sleep(round * 15); // destroyed before, during and after its authentication
      first.destroy();
    }
    const doc = new Y.Doc();
    const second = openProvider({ socket, name: AGENDA, doc, token });
    await waitFor(() => second.isSynced, { message: 'the re-opened provider to sync' });
    appendParagraph(doc, 'After a quick re-open');
    await waitFor(() => !second.hasUnsyncedChanges, { message: 'the server to acknowledge' });
    const reader = connect(AGENDA, token);
    await synced(reader);
    expect(plainText(reader.doc)).toContain('After a quick re-open');
    second.destroy();
    socket.destroy();
  });

  it('stamps presence with the real identity, whatever the client claims', async () => {
    const liar = peer(observer, AGENDA);
    const honest = peer(member, AGENDA);
    await Promise.all([synced(liar), synced(honest)]);
    liar.provider.setAwarenessField('user', { id: chair.user.id, name: 'The Chair', color: '#000000', role: 'chair' });
    liar.provider.setAwarenessField('cursor', { anchor: 'x', head: 'y' });
    const seen = (await waitFor(() => honest.provider.awareness!.getStates().get(liar.doc.clientID), {
      message: "the liar's presence",
    }))!;
    expect(seen.user).toMatchObject({ id: observer.user.id, name: 'Tomás Ortega', role: 'observer' });
    expect(seen.user.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(seen.user.color).not.toBe('#000000');
    // A read-only connection shows as present, without a cursor.
    expect(seen.cursor).toBeUndefined();
    expect(seen.readOnly).toBe(true);
  });

  it('takes a person off the others’ presence as soon as their page says it leaves, and lets nobody else do it', async () => {
    const watcher = peer(chair, AGENDA);
    const leaving = peer(member, AGENDA);
    const stranger = peer(observer, AGENDA);
    await Promise.all([synced(watcher), synced(leaving), synced(stranger)]);
    leaving.provider.setAwarenessField('cursor', { anchor: 'a', head: 'a' });
    await waitFor(() => watcher.provider.awareness!.getStates().get(leaving.doc.clientID)?.cursor, {
      message: 'the leaving member’s presence',
    });
    // Another connection says the member left (a null state with a newer clock): nothing changes.
    const clock = leaving.provider.awareness!.meta.get(leaving.doc.clientID)!.clock;
    const forged = encoding.createEncoder();
    encoding.writeVarUint(forged, 1);
    encoding.writeVarUint(forged, leaving.doc.clientID);
    encoding.writeVarUint(forged, clock + 5);
    encoding.writeVarString(forged, 'null');
    stranger.socket.send(awarenessFrame(AGENDA, encoding.toUint8Array(forged)));
    // A change of the stranger's own, sent after the forged frame, is handled after it.
    const strangerClock = () => watcher.provider.awareness!.meta.get(stranger.doc.clientID)?.clock ?? 0;
    const before = strangerClock();
    stranger.provider.setAwarenessField('cursor', null);
    await waitFor(() => strangerClock() > before, { message: 'the stranger’s next presence' });
    expect(watcher.provider.awareness!.getStates().has(leaving.doc.clientID)).toBe(true);
    // The page is hidden (closed, or kept in the back/forward cache): the provider removes its
    // own presence, while its socket may stay open for a while.
    leaving.provider.pageHide();
    await waitFor(() => !watcher.provider.awareness!.getStates().has(leaving.doc.clientID), {
      timeout: 5_000,
      message: 'the member to leave the watcher’s presence (the awareness timeout is 30 s)',
    });
    expect(leaving.provider.isSynced).toBe(true);
  });

  it('keeps a person present who comes back with the same client id before the server saw their old socket die', async () => {
    const watcher = peer(chair, AGENDA);
    // The member's socket goes through a proxy that can lose it without a word to the server.
    const proxy = new TcpProxy([{ host: '127.0.0.1', port: Number(new URL(server.wsUrl).port) }]);
    await proxy.listen();
    const returning = keep(
      connectPeer(`ws://127.0.0.1:${proxy.port}/collab`, AGENDA, () => collabToken(server.baseUrl, member, AGENDA)),
    );
    try {
      await Promise.all([synced(watcher), synced(returning)]);
      const id = returning.doc.clientID;
      const seenCursor = () => watcher.provider.awareness!.getStates().get(id)?.cursor as { anchor: string } | undefined;
      returning.provider.setAwarenessField('cursor', { anchor: 'before', head: 'before' });
      await waitFor(() => seenCursor()?.anchor === 'before', { message: 'the member’s presence' });
      const serverDoc = server.app.collab.documents.get(AGENDA)!;
      const owners = () => [...serverDoc.connections.values()].filter(({ clients }) => clients.has(id)).length;
      const connections = serverDoc.getConnectionsCount();

      // The network goes: the provider sees its socket close and comes back (same Y.Doc, same
      // client id) while the server still holds the old connection open.
      const closeOld = proxy.loseClients();
      await waitFor(() => !returning.provider.isSynced, { message: 'the member’s provider to see its socket close' });
      await waitFor(() => returning.provider.isSynced, { message: 'the member to reconnect' });
      expect(serverDoc.getConnectionsCount()).toBe(connections + 1);
      returning.provider.setAwarenessField('cursor', { anchor: 'after', head: 'after' });
      await waitFor(() => seenCursor()?.anchor === 'after', {
        timeout: 5_000,
        message: 'the presence the member sent after reconnecting',
      });

      // The server finally notices that the old socket is dead: the member, connected again, stays.
      closeOld();
      await waitFor(() => serverDoc.getConnectionsCount() === connections, { message: 'the server to close the old connection' });
      // Another person's change, handled after the old connection's removal, reaches the watcher
      // after any removal of the member would have.
      const marker = peer(chair, AGENDA);
      await synced(marker);
      marker.provider.setAwarenessField('cursor', { anchor: 'mark', head: 'mark' });
      await waitFor(() => watcher.provider.awareness!.getStates().get(marker.doc.clientID)?.cursor?.anchor === 'mark', {
        message: 'a later change of someone else',
      });
      expect(seenCursor()?.anchor).toBe('after');
      expect(owners()).toBe(1);
      returning.provider.setAwarenessField('cursor', { anchor: 'later', head: 'later' });
      await waitFor(() => seenCursor()?.anchor === 'later', { timeout: 5_000, message: 'the member’s next presence' });
    } finally {
      await proxy.close();
    }
  });

  it('lets nobody write the live projection', async () => {
    const live = `live:${DEMO_MEETING.id}`;
    const writer = peer(chair, live);
    await synced(writer);
    expect(writer.scope).toBe('readonly');
  });
});

describe('presence sent with the token', () => {
  // A provider sends its token, its sync request and its presence at once: the presence reaches
  // the server before the token is checked, and is held until the connection is established.
  const raws: RawClient[] = [];
  afterAll(() => {
    for (const raw of raws) raw.close();
  });

  /** A raw client's presence update: its own client id with a cursor and a claimed identity. */
  function presence(claimedName: string): { clientId: number; frame: Uint8Array } {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: { id: 'u-nobody', name: claimedName }, cursor: { anchor: 'a', head: 'b' } });
    const frame = awarenessFrame(AGENDA, encodeAwarenessUpdate(awareness, [doc.clientID]));
    awareness.destroy();
    return { clientId: doc.clientID, frame };
  }

  async function openRaw(): Promise<RawClient> {
    const raw = new RawClient(server.wsUrl);
    raws.push(raw);
    await raw.opened;
    return raw;
  }

  it('shows it to the others once the token is accepted, stamped with the real identity', async () => {
    const watcher = peer(chair, AGENDA);
    await synced(watcher);
    const raw = await openRaw();
    const sent = presence('Claimed Name');
    raw.send(authFrame(AGENDA, await collabToken(server.baseUrl, member, AGENDA)));
    raw.send(syncStep1Frame(AGENDA, Y.encodeStateVector(new Y.Doc())));
    raw.send(sent.frame);
    const seen = (await waitFor(() => watcher.provider.awareness!.getStates().get(sent.clientId), {
      message: 'the presence sent with the token',
    }))!;
    expect(seen.user).toMatchObject({ id: member.user.id, name: member.user.name });
    expect(seen.cursor).toEqual({ anchor: 'a', head: 'b' });
  });

  it('drops what was sent with a refused token, even if a later token on the socket is accepted', async () => {
    const watcher = peer(chair, AGENDA);
    await synced(watcher);
    const raw = await openRaw();
    const refused = presence('Sent with a bad token');
    // Before the token, so that it is held whenever the refusal comes.
    raw.send(refused.frame);
    raw.send(authFrame(AGENDA, 'not-a-token'));
    await waitFor(() => raw.received.length >= 1, { message: 'the refusal' });
    const accepted = presence('Sent with a good token');
    raw.send(authFrame(AGENDA, await collabToken(server.baseUrl, member, AGENDA)));
    raw.send(syncStep1Frame(AGENDA, Y.encodeStateVector(new Y.Doc())));
    raw.send(accepted.frame);
    await waitFor(() => watcher.provider.awareness!.getStates().get(accepted.clientId), {
      message: 'the presence sent with the accepted token',
    });
    expect(watcher.provider.awareness!.getStates().has(refused.clientId)).toBe(false);
  });
});
