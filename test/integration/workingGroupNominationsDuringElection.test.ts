/**
 * An open election's ballot is fixed: on SQLite and on PostgreSQL, while an election of a working
 * group is open, nobody is nominated in that group and no nomination is withdrawn (409
 * ELECTION_OPEN), and neither the group, its ballot nor the audit log changes. Once the election
 * has closed, nominations are made and withdrawn again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { PollDto } from '../../shared/schemas/polls.ts';
import type { WorkingGroupDto } from '../../shared/schemas/workingGroups.ts';
import { http, login, type Session } from '../helpers/clients.ts';
import { closePoll, openPoll, vote } from '../helpers/pollClients.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/services.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

const KEYS = ['secretariat', 'chair', 'kwame', 'mei', 'rahul', 'sofia'] as const;
type Key = (typeof KEYS)[number];

describe.each(['sqlite', 'postgres'] as const)('nominations while a working group’s election is open (%s)', (backend) => {
  let database: TestDatabase | undefined;
  let server: TestServer;
  let people: Record<Key, Session>;

  beforeAll(async () => {
    if (backend === 'postgres') database = await createTestDatabase('wgelectionopen');
    server = await startServer(database ? { env: { DATABASE_URL: database.url } } : {});
    const sessions = await Promise.all(KEYS.map((key) => login(server.baseUrl, `${key}@example.org`)));
    people = Object.fromEntries(KEYS.map((key, index) => [key, sessions[index]!])) as Record<Key, Session>;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const call = <T = any>(who: Key, method: string, path: string, body?: unknown) =>
    http<T>(server.baseUrl, method, path, { cookie: people[who].cookie, ...(body === undefined ? {} : { body }) });
  const youth = async () =>
    (await call<WorkingGroupDto[]>('kwame', 'GET', `/api/meetings/${DEMO_MEETING.id}/working-groups`)).body.find((group) =>
      group.name.endsWith('Youth Engagement'),
    )!;
  const idOf = (key: Key) => people[key].user.id;

  it('refuses to nominate or withdraw while the election is open, changing nothing, and allows both once it has closed', async () => {
    const group = await youth();
    const base = `/api/working-groups/${group.id}`;
    // The demo's nominees: Sofía (by herself) and Mei (by Kwame).
    const created = await call<PollDto>('chair', 'POST', `${base}/elections`, {
      kind: 'single',
      audience: 'group',
      secret: false,
    });
    expect(created.status).toBe(201);
    const poll = await openPoll(server.baseUrl, people.chair, created.body.id);
    const candidates = poll.options.map((option) => option.userId).sort();
    expect(candidates).toEqual([idOf('mei'), idOf('sofia')].sort());

    const before = { group: await youth(), audit: (await server.app.store.audit.list({}, 100_000)).length };
    const refusals = [
      await call('kwame', 'POST', `${base}/nominations`, { userId: idOf('kwame') }),
      await call('kwame', 'POST', `${base}/nominations`, { userId: idOf('rahul') }),
      // Kwame nominated Mei; Sofía nominated herself; the chair may withdraw anyone's.
      await call('kwame', 'DELETE', `${base}/nominations/${idOf('mei')}`),
      await call('sofia', 'DELETE', `${base}/nominations/${idOf('sofia')}`),
      await call('chair', 'DELETE', `${base}/nominations/${idOf('mei')}`),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(409);
      expect(refusal.body.error.code).toBe('ELECTION_OPEN');
      expect(refusal.body.error.message).toContain('An election is open in Working Group on Youth Engagement');
    }
    expect(await youth()).toEqual(before.group);
    expect((await server.app.store.audit.list({}, 100_000)).length).toBe(before.audit);
    const ballot = (await call<PollDto>('kwame', 'GET', `/api/polls/${poll.id}`)).body;
    expect(ballot.options.map((option) => option.userId).sort()).toEqual(candidates);

    // Closed (Mei elected), the ballot is no longer in play: Kwame stands, and withdraws again.
    const mei = poll.options.find((option) => option.userId === idOf('mei'))!.id;
    for (const key of ['kwame', 'mei', 'rahul'] as const)
      expect((await vote(server.baseUrl, people[key], poll.id, [mei])).status).toBe(200);
    await closePoll(server.baseUrl, people.chair, poll.id);
    expect((await call('kwame', 'POST', `${base}/nominations`, { userId: idOf('kwame') })).status).toBe(201);
    expect((await call('kwame', 'DELETE', `${base}/nominations/${idOf('kwame')}`)).status).toBe(200);
  });
});
