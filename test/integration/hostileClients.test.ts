/**
 * Hostile clients on the WebSocket: whatever one sends, that socket is closed (or that document
 * refused), the process stays up, nothing is stored, and people editing meanwhile notice nothing.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CollabTokens } from '../../server/src/auth/collabToken.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, liveDoc } from '../../shared/documentNames.ts';
import { acknowledged, collabToken, http, login, type Peer, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { structBomb } from '../helpers/craftedUpdates.ts';
import {
  authFrame,
  awarenessFrame,
  frame,
  RawClient,
  statelessFrame,
  syncStep1Frame,
  updateFrame,
} from '../helpers/rawClient.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const LIVE = liveDoc(DEMO_MEETING.id);
const MAX_FRAME = 64 * 1024;
const MAX_DOCUMENT = 64 * 1024;
const MAX_UPDATE = 32 * 1024;

const { server, peer, connect } = serverSuite({
  env: {
    MAX_FRAME_BYTES: String(MAX_FRAME),
    MAX_UPDATE_BYTES: String(MAX_UPDATE),
    MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT),
    UPDATE_CPU_BUDGET_MS: '100',
  },
});
let member: Session;
let observer: Session;
const raws: RawClient[] = [];

function raw(): RawClient {
  const client = new RawClient(server.wsUrl);
  raws.push(client);
  return client;
}

/** A raw client authenticated for `document` and synced (it has received the server's state). */
async function authenticatedRaw(session: Session, document: string): Promise<RawClient> {
  const client = raw();
  await client.opened;
  client.send(authFrame(document, await collabToken(server.baseUrl, session, document)));
  client.send(syncStep1Frame(document, Y.encodeStateVector(new Y.Doc())));
  await waitFor(() => client.received.length >= 2, { message: 'the server to answer' });
  return client;
}

/**
 * A bystander editing the agenda through the whole test: every edit must reach a second client
 * within a second, or the test says which.
 */
class Bystander {
  private writer!: Peer;
  private reader!: Peer;
  private stop = false;
  private running!: Promise<void>;
  readonly problems: string[] = [];
  disconnects = 0;

  async start(): Promise<void> {
    const chair = await login(server.baseUrl, 'chair@example.org');
    this.writer = peer(chair, AGENDA);
    this.reader = peer(member, AGENDA);
    await Promise.all([synced(this.writer), synced(this.reader)]);
    for (const p of [this.writer, this.reader]) p.socket.on('disconnect', () => this.disconnects++);
    this.running = (async () => {
      for (let i = 0; !this.stop; i++) {
        const text = `bystander line ${i}`;
        appendParagraph(this.writer.doc, text);
        const deadline = Date.now() + 1_000;
        while (!plainText(this.reader.doc).includes(text)) {
          if (Date.now() > deadline) {
            this.problems.push(`"${text}" took more than a second`);
            break;
          }
          await sleep(10);
        }
        await sleep(50);
      }
    })();
  }

  async finish(): Promise<void> {
    this.stop = true;
    await this.running;
  }
}

beforeAll(async () => {
  member = await login(server.baseUrl, 'kwame@example.org');
  observer = await login(server.baseUrl, 'hannah@example.org');
});

afterAll(() => {
  for (const client of raws) client.close();
});

describe('hostile frames', () => {
  it('close that socket only; the process stays up and editors meanwhile notice nothing', async () => {
    const bystander = new Bystander();
    await bystander.start();

    const random = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256));
    const attacks: [string, (client: RawClient) => Promise<void> | void, number[]][] = [
      [
        'random bytes',
        (c) => {
          for (let i = 0; i < 200; i++) c.send(random(1 + Math.floor(Math.random() * 64)));
        },
        [1008, 4401, 4205],
      ],
      ['a truncated varint', (c) => c.send(Uint8Array.of(0x80)), [1008]],
      ['a document name longer than the frame', (c) => c.send(Uint8Array.of(0x7f, 0x61)), [1008]],
      ['an empty frame', (c) => c.send(new Uint8Array(0)), [1008]],
      ['an unknown message type', (c) => c.send(frame(AGENDA, (e) => encoding.writeVarUint(e, 42))), [1008]],
      ['a text frame', (c) => c.send('{"hello": "server"}'), [1003]],
      ['a frame above the size limit', (c) => c.send(new Uint8Array(MAX_FRAME + 1)), [1009]],
    ];

    for (const [name, attack, codes] of attacks) {
      const client = raw();
      await client.opened;
      await attack(client);
      const code = await client.closed;
      expect(codes, `${name}: closed with ${code}`).toContain(code);
    }

    // 100,000 frames in a row from an authenticated client.
    const flooder = await authenticatedRaw(member, AGENDA);
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ cursor: null });
    const chatter = awarenessFrame(AGENDA, encodeAwarenessUpdate(awareness, [awareness.clientID]));
    for (let i = 0; i < 100_000 && flooder.isOpen; i++) flooder.send(chatter);
    // Cut by the frame-rate limit (1008), or, on a loaded machine where its frames cost more time than its share, by the
    // CPU budget first (4429 too-busy; seen once in a CI run at load ~15). Either way only that socket closes.
    expect([1008, 4429]).toContain(await flooder.closed);

    await sleep(300);
    await bystander.finish();
    expect(bystander.problems).toEqual([]);
    expect(bystander.disconnects).toBe(0);
    expect((await http(server.baseUrl, 'GET', '/healthz')).status).toBe(200);
  });

  it('bound what a socket may queue before it authenticates', async () => {
    // 300 frames (fewer than the flood limit) for a document it never authenticates.
    const chatty = raw();
    await chatty.opened;
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({});
    for (let i = 0; i < 300; i++) chatty.send(awarenessFrame(AGENDA, encodeAwarenessUpdate(awareness, [awareness.clientID])));
    expect(await chatty.closed).toBe(4205);

    const fanOut = raw();
    await fanOut.opened;
    for (let i = 0; i < 30; i++) fanOut.send(syncStep1Frame(agendaDoc(`meeting${i}`), Y.encodeStateVector(new Y.Doc())));
    expect(await fanOut.closed).toBe(4205);
    // Neither got any document state.
    expect(chatty.received.length + fanOut.received.length).toBe(0);
  });
});

describe('read-only connections', () => {
  it('change nothing and reach nobody with updates, sync step 2, awareness or stateless messages', async () => {
    const watcher = peer(member, AGENDA);
    const stateless: string[] = [];
    watcher.provider.on('stateless', ({ payload }: { payload: string }) => stateless.push(payload));
    await synced(watcher);
    const before = plainText(watcher.doc);
    const logBefore = (await server.app.store.documents.history(AGENDA)).length;

    const intruder = new Y.Doc();
    intruder.getXmlFragment('default').insert(0, [new Y.XmlText('INJECTED BY AN OBSERVER')]);
    const update = Y.encodeStateAsUpdate(intruder);
    for (const step of [2, 1]) {
      const client = await authenticatedRaw(observer, AGENDA);
      client.send(updateFrame(AGENDA, update, step));
      await sleep(200);
    }
    const talker = await authenticatedRaw(observer, AGENDA);
    talker.send(statelessFrame(AGENDA, 'hello everyone'));
    const fake = new Awareness(new Y.Doc());
    fake.setLocalState({
      user: { id: member.user.id, name: 'Kwame Asante', color: '#000000' },
      cursor: { anchor: 1, head: 2 },
      message: 'I am Kwame',
    });
    talker.send(awarenessFrame(AGENDA, encodeAwarenessUpdate(fake, [fake.clientID])));
    // Presence shows that the observer is here, as the server knows them, and nothing else: waited for, as the
    // moment the server has handled the talker's frames (a fixed 400 ms, a server 400 ms behind outlasted).
    const seen = await waitFor(() => watcher.provider.awareness!.getStates().get(fake.clientID), {
      message: 'the observer’s presence',
    });
    expect(seen).toEqual({ user: expect.objectContaining({ id: observer.user.id, name: 'Hannah Becker' }), readOnly: true });

    expect(plainText(watcher.doc)).toBe(before);
    expect((await server.app.store.documents.history(AGENDA)).length).toBe(logBefore);
    expect(stateless).toEqual([]);
  });

  it('may repeat deletions the document has in the one step 2 of their sync, and nothing more', async () => {
    const writer = peer(member, AGENDA);
    await synced(writer);
    writer.doc.transact(() => writer.doc.getXmlFragment('default').delete(0, 1));
    await acknowledged(writer);
    // What any client's copy sends when it connects: no new structs, its whole delete set.
    const deletions = Y.encodeStateAsUpdate(writer.doc, Y.encodeStateVector(writer.doc));
    // Hocuspocus ends a document connection with a Close message (type 7) for that document.
    const ended = (client: RawClient) =>
      client.received.some((data) => {
        const decoder = decoding.createDecoder(data);
        return decoding.readVarString(decoder) === AGENDA && decoding.readVarUint(decoder) === 7;
      });
    // A Close that comes is waited for: a fixed 300 ms, a server 400 ms behind outlasted.
    const endedSoon = (client: RawClient) => waitFor(() => ended(client), { message: 'the Close message' });
    const viewer = await authenticatedRaw(observer, AGENDA);
    viewer.send(updateFrame(AGENDA, deletions, 1));
    await sleep(300);
    expect(ended(viewer)).toBe(false); // still served
    viewer.send(updateFrame(AGENDA, deletions, 1));
    await endedSoon(viewer); // a second step 2 is one too many
    const other = await authenticatedRaw(observer, AGENDA);
    other.send(updateFrame(AGENDA, deletions, 2));
    await endedSoon(other); // and an update message is refused at once
  });

  it('may not even write awareness on the live projection', async () => {
    const watcher = peer(member, LIVE);
    await synced(watcher);
    const talker = await authenticatedRaw(observer, LIVE);
    const fake = new Awareness(new Y.Doc());
    fake.setLocalState({ note: 'look at me' });
    talker.send(awarenessFrame(LIVE, encodeAwarenessUpdate(fake, [fake.clientID])));
    await sleep(300);
    expect(watcher.provider.awareness!.getStates().has(fake.clientID)).toBe(false);
  });
});

describe('identity', () => {
  it("drops awareness that speaks for another connection's client id", async () => {
    const honest = peer(member, AGENDA);
    const watcher = peer(member, AGENDA);
    await Promise.all([synced(honest), synced(watcher)]);
    honest.provider.setAwarenessField('cursor', null);
    await waitFor(() => watcher.provider.awareness!.getStates().get(honest.doc.clientID)?.user, { message: 'honest presence' });

    const impostor = await authenticatedRaw(observer, AGENDA);
    const stolen = new Y.Doc();
    stolen.clientID = honest.doc.clientID;
    const fake = new Awareness(stolen);
    for (let i = 0; i < 50; i++) fake.setLocalState({ user: { name: 'Someone else' }, n: i }); // a newer clock
    impostor.send(awarenessFrame(AGENDA, encodeAwarenessUpdate(fake, [stolen.clientID])));
    await sleep(300);
    expect(watcher.provider.awareness!.getStates().get(honest.doc.clientID)?.user).toMatchObject({
      id: member.user.id,
      name: 'Kwame Asante',
    });
  });

  it('refuses an expired token, even one signed with the real secret', async () => {
    const tokens = new CollabTokens(await server.app.store.settings.secret('collab-token-secret'));
    const { token } = tokens.issue(
      { u: member.user.id, s: member.cookie.split('=')[1]!, d: AGENDA },
      Date.now() - 60 * 60 * 1000,
    );
    const stale = connect(AGENDA, token);
    await waitFor(() => stale.denied.length > 0, { message: 'refusal' });
    expect(plainText(stale.doc)).toBe('');
  });
});

describe('crafted updates (yjs/yjs#687)', () => {
  it('refuses an update above the size limit before decoding or storing it', async () => {
    const document = agendaDoc(DEMO_MEETING.id);
    const writer = await authenticatedRaw(member, document);
    const logBefore = (await server.app.store.documents.history(document)).length;
    writer.send(updateFrame(document, structBomb(MAX_UPDATE + 1024, 424242).update));
    await sleep(300);
    expect((await server.app.store.documents.history(document)).length).toBe(logBefore);
  });

  it("cuts a writer whose updates take more than its share of the server's time", async () => {
    const document = agendaDoc(DEMO_MEETING.id);
    const writer = await authenticatedRaw(member, document);
    let sent = 0;
    const client = 900_000;
    const rounds = 200;
    for (let round = 0; round < rounds; round++) {
      // Each bomb starts where the last ended, so that every one is applied in full.
      const bomb = structBomb(MAX_UPDATE, client, sent);
      writer.send(updateFrame(document, bomb.update));
      sent = bomb.next;
      await sleep(5);
    }
    await sleep(500);
    const stored = (await server.app.store.documents.history(document)).filter((row) =>
      Y.decodeUpdate(row.data).structs.some((s) => s.id.client === client),
    );
    // The budget (100 ms per 10 s here) let some through, then refused the rest.
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(rounds);
    expect((await http(server.baseUrl, 'GET', '/healthz')).status).toBe(200);
  });
});

describe('document growth', () => {
  it('stops a document grown without bound by small updates, and stores nothing beyond the quota', async () => {
    const document = agendaDoc(DEMO_MEETING.id.replace('oc1', 'mag1'));
    const writer = peer(member, document);
    await synced(writer);
    const refused = new Promise<void>((resolve) => writer.provider.on('close', () => resolve()));
    const text = writer.doc.getText('growth');
    let sent = 0;
    // Small updates, each a new run of text that stays in the document: about 1 KB a time.
    for (let i = 0; i < 400 && writer.denied.length === 0; i++) {
      text.insert(text.length, `${'x'.repeat(1000)}${i}`);
      sent += 1000;
      await sleep(2);
    }
    await Promise.race([refused, waitFor(() => writer.denied.length > 0, { message: 'the quota' })]);
    expect(sent).toBeGreaterThan(MAX_DOCUMENT);
    const stored = await server.app.store.documents.load(document);
    const size = (stored.snapshot?.length ?? 0) + stored.updates.reduce((total, update) => total + update.data.length, 0);
    expect(size).toBeLessThanOrEqual(MAX_DOCUMENT + 2_000);
    expect((await http(server.baseUrl, 'GET', '/healthz')).status).toBe(200);
  });
});
