/**
 * Two instances sharing PostgreSQL and a Redis behind a fault proxy. When Redis keeps its
 * connections open but stops answering (or resets them), every HTTP call still answers within a
 * second, editing goes on on each instance, and once Redis answers again everything converges
 * within ten seconds with no acknowledged edit lost and every ballot counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import type { PollResults } from '../../shared/schemas/polls.ts';
import {
  acknowledged,
  collabToken,
  connectPeer,
  http,
  login,
  type Peer,
  type Session,
  sleep,
  synced,
  waitFor,
} from '../helpers/clients.ts';
import { signedInPeople } from '../helpers/commentHelpers.ts';
import { FaultProxy } from '../helpers/faultProxy.ts';
import { createPoll, openPoll, vote } from '../helpers/pollClients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import type { TestServer } from '../helpers/testServer.ts';
import { twoInstances } from '../helpers/twoInstances.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const proxy = new FaultProxy({ host: '127.0.0.1', port: 6379 });
// The proxy listens before the instances start and closes after they stop (the hooks registered
// first run their afterAll last).
beforeAll(async () => {
  await proxy.listen();
});
afterAll(() => proxy.close());
const { a, b } = twoInstances('redissilence', { redisUrl: () => proxy.url });
const peers: Peer[] = [];

afterAll(() => {
  for (const peer of peers) peer.destroy();
});

const editor = (server: TestServer, session: Session): Peer => {
  const peer = connectPeer(server.wsUrl, AGENDA, () => collabToken(server.baseUrl, session, AGENDA));
  peers.push(peer);
  return peer;
};

/** Every kind of HTTP call, on both instances: each must answer within a second. */
async function everyCallAnswersWithinASecond(session: Session, label: string): Promise<void> {
  for (const server of [a, b]) {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/me'],
      ['GET', `/api/meetings/${DEMO_MEETING.id}`],
      ['GET', `/api/threads?doc=${encodeURIComponent(AGENDA)}`],
      ['POST', '/api/threads', { doc: AGENDA, body: `A comment while Redis is ${label}` }],
      ['POST', '/api/collab-token', {}],
      ['GET', '/readyz'],
      ['GET', '/healthz'],
    ];
    for (const [method, path, body] of calls) {
      const started = Date.now();
      const result = await http(server.baseUrl, method, path, {
        cookie: session.cookie,
        ...(body === undefined ? {} : { body }),
      });
      const took = Date.now() - started;
      expect(took, `${method} ${path} while Redis is ${label}`).toBeLessThan(1_000);
      // Served, or 503 where Redis is truly needed (readiness says Redis is away).
      if (path === '/readyz') expect([200, 503]).toContain(result.status);
      else expect(result.status, `${method} ${path}`).toBeLessThan(300);
    }
  }
}

describe('Redis faults with two instances', () => {
  for (const fault of ['silent', 'reset'] as const) {
    it(`keeps answering and editing while Redis is ${fault}, and converges within 10 s after`, async () => {
      const kwame = await login(a.baseUrl, 'kwame@example.org');
      const mei = await login(b.baseUrl, 'mei@example.org');
      const chair = await login(a.baseUrl, 'chair@example.org');
      const onA = editor(a, kwame);
      const onB = editor(b, mei);
      await Promise.all([synced(onA), synced(onB)]);
      appendParagraph(onA.doc, `Before the ${fault} fault`);
      await waitFor(() => plainText(onB.doc).includes(`Before the ${fault} fault`), { message: 'baseline sync' });

      const poll = await createPoll(a.baseUrl, chair, DEMO_MEETING.id, {
        question: `Continue during the ${fault} fault?`,
        kind: 'single',
        options: [{ label: 'Yes' }, { label: 'No' }],
        audience: 'members',
      });
      await openPoll(a.baseUrl, chair, poll.id);
      const voters = await signedInPeople(a, 6, 'member', `Voter ${fault}`);

      if (fault === 'silent') proxy.silence();
      else proxy.reset();
      // Before, during and after the instances notice.
      for (let round = 0; round < 3; round++) {
        await everyCallAnswersWithinASecond(kwame, fault);
        await sleep(600);
      }
      // Editing goes on, on each instance alone: the edits are stored and acknowledged.
      appendParagraph(onA.doc, `Kwame during the ${fault} fault`);
      appendParagraph(onB.doc, `Mei during the ${fault} fault`);
      await Promise.all([acknowledged(onA, 5_000), acknowledged(onB, 5_000)]);
      // Ballots on both instances, one of them replaced.
      for (const [index, voter] of voters.entries()) {
        const server = index % 2 === 0 ? a : b;
        const started = Date.now();
        expect((await vote(server.baseUrl, voter, poll.id, [poll.options[index % 2]!.id])).status).toBe(200);
        expect(Date.now() - started).toBeLessThan(1_000);
      }
      expect((await vote(b.baseUrl, voters[0]!, poll.id, [poll.options[1]!.id])).status).toBe(200);

      proxy.heal();
      const healed = Date.now();
      await waitFor(
        () =>
          [onA, onB].every(
            (peer) =>
              plainText(peer.doc).includes(`Kwame during the ${fault} fault`) &&
              plainText(peer.doc).includes(`Mei during the ${fault} fault`),
          ),
        { timeout: 10_000, message: 'convergence within 10 s of Redis answering again' },
      );
      expect(Date.now() - healed).toBeLessThan(10_000);
      // A fresh reader on either instance has every acknowledged edit.
      for (const server of [a, b]) {
        const reader = editor(server, kwame);
        await synced(reader);
        for (const text of [`Before the ${fault} fault`, `Kwame during the ${fault} fault`, `Mei during the ${fault} fault`]) {
          expect(plainText(reader.doc)).toContain(text);
        }
      }
      // Every ballot counted once (the replaced one once, as replaced).
      const results = (await http<PollResults>(b.baseUrl, 'GET', `/api/polls/${poll.id}/results`, { cookie: chair.cookie })).body;
      expect(results.ballots).toBe(6);
      expect(results.tally).toEqual({ [poll.options[0]!.id]: 2, [poll.options[1]!.id]: 4 });
      await waitFor(async () => (await http(a.baseUrl, 'GET', '/readyz')).status === 200, { message: 'ready again' });
    });
  }
});
