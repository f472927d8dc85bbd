/**
 * Several instances behind a load balancer, sharing PostgreSQL and Redis, as child processes
 * against the machine's real services: sessions, edits, presence and access changes cross between them; an
 * instance killed with -9 loses no acknowledged edit; Redis going away and coming back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, liveDoc } from '../../shared/documentNames.ts';
import { acknowledged, collabToken, connectPeer, http, login, type Peer, sleep, synced, waitFor } from '../helpers/clients.ts';
import { createPoll, livePoll, openPoll, vote } from '../helpers/pollClients.ts';
import { RedisServer } from '../helpers/redisServer.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { REDIS_URL } from '../helpers/services.ts';
import { TcpProxy } from '../helpers/tcpProxy.ts';
import type { ServerProcess } from '../helpers/testServer.ts';
import { type InstancePair, startTwoInstances } from '../helpers/twoInstances.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const LIVE = liveDoc(DEMO_MEETING.id);
const clusters: InstancePair<ServerProcess>[] = [];
const peers: Peer[] = [];

/** Two instances of the test's own (each test its own Redis or environment), stopped after it. */
async function cluster(
  label: string,
  redisUrl = REDIS_URL,
  env: Record<string, string> = {},
): Promise<[ServerProcess, ServerProcess]> {
  const pair = await startTwoInstances(label, { processes: true, redisUrl, env });
  clusters.push(pair);
  return [pair.a, pair.b];
}

function peer(...args: Parameters<typeof connectPeer>): Peer {
  const created = connectPeer(...args);
  peers.push(created);
  return created;
}

afterEach(async () => {
  for (const p of peers.splice(0)) p.destroy();
  for (const pair of clusters.splice(0)) await pair.stop();
});

// Each test starts two server processes on a fresh PostgreSQL database (migrations, demo seed) before it
// measures anything: under the load of a full CI run on two cores that alone took more than the default 30 s.
const STARTS_TWO_PROCESSES = { timeout: 90_000 };

describe('two instances', STARTS_TWO_PROCESSES, () => {
  it('share sign-ins, edits and presence', async () => {
    const [a, b] = await cluster('share');
    const session = await login(a.baseUrl, 'kwame@example.org');
    // Signed in through A, signed in on B.
    expect((await http(b.baseUrl, 'GET', '/api/me', { cookie: session.cookie })).status).toBe(200);
    const other = await login(b.baseUrl, 'mei@example.org');

    const onA = peer(a.wsUrl, AGENDA, () => collabToken(a.baseUrl, session, AGENDA));
    const onB = peer(b.wsUrl, AGENDA, () => collabToken(b.baseUrl, other, AGENDA));
    await Promise.all([synced(onA), synced(onB)]);
    // The demo was seeded once although both instances started on an empty database together.
    expect(plainText(onA.doc).match(/Welcoming remarks/g)).toHaveLength(1);

    appendParagraph(onA.doc, 'Typed on instance A');
    appendParagraph(onB.doc, 'Typed on instance B');
    await waitFor(
      () => plainText(onA.doc).includes('Typed on instance B') && plainText(onB.doc).includes('Typed on instance A'),
      {
        message: 'edits to cross between the instances',
      },
    );
    await waitFor(() => plainText(onA.doc) === plainText(onB.doc), { message: 'convergence' });

    onA.provider.setAwarenessField('cursor', null);
    const seenOnB = await waitFor(() => onB.provider.awareness!.getStates().get(onA.doc.clientID), {
      message: "A's presence on B",
    });
    expect(seenOnB?.user).toMatchObject({ id: session.user.id, name: 'Kwame Asante' });

    // Signing out through B ends the session on A too.
    expect((await http(b.baseUrl, 'POST', '/api/auth/logout', { cookie: session.cookie })).status).toBe(204);
    expect((await http(a.baseUrl, 'GET', '/api/me', { cookie: session.cookie })).status).toBe(401);
    expect((await http(a.baseUrl, 'GET', '/readyz')).body).toMatchObject({ checks: { store: 'ok', redis: 'ok' } });
  });

  it('carry comments, tallies and rate limits across', async () => {
    const [a, b] = await cluster('features', REDIS_URL, { RATE_LIMIT_PER_MINUTE: '30' });
    const chairOnA = await login(a.baseUrl, 'chair@example.org');
    const watcherOnB = await login(b.baseUrl, 'hannah@example.org');
    const live = peer(b.wsUrl, LIVE, () => collabToken(b.baseUrl, watcherOnB, LIVE));
    await synced(live);

    // A comment posted through A appears in B's live document.
    const thread = await http<{ id: string }>(a.baseUrl, 'POST', '/api/threads', {
      cookie: chairOnA.cookie,
      body: { doc: AGENDA, body: 'Posted on instance A' },
    });
    expect(thread.status).toBe(201);
    await waitFor(
      () =>
        live.doc.getMap<{ comments: { body: string }[] }>('threads').get(thread.body.id)?.comments[0]?.body ===
        'Posted on instance A',
      {
        message: 'the thread on B',
      },
    );

    // Ballots cast through A move the tally seen on B.
    const poll = await createPoll(a.baseUrl, chairOnA, DEMO_MEETING.id, {
      question: 'Hold the joint meeting online?',
      kind: 'single',
      audience: 'members',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    await openPoll(a.baseUrl, chairOnA, poll.id);
    const voters = await Promise.all(['kwame', 'mei', 'laura'].map((name) => login(a.baseUrl, `${name}@example.org`)));
    for (const voter of voters) expect((await vote(a.baseUrl, voter, poll.id, [poll.options[0]!.id])).status).toBe(200);
    await waitFor(() => livePoll(live, poll.id)?.ballots === 3, { message: 'three ballots seen on B' });
    const results = await http(b.baseUrl, 'GET', `/api/polls/${poll.id}/results`, { cookie: watcherOnB.cookie });
    expect(livePoll(live, poll.id)?.tally).toEqual(results.body.tally);
    expect(results.body.tally[poll.options[0]!.id]).toBe(3);

    // One user's requests count against one limit, whichever instance answers them.
    const busy = await login(a.baseUrl, 'olena@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await http(a.baseUrl, 'GET', '/api/me', { cookie: busy.cookie })).status);
    for (let i = 0; i < 20; i++) statuses.push((await http(b.baseUrl, 'GET', '/api/me', { cookie: busy.cookie })).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(20)).toContain(429);
  });

  it("take away a removed co-author's write on the other instance at once", async () => {
    const [a, b] = await cluster('coauthors');
    const kwame = await login(a.baseUrl, 'kwame@example.org');
    const mei = await login(b.baseUrl, 'mei@example.org');
    const created = await http<{ id: string; doc: string }>(a.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/proposals`, {
      cookie: kwame.cookie,
      body: { kind: 'BPF', title: 'Best Practice Forum on Cybersecurity', summary: '', coAuthorIds: [mei.user.id] },
    });
    expect(created.status).toBe(201);
    const doc = created.body.doc;
    // Mei co-edits the body through B.
    const onB = peer(b.wsUrl, doc, () => collabToken(b.baseUrl, mei, doc));
    await synced(onB);
    expect(onB.scope).toBe('read-write');

    // Kwame, on A, takes her off the proposal: her connection on B is checked again and reconnects read-only.
    const changed = await http(a.baseUrl, 'PATCH', `/api/proposals/${created.body.id}`, {
      cookie: kwame.cookie,
      body: { coAuthorIds: [] },
    });
    expect(changed.status).toBe(200);
    await waitFor(() => onB.scope === 'readonly' && onB.provider.isSynced, {
      message: 'the removed co-author to be read-only on B',
      timeout: 5_000,
    });
    appendParagraph(onB.doc, 'Written after removal');
    await sleep(400);
    const check = peer(a.wsUrl, doc, () => collabToken(a.baseUrl, kwame, doc));
    await synced(check);
    expect(plainText(check.doc)).not.toContain('Written after removal');
  });

  it('lose no acknowledged edit when the instance a client is on is killed with -9', async () => {
    const [a, b] = await cluster('kill');
    const proxy = new TcpProxy([
      { host: '127.0.0.1', port: a.port },
      { host: '127.0.0.1', port: b.port },
    ]);
    const port = await proxy.listen();
    const base = `http://127.0.0.1:${port}`;
    try {
      const session = await login(base, 'olena@example.org');
      const writer = peer(`ws://127.0.0.1:${port}/collab`, AGENDA, () => collabToken(base, session, AGENDA));
      await synced(writer);
      const serving = proxy.connectionsTo({ host: '127.0.0.1', port: a.port }) > 0 ? a : b;
      const survivor = serving === a ? b : a;

      // Every edit written, and how many of them the server had acknowledged at the last look.
      const written: string[] = [];
      let acked = 0;
      let stop = false;
      const typing = (async () => {
        for (let i = 0; !stop; i++) {
          appendParagraph(writer.doc, `edit ${i}`);
          written.push(`edit ${i}`);
          await sleep(20);
          // Every few edits, give the server a moment to acknowledge all of them (it cannot
          // while the instance is down: then the edits pile up on the client).
          if (i % 5 === 4) {
            const deadline = Date.now() + 300;
            while ((!writer.provider.isSynced || writer.provider.hasUnsyncedChanges) && Date.now() < deadline) await sleep(5);
          }
          if (writer.provider.isSynced && !writer.provider.hasUnsyncedChanges) acked = written.length;
        }
      })();
      await waitFor(() => acked >= 10, { message: 'some acknowledged edits' });
      serving.child.kill('SIGKILL');
      await serving.exited;
      const ackedBeforeKill = acked;
      // The client reconnects through the proxy to the survivor and goes on.
      await waitFor(() => acked > ackedBeforeKill + 5, { timeout: 20_000, message: 'edits acknowledged by the survivor' });
      stop = true;
      await typing;
      await acknowledged(writer, 20_000);

      const reader = peer(survivor.wsUrl, AGENDA, async () =>
        collabToken(survivor.baseUrl, await login(survivor.baseUrl, 'ana@example.org'), AGENDA),
      );
      await synced(reader);
      const text = plainText(reader.doc);
      for (const edit of written.slice(0, ackedBeforeKill)) expect(text).toContain(edit);
      for (const edit of written) expect(text).toContain(edit);
      expect(text).toBe(plainText(writer.doc));
    } finally {
      await proxy.close();
    }
  });
});

describe('Redis going away', STARTS_TWO_PROCESSES, () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('leaves each instance serving its own clients, then they reconnect and converge', async () => {
    const [a, b] = await cluster('redisdown', redis.url);
    const onA = peer(a.wsUrl, AGENDA, async () => collabToken(a.baseUrl, await login(a.baseUrl, 'rahul@example.org'), AGENDA));
    const onB = peer(b.wsUrl, AGENDA, async () => collabToken(b.baseUrl, await login(b.baseUrl, 'sofia@example.org'), AGENDA));
    await Promise.all([synced(onA), synced(onB)]);

    await redis.stop();
    await waitFor(async () => (await http(a.baseUrl, 'GET', '/readyz')).status === 503, { message: 'A to report Redis down' });
    const ready = await http(a.baseUrl, 'GET', '/readyz');
    expect(ready.body.checks.redis).toMatch(/^failed/);
    expect(ready.body.checks.store).toBe('ok');

    // Each instance still acknowledges its own clients' edits.
    appendParagraph(onA.doc, 'During the outage on A');
    appendParagraph(onB.doc, 'During the outage on B');
    await Promise.all([acknowledged(onA), acknowledged(onB)]);
    expect(plainText(onB.doc)).not.toContain('During the outage on A');

    await redis.restart();
    await waitFor(async () => (await http(a.baseUrl, 'GET', '/readyz')).status === 200, {
      timeout: 15_000,
      message: 'A ready again',
    });
    await waitFor(
      () => plainText(onA.doc).includes('During the outage on B') && plainText(onB.doc).includes('During the outage on A'),
      { timeout: 15_000, message: 'convergence after Redis returns' },
    );
    // And live editing crosses again.
    appendParagraph(onB.doc, 'After the outage');
    await waitFor(() => plainText(onA.doc).includes('After the outage'), { message: 'a new edit to cross' });
    expect(plainText(onA.doc)).toBe(plainText(onB.doc));
  });
});
