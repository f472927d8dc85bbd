/**
 * Faults: kill -9 at random moments, twenty times, during editing and voting; a stored document
 * that cannot be read; a store that refuses writes; a restart with clients connected.
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaDoc } from '../../shared/documentNames.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { openStore } from '../../server/src/storage/store.ts';
import {
  acknowledged,
  collabToken,
  connectPeer,
  http,
  login,
  sleep,
  synced,
  waitFor,
  type Peer,
  type Session,
} from '../helpers/clients.ts';
import { createPoll, openPoll, vote } from '../helpers/pollClients.ts';
import { seededRandom } from '../helpers/random.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { freePort } from '../helpers/freePort.ts';
import { startServer, startServerProcess, tempDir, type ServerProcess, type TestServer } from '../helpers/testServer.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const VOTERS = ['kwame', 'mei', 'laura', 'rahul', 'sofia', 'olena', 'youssef', 'ana'].map((name) => `${name}@example.org`);
const processes: ServerProcess[] = [];
const peers: Peer[] = [];
const servers: TestServer[] = [];

afterEach(() => {
  peers.splice(0).forEach((peer) => peer.destroy());
  processes.splice(0).forEach((server) => server.child.kill('SIGKILL'));
});
afterAll(async () => {
  for (const server of servers) await server.close().catch(() => undefined);
});

/** What the store holds, read straight from the SQLite file by a fresh process-local store. */
async function readStore(dataDir: string) {
  const integrity = new DatabaseSync(path.join(dataDir, 'plenary.sqlite'));
  const check = integrity.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
  integrity.close();
  const store = await openStore({ dataDir });
  try {
    const stored = await store.documents.load(AGENDA);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update.data);
    const ballots = await store.db.all<{ voter_id: string; choices: string }>('SELECT voter_id, choices FROM poll_ballots');
    return { integrity: check.integrity_check, text: plainText(doc), ballots };
  } finally {
    await store.close();
  }
}

describe('kill -9 at random moments', () => {
  it('loses nothing acknowledged, twenty times in a row, and the store opens cleanly each time', {
    timeout: 240_000,
  }, async () => {
    const random = seededRandom(Number(process.env.PLENARY_FUZZ_SEED ?? Date.now() % 100_000));
    const dataDir = tempDir('killloop');
    const port = await freePort();
    const ackedEdits: string[] = [];
    /** The last acknowledged ballot of each voter. */
    const ackedBallots = new Map<string, string>();
    let pollId = '';
    let options: string[] = [];

    for (let cycle = 0; cycle < 20; cycle++) {
      const server = await startServerProcess({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
      processes.push(server);
      const editor = await login(server.baseUrl, 'chair@example.org');
      if (!pollId) {
        const poll = await createPoll(server.baseUrl, editor, DEMO_MEETING.id, {
          question: 'Which day for the joint MAG–LP meeting?',
          kind: 'single',
          audience: 'members',
          options: [{ label: 'Tuesday' }, { label: 'Wednesday' }, { label: 'Thursday' }],
        });
        await openPoll(server.baseUrl, editor, poll.id);
        pollId = poll.id;
        options = poll.options.map((option) => option.id);
      }
      const voters: Session[] = await Promise.all(VOTERS.map((email) => login(server.baseUrl, email)));
      const peer = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, editor, AGENDA));
      peers.push(peer);
      await synced(peer);

      const written: string[] = [];
      let stop = false;
      const editing = (async () => {
        for (let i = 0; !stop; i++) {
          const text = `cycle ${cycle} edit ${i}`;
          appendParagraph(peer.doc, text);
          written.push(text);
          await sleep(random.int(10));
          if (peer.provider.isSynced && !peer.provider.hasUnsyncedChanges) ackedEdits.push(...written.splice(0));
        }
      })();
      const voting = (async () => {
        while (!stop) {
          const voter = random.pick(voters);
          const choice = random.pick(options);
          const result = await vote(server.baseUrl, voter, pollId, [choice]).catch(() => null);
          if (result?.status === 200) ackedBallots.set(voter.user.id, choice);
        }
      })();
      await sleep(100 + random.int(400));
      server.child.kill('SIGKILL');
      await server.exited;
      stop = true;
      await Promise.all([editing, voting]);
      peer.destroy();

      const stored = await readStore(dataDir);
      expect(stored.integrity, `cycle ${cycle}`).toBe('ok');
      for (const edit of ackedEdits) expect(stored.text, `cycle ${cycle}: ${edit}`).toContain(edit);
      // Every acknowledged ballot is there, as the voter's last acknowledged choice or a later
      // one that was stored but whose answer the kill swallowed.
      const byVoter = new Map(stored.ballots.map((row) => [row.voter_id, (JSON.parse(row.choices) as string[])[0]]));
      for (const voter of ackedBallots.keys()) expect(byVoter.has(voter), `cycle ${cycle}: ballot of ${voter}`).toBe(true);
    }
    expect(ackedEdits.length).toBeGreaterThan(20);
    expect(ackedBallots.size).toBeGreaterThan(3);
  });
});

describe('a stored document that cannot be read', () => {
  it('is reported and refused to the client, and never overwritten', async () => {
    const dataDir = tempDir('corrupt');
    const server = await startServer({ dataDir });
    servers.push(server);
    const session = await login(server.baseUrl, 'mei@example.org');
    // Give the agenda a snapshot, then spoil it on disk.
    const writer = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, session, AGENDA));
    peers.push(writer);
    await synced(writer);
    appendParagraph(writer.doc, 'Before the damage');
    await acknowledged(writer);
    writer.destroy();
    await waitFor(() => !server.app.collab.documents.has(AGENDA), {
      timeout: 10_000,
      message: 'the agenda to be stored and unloaded',
    });
    const garbage = Uint8Array.from([255, 255, 255, 255, 1, 2, 3]);
    await server.app.store.db.run('UPDATE doc_snapshots SET data = ? WHERE doc = ?', [garbage, AGENDA]);
    const rowsBefore = await server.app.store.db.all<{ seq: number }>('SELECT seq FROM doc_updates WHERE doc = ?', [AGENDA]);

    const reader = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, session, AGENDA));
    peers.push(reader);
    await waitFor(() => reader.denied.length > 0, { message: 'the client to be told' });
    expect(reader.denied[0]).toBe('document-unavailable');
    await sleep(3_000); // longer than the debounce of a store
    const snapshot = await server.app.store.db.get<{ data: Uint8Array }>('SELECT data FROM doc_snapshots WHERE doc = ?', [
      AGENDA,
    ]);
    expect(Buffer.from(snapshot!.data).equals(Buffer.from(garbage))).toBe(true);
    expect(await server.app.store.db.all('SELECT seq FROM doc_updates WHERE doc = ?', [AGENDA])).toEqual(rowsBefore);
  });
});

describe('a store that refuses writes', () => {
  it('is reported in /readyz, and an edit meanwhile is retried until it is stored', async () => {
    const server = await startServer();
    servers.push(server);
    const session = await login(server.baseUrl, 'laura@example.org');
    const writer = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, session, AGENDA));
    peers.push(writer);
    await synced(writer);

    await server.app.store.db.run('PRAGMA query_only = ON');
    appendParagraph(writer.doc, 'Written while the disk said no');
    await waitFor(async () => (await http(server.baseUrl, 'GET', '/readyz')).status === 503, { message: '/readyz to report it' });
    const ready = await http(server.baseUrl, 'GET', '/readyz');
    expect(ready.body.checks.storeWrites).toMatch(/^failed: the last write failed/);
    expect(writer.provider.hasUnsyncedChanges).toBe(true);

    await server.app.store.db.run('PRAGMA query_only = OFF');
    await acknowledged(writer, 20_000);
    await waitFor(async () => (await http(server.baseUrl, 'GET', '/readyz')).status === 200, { message: 'ready again' });
    const history = await server.app.store.documents.history(AGENDA);
    const doc = new Y.Doc();
    for (const row of history) Y.applyUpdate(doc, row.data);
    expect(plainText(doc).match(/Written while the disk said no/g)).toHaveLength(1);
  });
});

describe('a restart with clients connected', () => {
  it('never duplicates content', async () => {
    const dataDir = tempDir('restart');
    const port = await freePort();
    const first = await startServerProcess({ DATA_DIR: dataDir, PORT: String(port) });
    processes.push(first);
    const session = await login(first.baseUrl, 'rahul@example.org');
    let token = await collabToken(first.baseUrl, session, AGENDA);
    const client = connectPeer(first.wsUrl, AGENDA, async () => token);
    peers.push(client);
    await synced(client);
    appendParagraph(client.doc, 'Said once before the restart');
    await acknowledged(client);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await startServerProcess({ DATA_DIR: dataDir, PORT: String(port) });
    processes.push(second);
    token = await collabToken(second.baseUrl, await login(second.baseUrl, 'rahul@example.org'), AGENDA);
    // The client reconnects by itself and syncs its whole state with the restarted server.
    await waitFor(() => client.provider.isSynced && !client.provider.hasUnsyncedChanges, {
      timeout: 20_000,
      message: 'the reconnection',
    });
    appendParagraph(client.doc, 'Said once after the restart');
    await acknowledged(client);
    const fresh = connectPeer(second.wsUrl, AGENDA, async () => token);
    peers.push(fresh);
    await synced(fresh);
    for (const doc of [client.doc, fresh.doc]) {
      const text = plainText(doc);
      expect(text.match(/Said once before the restart/g)).toHaveLength(1);
      expect(text.match(/Said once after the restart/g)).toHaveLength(1);
      expect(text.match(/Welcoming remarks/g)).toHaveLength(1);
    }
  });
});
