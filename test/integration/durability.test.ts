/**
 * "Durable before acknowledged": an edit the server has acknowledged survives kill -9 of the
 * server process, and a restart serves it.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { agendaDoc } from '../../shared/documentNames.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { acknowledged, collabToken, connectPeer, login, synced, type Peer } from '../helpers/clients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/services.ts';
import { startServerProcess, tempDir, type ServerProcess } from '../helpers/testServer.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const running: ServerProcess[] = [];
const peers: Peer[] = [];

const databases: TestDatabase[] = [];

afterEach(() => {
  peers.splice(0).forEach((peer) => peer.destroy());
  running.splice(0).forEach((server) => server.child.kill('SIGKILL'));
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
