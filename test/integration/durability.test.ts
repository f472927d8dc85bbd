/**
 * "Durable before acknowledged": an edit the server has acknowledged survives kill -9 of the
 * server process, and a restart serves it.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { acknowledged, collabToken, connectPeer, login, type Peer, synced, waitFor } from '../helpers/clients.ts';
import { authFrame, RawClient, syncStep1Frame } from '../helpers/rawClient.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/services.ts';
import { type ServerProcess, startServerProcess, tempDir } from '../helpers/testServer.ts';
import { isSavedAcknowledgement, sendTogether, typingUpdates } from '../helpers/updateBursts.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const running: ServerProcess[] = [];
const peers: Peer[] = [];

const databases: TestDatabase[] = [];

afterEach(() => {
  for (const peer of peers.splice(0)) peer.destroy();
  for (const server of running.splice(0)) server.child.kill('SIGKILL');
});
afterAll(async () => {
  for (const database of databases) await database.drop();
});

/** Where a server keeps its store: a SQLite directory, or a PostgreSQL database. */
async function storeEnv(kind: 'sqlite' | 'postgres', label: string): Promise<Record<string, string>> {
  const env = { DATA_DIR: tempDir(label) };
  if (kind === 'sqlite') return env;
  const database = await createTestDatabase(label);
  databases.push(database);
  return { ...env, DATABASE_URL: database.url };
}

async function editAndKill(store: Record<string, string>, text: string): Promise<void> {
  const server = await startServerProcess(store);
  running.push(server);
  const session = await login(server.baseUrl, 'mei@example.org');
  const peer = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, session, AGENDA));
  peers.push(peer);
  await synced(peer);
  appendParagraph(peer.doc, text);
  await acknowledged(peer);
  // No grace: the very moment the acknowledgement arrives, the process dies.
  server.child.kill('SIGKILL');
  expect(await server.exited).toBe('SIGKILL');
  peer.destroy();
}

describe.each(['sqlite', 'postgres'] as const)('durability on %s', (kind) => {
  it('keeps an acknowledged edit through kill -9 and a restart', async () => {
    const store = await storeEnv(kind, 'durable');
    await editAndKill(store, 'Acknowledged before the crash');
    await editAndKill(store, 'A second acknowledged edit');

    const server = await startServerProcess(store);
    running.push(server);
    const session = await login(server.baseUrl, 'kwame@example.org');
    const peer = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, session, AGENDA));
    peers.push(peer);
    await synced(peer);
    const text = plainText(peer.doc);
    expect(text).toContain('Acknowledged before the crash');
    expect(text).toContain('A second acknowledged edit');
    // The demo was seeded once: a restart does not load it twice.
    expect(text.match(/Welcoming remarks/g)).toHaveLength(1);
  });

  it('keeps every acknowledged edit of a burst sent as fast as the socket takes it through kill -9', async () => {
    const store = await storeEnv(kind, 'burst');
    const server = await startServerProcess(store);
    running.push(server);
    const session = await login(server.baseUrl, 'mei@example.org');
    const client = new RawClient(server.wsUrl);
    await client.opened;
    client.send(authFrame(AGENDA, await collabToken(server.baseUrl, session, AGENDA)));
    client.send(syncStep1Frame(AGENDA, Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => client.received.length >= 2, { message: 'the server to answer' });
    const text = 'Every acknowledged character survives. '.repeat(40);
    const updates = typingUpdates(text);
    let acknowledgements = 0;
    // No grace: the very moment the first acknowledgement arrives, the process dies; every
    // acknowledgement that still reaches the client must be for an edit that is stored.
    client.socket.on('message', (data: Buffer) => {
      if (isSavedAcknowledgement(new Uint8Array(data)) && ++acknowledgements === 1) server.child.kill('SIGKILL');
    });
    for (let at = 0; at < updates.length; at += 100) sendTogether(client.socket, AGENDA, updates.slice(at, at + 100));
    expect(await server.exited).toBe('SIGKILL');
    await client.closed;
    expect(acknowledgements).toBeGreaterThan(0);

    const again = await startServerProcess(store);
    running.push(again);
    const reader = connectPeer(again.wsUrl, AGENDA, () => collabToken(again.baseUrl, session, AGENDA));
    peers.push(reader);
    await synced(reader);
    const stored = reader.doc.getText('burst').toString();
    expect(stored.length).toBeGreaterThanOrEqual(acknowledgements);
    expect(text.startsWith(stored)).toBe(true);
  });

  it('stores pending documents and exits cleanly on SIGTERM', async () => {
    const store = await storeEnv(kind, 'sigterm');
    const server = await startServerProcess(store);
    running.push(server);
    const session = await login(server.baseUrl, 'mei@example.org');
    const peer = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, session, AGENDA));
    peers.push(peer);
    await synced(peer);
    appendParagraph(peer.doc, 'Written before SIGTERM');
    await acknowledged(peer);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');

    const again = await startServerProcess(store);
    running.push(again);
    const reader = connectPeer(again.wsUrl, AGENDA, () =>
      collabToken(again.baseUrl, session, AGENDA).catch(async () => {
        const fresh = await login(again.baseUrl, 'mei@example.org');
        return collabToken(again.baseUrl, fresh, AGENDA);
      }),
    );
    peers.push(reader);
    await synced(reader);
    expect(plainText(reader.doc).match(/Written before SIGTERM/g)).toHaveLength(1);
  });
});
