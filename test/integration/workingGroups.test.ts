/**
 * MAG Working Groups: the demo groups, joining and leaving seen live, nominations, and the
 * election of a co-facilitator whose winner is recorded on the group when the poll closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { WorkingGroupStore } from '../../server/src/workingGroups/workingGroupStore.ts';
import type { PollDto, PollResults } from '../../shared/schemas/polls.ts';
import type { WorkingGroupDto } from '../../shared/schemas/workingGroups.ts';
import { http, login, type Peer, type Session, waitFor } from '../helpers/clients.ts';
import { closePoll, liveGroup, openPoll, vote, watchLive } from '../helpers/pollClients.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

const meetingId = DEMO_MEETING.id;
let server: TestServer;
let people: Record<string, Session>;
let watcher: Peer;
let youth: WorkingGroupDto;

const names = (list: { name: string }[]) => list.map((entry) => entry.name);
const groupsOf = async (session: Session) =>
  (await http<WorkingGroupDto[]>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/working-groups`, { cookie: session.cookie }))
    .body;

beforeAll(async () => {
  server = await startServer();
  const keys = ['secretariat', 'chair', 'kwame', 'mei', 'laura', 'rahul', 'sofia', 'ana', 'tomas'];
  const sessions = await Promise.all(keys.map((key) => login(server.baseUrl, `${key}@example.org`)));
  people = Object.fromEntries(keys.map((key, index) => [key, sessions[index]!]));
  watcher = await watchLive(server.baseUrl, server.wsUrl, people.tomas!, meetingId);
});

afterAll(async () => {
  watcher?.destroy();
  await server?.close();
});

describe('working groups', () => {
  it('continues last year’s MAG Working Groups in the demo, with members and co-facilitators', async () => {
    const groups = await groupsOf(people.tomas!);
    expect(names(groups)).toEqual([
      'Working Group on Strategy and Strengthening',
      'Working Group on Hybrid Meetings',
      'Working Group on Language',
      'Working Group on Workshop Process',
      'Working Group on Youth Engagement',
    ]);
    youth = groups.find((group) => group.name.endsWith('Youth Engagement'))!;
    expect(youth.coFacilitators).toEqual([]);
    expect(names(youth.members)).toEqual(['Kwame Asante', 'Mei Lin', 'Rahul Verma', 'Sofía Ramírez']);
    expect(youth.nominations.map((n) => [n.nominee.name, n.nominatedBy.name]).sort()).toEqual([
      ['Mei Lin', 'Kwame Asante'],
      ['Sofía Ramírez', 'Sofía Ramírez'],
    ]);
    expect(groups[0]!.coFacilitators.length).toBeGreaterThan(0);
    // The live document has the same groups.
    expect(liveGroup(watcher, youth.id)).toEqual(youth);
  });

  it('lets a member join and leave, and everyone sees it live; observers cannot join', async () => {
    expect(
      (await http(server.baseUrl, 'PUT', `/api/working-groups/${youth.id}/members/me`, { cookie: people.tomas!.cookie })).status,
    ).toBe(403);
    const joined = await http<WorkingGroupDto>(server.baseUrl, 'PUT', `/api/working-groups/${youth.id}/members/me`, {
      cookie: people.laura!.cookie,
    });
    expect(joined.status).toBe(200);
    expect(names(joined.body.members)).toContain('Laura Fischer');
    await waitFor(() => names(liveGroup(watcher, youth.id)?.members ?? []).includes('Laura Fischer'), {
      message: 'join seen live',
    });
    // Joining twice changes nothing.
    expect(
      (await http(server.baseUrl, 'PUT', `/api/working-groups/${youth.id}/members/me`, { cookie: people.laura!.cookie })).status,
    ).toBe(200);

    const left = await http<WorkingGroupDto>(server.baseUrl, 'DELETE', `/api/working-groups/${youth.id}/members/me`, {
      cookie: people.laura!.cookie,
    });
    expect(names(left.body.members)).not.toContain('Laura Fischer');
    await waitFor(() => !names(liveGroup(watcher, youth.id)?.members ?? []).includes('Laura Fischer'), {
      message: 'leave seen live',
    });
    const actions = (await server.app.store.audit.list({ subject: `workingGroup:${youth.id}` })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['workingGroup.joined', 'workingGroup.left']));
  });

  it('takes nominations of group members only, once each, withdrawn by the nominee', async () => {
    const nominate = (by: string, userId: string) =>
      http(server.baseUrl, 'POST', `/api/working-groups/${youth.id}/nominations`, {
        cookie: people[by]!.cookie,
        body: { userId },
      });
    // Laura is not a member (any more).
    expect((await nominate('kwame', people.laura!.user.id)).status).toBe(400);
    expect((await nominate('tomas', people.kwame!.user.id)).status).toBe(403);
    // Already nominated: the refusal names the chosen member's field, as the not-a-member one does.
    expect((await nominate('mei', people.sofia!.user.id)).body).toMatchObject({
      error: { code: 'DUPLICATE', details: { field: 'userId' } },
    });
    expect((await nominate('kwame', people.laura!.user.id)).body).toMatchObject({ error: { details: { field: 'userId' } } });
    expect((await nominate('rahul', people.rahul!.user.id)).status).toBe(201);
    await waitFor(() => liveGroup(watcher, youth.id)?.nominations.length === 3, { message: 'nomination seen live' });
    // Only the nominee, who nominated them, or a moderator may withdraw.
    const withdraw = (by: string) =>
      http(server.baseUrl, 'DELETE', `/api/working-groups/${youth.id}/nominations/${people.rahul!.user.id}`, {
        cookie: people[by]!.cookie,
      });
    expect((await withdraw('kwame')).status).toBe(403);
    expect((await withdraw('rahul')).status).toBe(200);
    expect((await nominate('kwame', people.rahul!.user.id)).status).toBe(201);
  });

  it('elects a co-facilitator by ranked ballot of the group’s members and records the winner on the group', async () => {
    const elect = (by: string, body: Record<string, unknown>) =>
      http<PollDto>(server.baseUrl, 'POST', `/api/working-groups/${youth.id}/elections`, { cookie: people[by]!.cookie, body });
    expect((await elect('kwame', { kind: 'ranked', audience: 'group' })).status).toBe(403);
    const created = await elect('secretariat', { kind: 'ranked', audience: 'group', results: 'live' });
    expect(created.status).toBe(201);
    const poll = created.body;
    expect(poll).toMatchObject({ kind: 'ranked', audience: 'group', workingGroupId: youth.id, secret: true, status: 'draft' });
    expect(names(poll.options.map((option) => ({ name: option.label }))).sort()).toEqual([
      'Mei Lin',
      'Rahul Verma',
      'Sofía Ramírez',
    ]);
    const optionOf = (key: string) => poll.options.find((option) => option.userId === people[key]!.user.id)!.id;
    await openPoll(server.baseUrl, people.chair!, poll.id);

    // Laura joins after the election opened: not in the electorate. Ana and the chair are not members.
    await http(server.baseUrl, 'PUT', `/api/working-groups/${youth.id}/members/me`, { cookie: people.laura!.cookie });
    expect((await vote(server.baseUrl, people.laura!, poll.id, [optionOf('mei')])).status).toBe(403);
    expect((await vote(server.baseUrl, people.ana!, poll.id, [optionOf('mei')])).status).toBe(403);
    expect((await vote(server.baseUrl, people.chair!, poll.id, [optionOf('mei')])).status).toBe(403);
    // The log says why each was refused, which the code (FORBIDDEN) alone does not.
    const refused = await server.app.store.audit.list({ subject: `poll:${poll.id}`, action: 'poll.ballot.refused' });
    expect(
      refused
        .map((entry) => [entry.actorId, (entry.detail as { reason?: string }).reason])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual(
      [
        [people.laura!.user.id, 'joined-after-opening'],
        [people.ana!.user.id, 'not-in-group'],
        [people.chair!.user.id, 'not-in-group'],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );

    // Members: Kwame, Mei, Rahul, Sofía. Round 1: Mei 2, Sofía 1, Rahul 1; Rahul and Sofía tie, and
    // the earlier rounds cannot break it: the one listed later on the (randomly ordered) ballot is
    // excluded; whichever it is, their ballot's next preference is Mei, who then has 3 of 4.
    const ballots: Record<string, string[]> = {
      kwame: [optionOf('mei'), optionOf('sofia')],
      mei: [optionOf('mei')],
      rahul: [optionOf('rahul'), optionOf('mei')],
      sofia: [optionOf('sofia'), optionOf('mei')],
    };
    // Secret, with results shown live: nothing shows while fewer than five have voted, until all
    // four of the electorate have (then the chair knows the vote is complete and may close it).
    const shown = async () =>
      (await http<PollResults>(server.baseUrl, 'GET', `/api/polls/${poll.id}/results`, { cookie: people.chair!.cookie })).body
        .ballots;
    for (const [index, [key, choices]] of Object.entries(ballots).entries()) {
      expect((await vote(server.baseUrl, people[key]!, poll.id, choices)).status).toBe(200);
      // A ballot is answered once committed; the snapshot is published right after.
      if (index < 3) expect(await shown(), `after ${index + 1} of 4 ballots`).toBe(0);
      else await waitFor(async () => (await shown()) === 4, { message: 'all four ballots shown while open' });
    }
    const closed = await closePoll(server.baseUrl, people.chair!, poll.id);
    expect(closed.winners).toEqual([optionOf('mei')]);
    expect(closed.rounds?.[0]?.action?.tieBreak).toBe('option-order');

    const group = (await groupsOf(people.kwame!)).find((entry) => entry.id === youth.id)!;
    expect(group.coFacilitators).toEqual([expect.objectContaining({ name: 'Mei Lin', pollId: poll.id })]);
    expect(group.elections).toEqual([poll.id]);
    await waitFor(() => liveGroup(watcher, youth.id)?.coFacilitators.length === 1, { message: 'winner seen live' });
    const actions = (await server.app.store.audit.list({ subject: `workingGroup:${youth.id}` })).map((entry) => entry.action);
    expect(actions).toContain('workingGroup.coFacilitatorElected');
  });

  it('lets candidates who lost stand again at the next election, and still refuses a second open nomination', async () => {
    const nominate = (by: string, key: string) =>
      http<WorkingGroupDto>(server.baseUrl, 'POST', `/api/working-groups/${youth.id}/nominations`, {
        cookie: people[by]!.cookie,
        body: { userId: people[key]!.user.id },
      });
    const group = (await groupsOf(people.kwame!)).find((entry) => entry.id === youth.id)!;
    const election = (
      await http<PollDto>(server.baseUrl, 'GET', `/api/polls/${group.elections[0]}`, { cookie: people.kwame!.cookie })
    ).body;
    expect(election.status).toBe('closed');

    // Sofía lost the election that made Mei co-facilitator: that settled her nomination, and she stands again.
    const again = await nominate('sofia', 'sofia');
    expect(again.status).toBe(201);
    const renewed = again.body.nominations.find((nomination) => nomination.nominee.id === people.sofia!.user.id)!;
    expect(renewed.at).toBeGreaterThan(election.closedAt!);
    // Her new nomination is open: nominating her once more is a duplicate, as before.
    expect((await nominate('kwame', 'sofia')).body).toMatchObject({ error: { code: 'DUPLICATE', details: { field: 'userId' } } });
    // Rahul lost too; Kwame nominates him again.
    expect((await nominate('kwame', 'rahul')).status).toBe(201);
    await waitFor(
      () =>
        liveGroup(watcher, youth.id)?.nominations.find((nomination) => nomination.nominee.id === people.sofia!.user.id)?.at ===
        renewed.at,
      { message: 'the new nomination seen live' },
    );

    // The next ballot has the open nominations: Mei's, settled by her election, is not on it.
    const next = await http<PollDto>(server.baseUrl, 'POST', `/api/working-groups/${youth.id}/elections`, {
      cookie: people.secretariat!.cookie,
      body: { kind: 'single', audience: 'group' },
    });
    expect(next.status).toBe(201);
    expect(next.body.options.map((option) => option.userId).sort()).toEqual(
      [people.rahul!.user.id, people.sofia!.user.id].sort(),
    );
    const entries = await server.app.store.audit.list({ subject: `workingGroup:${youth.id}` });
    expect(entries.filter((entry) => entry.action === 'workingGroup.nominated').map((entry) => entry.detail)).toEqual(
      expect.arrayContaining([
        { nomineeId: people.sofia!.user.id, again: true },
        { nomineeId: people.rahul!.user.id, again: true },
      ]),
    );
  });

  it('lets the secretariat open an election to all members, and refuses one without a contest', async () => {
    const groups = await groupsOf(people.kwame!);
    const hybrid = groups.find((group) => group.name.endsWith('Hybrid Meetings'))!;
    const elect = (body: Record<string, unknown>) =>
      http<PollDto>(server.baseUrl, 'POST', `/api/working-groups/${hybrid.id}/elections`, {
        cookie: people.secretariat!.cookie,
        body,
      });
    // Nobody nominated: the refusal names the seats (there must be more nominees than seats).
    expect((await elect({ kind: 'single', audience: 'members' })).body).toMatchObject({
      error: { code: 'BAD_REQUEST', details: { field: 'seats' } },
    });
    for (const key of ['ana', 'mei']) {
      const nominated = await http(server.baseUrl, 'POST', `/api/working-groups/${hybrid.id}/nominations`, {
        cookie: people[key]!.cookie,
        body: { userId: people[key]!.user.id },
      });
      expect(nominated.status).toBe(201);
    }
    const poll = (await elect({ kind: 'single', audience: 'members' })).body;
    await openPoll(server.baseUrl, people.secretariat!, poll.id);
    // Laura is not in the group, but every member votes in this one; observers do not.
    expect((await vote(server.baseUrl, people.laura!, poll.id, [poll.options[0]!.id])).status).toBe(200);
    expect((await vote(server.baseUrl, people.tomas!, poll.id, [poll.options[0]!.id])).status).toBe(403);
    // A tie elects nobody (one ballot each): the group keeps its co-facilitators.
    expect((await vote(server.baseUrl, people.kwame!, poll.id, [poll.options[1]!.id])).status).toBe(200);
    const closed = await closePoll(server.baseUrl, people.secretariat!, poll.id);
    expect(closed.winners).toEqual([]);
    expect(closed.tied?.sort()).toEqual(poll.options.map((option) => option.id).sort());
    const after = (await groupsOf(people.kwame!)).find((group) => group.id === hybrid.id)!;
    expect(after.coFacilitators).toEqual(hybrid.coFacilitators);
  });

  it('refuses a poll for a working group of another meeting', async () => {
    await server.app.store.meetings.create({
      id: 'other-meeting',
      title: 'Another consultation',
      startsOn: '2025-06-01',
      startTime: '',
      timezone: 'UTC',
      form: 'Online',
      description: '',
    });
    const elsewhere = await server.app.store.db.transaction((tx) =>
      new WorkingGroupStore(server.app.store.db).insert(tx, {
        meetingId: 'other-meeting',
        name: 'Elsewhere',
        description: '',
        position: 0,
      }),
    );
    const response = await http(server.baseUrl, 'POST', `/api/meetings/${meetingId}/polls`, {
      cookie: people.chair!.cookie,
      body: {
        question: 'Q?',
        kind: 'single',
        options: [{ label: 'A' }, { label: 'B' }],
        audience: 'group',
        workingGroupId: elsewhere.id,
      },
    });
    expect(response.status).toBe(400);
  });
});
