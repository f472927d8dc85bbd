/**
 * Live polls over HTTP and the live document: the lifecycle (draft, open, closed), who may do
 * what, bad ballots refused and changing nothing, results withheld until close, per-group
 * results, ranked counts, CSV, and the live projection equal to the results route.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { PollDto } from '../../shared/schemas/polls.ts';
import { http, login, type Peer, type Session, waitFor } from '../helpers/clients.ts';
import { closePoll, createPoll, livePoll, openPoll, vote, watchLive } from '../helpers/pollClients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, keep } = serverSuite();
let chair: Session;
let secretariat: Session;
let kwame: Session;
let mei: Session;
let laura: Session;
let tomas: Session; // observer
let watcher: Peer;
const meetingId = DEMO_MEETING.id;

beforeAll(async () => {
  const sessions = await Promise.all(
    ['chair', 'secretariat', 'kwame', 'mei', 'laura', 'tomas'].map((name) => login(server.baseUrl, `${name}@example.org`)),
  );
  [chair, secretariat, kwame, mei, laura, tomas] = sessions as [Session, Session, Session, Session, Session, Session];
  watcher = keep(await watchLive(server.baseUrl, server.wsUrl, tomas, meetingId));
});

const results = async (pollId: string, session = kwame) =>
  (await http(server.baseUrl, 'GET', `/api/polls/${pollId}/results`, { cookie: session.cookie })).body;

const refusals = async (pollId: string) =>
  (await server.app.store.audit.list({ subject: `poll:${pollId}`, action: 'poll.ballot.refused' })).map((entry) => entry.detail);

describe('a single-choice poll', () => {
  let poll: PollDto;
  const option = (index: number) => poll.options[index]!.id;

  it('is created as a draft by the chair, not by a member', async () => {
    const body = {
      question: 'Start day 2 at 09:30?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
    };
    const refused = await http(server.baseUrl, 'POST', `/api/meetings/${meetingId}/polls`, { cookie: kwame.cookie, body });
    expect(refused.status).toBe(403);
    poll = await createPoll(server.baseUrl, chair, meetingId, body);
    expect(poll).toMatchObject({
      status: 'draft',
      ballots: 0,
      kind: 'single',
      audience: 'members',
      secret: false,
      results: 'live',
    });
    expect(poll.options.map((o) => o.label)).toEqual(['Yes', 'No']);
    // Everyone watching the meeting sees it appear.
    await waitFor(() => livePoll(watcher, poll.id)?.status === 'draft', { message: 'draft in the live document' });
  });

  it('refuses ballots before it opens (409), and logs the refusal', async () => {
    const response = await vote(server.baseUrl, kwame, poll.id, [option(0)]);
    expect(response.status).toBe(409);
    expect(response.body.error?.code).toBe('NOT_OPEN');
    // With why, which the code (NOT_OPEN) alone does not say: not open yet, rather than closed.
    expect(await refusals(poll.id)).toEqual([expect.objectContaining({ status: 409, code: 'NOT_OPEN', reason: 'not-open-yet' })]);
  });

  it('is opened by the chair only, and shows open on every screen', async () => {
    expect((await http(server.baseUrl, 'POST', `/api/polls/${poll.id}/open`, { cookie: kwame.cookie })).status).toBe(403);
    await openPoll(server.baseUrl, chair, poll.id);
    await waitFor(() => livePoll(watcher, poll.id)?.status === 'open', { message: 'open in the live document' });
    expect((await http(server.baseUrl, 'POST', `/api/polls/${poll.id}/open`, { cookie: chair.cookie })).status).toBe(409);
  });

  it('takes one ballot per voter, replaced while open, and the tally moves live', async () => {
    expect((await vote(server.baseUrl, kwame, poll.id, [option(0)])).body).toEqual({
      voted: true,
      replaced: false,
      choices: [option(0)],
    });
    expect((await vote(server.baseUrl, mei, poll.id, [option(0)])).status).toBe(200);
    expect((await vote(server.baseUrl, laura, poll.id, [option(1)])).status).toBe(200);
    // Mei changes her mind: still three ballots.
    expect((await vote(server.baseUrl, mei, poll.id, [option(1)])).body).toMatchObject({ voted: true, replaced: true });
    expect(await results(poll.id)).toMatchObject({ status: 'open', ballots: 3, tally: { [option(0)]: 1, [option(1)]: 2 } });
    await waitFor(() => livePoll(watcher, poll.id)?.tally?.[option(1)] === 2, { message: 'the live tally' });
    expect(livePoll(watcher, poll.id)).toMatchObject({ ballots: 3, tally: await results(poll.id).then((r) => r.tally) });
    expect((await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/ballot`, { cookie: mei.cookie })).body).toEqual({
      voted: true,
      choices: [option(1)],
    });
  });

  it('refuses an observer in a members’ poll (403)', async () => {
    const response = await vote(server.baseUrl, tomas, poll.id, [option(0)]);
    expect(response.status).toBe(403);
    expect(await results(poll.id)).toMatchObject({ ballots: 3 });
    expect((await refusals(poll.id)).filter((detail) => detail.code === 'FORBIDDEN')).toEqual([
      expect.objectContaining({ status: 403, reason: 'members-only' }),
    ]);
  });

  it('refuses bad ballots with 400 and changes nothing', async () => {
    const other = await createPoll(server.baseUrl, chair, meetingId, {
      question: 'Another poll',
      kind: 'single',
      options: [{ label: 'A' }, { label: 'B' }],
      audience: 'members',
    });
    const before = await results(poll.id);
    const bad: unknown[] = [
      ['not-an-option'], // unknown option
      [option(0), option(1)], // two choices in a single-choice poll
      [], // no choice
      [other.options[0]!.id], // an option of another poll
      [option(0), option(0)], // the same option twice
    ];
    for (const choices of bad) {
      const response = await vote(server.baseUrl, kwame, poll.id, choices as string[]);
      expect(response.status, JSON.stringify(choices)).toBe(400);
    }
    // Not even a list of ids: refused by the schema, and still logged.
    const malformed = await http(server.baseUrl, 'PUT', `/api/polls/${poll.id}/ballot`, {
      cookie: kwame.cookie,
      body: { choices: 'yes' },
    });
    expect(malformed.status).toBe(400);
    expect(await results(poll.id)).toEqual(before);
    expect((await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/ballot`, { cookie: kwame.cookie })).body.choices).toEqual([
      option(0),
    ]);
    expect((await refusals(poll.id)).filter((detail) => detail.status === 400)).toHaveLength(bad.length + 1);
  });

  it('is closed by the chair; late ballots are refused with a clear message; the winner is known', async () => {
    expect((await http(server.baseUrl, 'POST', `/api/polls/${poll.id}/close`, { cookie: kwame.cookie })).status).toBe(403);
    const closed = await closePoll(server.baseUrl, chair, poll.id);
    expect(closed).toMatchObject({ status: 'closed', ballots: 3, winners: [option(1)], tied: [] });
    const late = await vote(server.baseUrl, kwame, poll.id, [option(1)]);
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toMatch(/closed/i);
    expect((await refusals(poll.id)).filter((detail) => detail.code === 'NOT_OPEN').map((detail) => detail.reason)).toEqual([
      'not-open-yet',
      'closed',
    ]);
    expect(await results(poll.id)).toMatchObject({ status: 'closed', ballots: 3, tally: { [option(0)]: 1, [option(1)]: 2 } });
    await waitFor(() => livePoll(watcher, poll.id)?.status === 'closed', { message: 'closed in the live document' });
    expect(livePoll(watcher, poll.id)?.winners).toEqual([option(1)]);
    // Everything was recorded.
    const actions = (await server.app.store.audit.list({ subject: `poll:${poll.id}` })).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'poll.ballot.cast')).toHaveLength(3);
    expect(actions).toContain('poll.ballot.replaced');
    expect(actions).toContain('poll.opened');
    expect(actions).toContain('poll.closed');
  });

  it('shows results per stakeholder group, the roll call of a named poll, and exports CSV', async () => {
    const body = await results(poll.id);
    // Kwame: civil society (Yes); Mei: technical community (No); Laura: private sector (No).
    expect(body.byGroup).toEqual({
      'civil-society': { ballots: 1, tally: { [option(0)]: 1, [option(1)]: 0 } },
      'private-sector': { ballots: 1, tally: { [option(0)]: 0, [option(1)]: 1 } },
      'technical-community': { ballots: 1, tally: { [option(0)]: 0, [option(1)]: 1 } },
    });
    const roll = await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/ballots`, { cookie: tomas.cookie });
    expect(roll.body.map((entry: { voter: { name: string }; choices: string[] }) => [entry.voter.name, entry.choices])).toEqual([
      ['Kwame Asante', [option(0)]],
      ['Laura Fischer', [option(1)]],
      ['Mei Lin', [option(1)]],
    ]);
    const csv = await fetch(`${server.baseUrl}/api/polls/${poll.id}/results.csv`, { headers: { cookie: kwame.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // An ordinary poll has the options with most votes; it elects nobody (the Polls tab says "most votes" too).
    expect(lines[0]).toBe('option_id,option,votes,private-sector,civil-society,technical-community,most_votes');
    // An option id is random and may start with "-", which the CSV defuses like any formula-looking cell.
    const cell = (text: string) => (/^[=+\-@]/.test(text) ? `'${text}` : text);
    expect(lines[1]).toBe(`${cell(option(0))},Yes,1,0,1,0,no`);
    expect(lines[2]).toBe(`${cell(option(1))},No,2,1,0,1,yes`);
    expect(lines[3]).toBe(',Ballots,3,1,1,1,');
    // In Spanish: "más votos", not "elegido".
    const spanish = await (
      await fetch(`${server.baseUrl}/api/polls/${poll.id}/results.csv?lang=es`, { headers: { cookie: kwame.cookie } })
    ).text();
    const header = spanish.replace(/^\uFEFF/, '').split('\r\n')[0]!;
    expect(header.endsWith(',más votos')).toBe(true);
    expect(spanish).not.toContain('elegido');
  });
});

describe('results after close', () => {
  it('withholds the tally while the poll is open, in the route and in the live document', async () => {
    const poll = await createPoll(server.baseUrl, secretariat, meetingId, {
      question: 'Hold the joint MAG–LP meeting in February?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'everyone',
      results: 'after-close',
    });
    await openPoll(server.baseUrl, secretariat, poll.id);
    expect((await vote(server.baseUrl, tomas, poll.id, [poll.options[0]!.id])).status).toBe(200); // observers vote in polls for everyone
    expect((await vote(server.baseUrl, kwame, poll.id, [poll.options[1]!.id])).status).toBe(200);
    const open = await results(poll.id, secretariat);
    expect(open).toEqual({ status: 'open', ballots: 2, resultsVisible: false });
    await waitFor(() => livePoll(watcher, poll.id)?.ballots === 2, { message: 'ballot count' });
    expect(livePoll(watcher, poll.id)?.tally).toBeUndefined();
    expect((await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/results.csv`, { cookie: kwame.cookie })).status).toBe(409);
    await closePoll(server.baseUrl, secretariat, poll.id);
    expect(await results(poll.id)).toMatchObject({
      status: 'closed',
      ballots: 2,
      resultsVisible: true,
      tally: { [poll.options[0]!.id]: 1 },
    });
    await waitFor(() => livePoll(watcher, poll.id)?.tally?.[poll.options[0]!.id] === 1, { message: 'tally after close' });
  });
});

describe('multiple choice and ranked polls', () => {
  it('allows up to maxChoices', async () => {
    const poll = await createPoll(server.baseUrl, chair, meetingId, {
      question: 'Which topics first?',
      kind: 'multiple',
      options: [{ label: 'GDC' }, { label: 'NRIs' }, { label: 'DCs' }],
      audience: 'members',
      maxChoices: 2,
    });
    await openPoll(server.baseUrl, chair, poll.id);
    const [a, b, c] = poll.options.map((o) => o.id) as [string, string, string];
    expect((await vote(server.baseUrl, kwame, poll.id, [a, b, c])).status).toBe(400);
    expect((await vote(server.baseUrl, kwame, poll.id, [a, b])).status).toBe(200);
    expect((await vote(server.baseUrl, mei, poll.id, [b])).status).toBe(200);
    expect(await results(poll.id)).toMatchObject({ ballots: 2, tally: { [a]: 1, [b]: 2, [c]: 0 }, method: 'approval' });
  });

  it('counts ranked ballots by instant runoff with the rounds shown, and refuses duplicate ranks', async () => {
    const poll = await createPoll(server.baseUrl, chair, meetingId, {
      question: 'Where should the next retreat be?',
      kind: 'ranked',
      options: [{ label: 'Geneva' }, { label: 'Lillestrøm' }, { label: 'Online' }],
      audience: 'members',
    });
    await openPoll(server.baseUrl, chair, poll.id);
    const [g, l, o] = poll.options.map((option) => option.id) as [string, string, string];
    expect((await vote(server.baseUrl, kwame, poll.id, [g, g])).status).toBe(400);
    // Round 1: Geneva 2, Lillestrøm 1, Online 2 (5 ballots). Lillestrøm excluded; its ballot goes to Online: 3 of 5.
    const voters = [kwame, mei, laura, chair, secretariat];
    const ballots = [[g], [g, l], [l, o], [o], [o, g]];
    for (const [index, voter] of voters.entries())
      expect((await vote(server.baseUrl, voter, poll.id, ballots[index]!)).status).toBe(200);
    await closePoll(server.baseUrl, chair, poll.id);
    const body = await results(poll.id);
    expect(body).toMatchObject({ method: 'instant-runoff', ballots: 5, tally: { [g]: 2, [l]: 1, [o]: 2 }, winners: [o] });
    expect(body.rounds.map((round: { counts: unknown }) => round.counts)).toEqual([
      { [g]: 2, [l]: 1, [o]: 2 },
      { [g]: 2, [o]: 3 },
    ]);
  });
});

describe('creating polls', () => {
  it('refuses bad definitions with 400', async () => {
    const base = { question: 'Q?', kind: 'single', options: [{ label: 'A' }, { label: 'B' }], audience: 'members' };
    const cases: Record<string, unknown>[] = [
      { ...base, options: [{ label: 'A' }] },
      { ...base, options: [{ label: 'A' }, { label: 'a' }] },
      { ...base, kind: 'poll' },
      { ...base, audience: 'group' },
      { ...base, workingGroupId: 'nope' },
      { ...base, kind: 'single', maxChoices: 1 },
      { ...base, kind: 'ranked', seats: 2 },
    ];
    for (const body of cases) {
      const response = await http(server.baseUrl, 'POST', `/api/meetings/${meetingId}/polls`, { cookie: chair.cookie, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('names the repeated option with its own code, ignoring case and spaces, and creates nothing', async () => {
    const before = (await server.app.store.audit.list({ action: 'poll.created' })).length;
    const body = {
      question: 'Which theme first?',
      kind: 'single',
      options: [{ label: 'Digital trust' }, { label: 'Access' }, { label: '  digital   TRUST ' }],
      audience: 'members',
    };
    const response = await http(server.baseUrl, 'POST', `/api/meetings/${meetingId}/polls`, { cookie: chair.cookie, body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: 'DUPLICATE_OPTION', details: { field: 'options.2', label: 'digital TRUST' } },
    });
    // The other refusals of a definition name their field too, so that the form marks it.
    const seats = await http(server.baseUrl, 'POST', `/api/meetings/${meetingId}/polls`, {
      cookie: chair.cookie,
      body: { ...body, kind: 'ranked', options: [{ label: 'A' }, { label: 'B' }], seats: 2 },
    });
    expect(seats.body).toMatchObject({ error: { code: 'BAD_REQUEST', details: { field: 'seats' } } });
    expect((await server.app.store.audit.list({ action: 'poll.created' })).length).toBe(before);
  });

  it('lets a draft be deleted, and only a draft', async () => {
    const poll = await createPoll(server.baseUrl, chair, meetingId, {
      question: 'Typo?',
      kind: 'single',
      options: [{ label: 'A' }, { label: 'B' }],
      audience: 'members',
    });
    await waitFor(() => livePoll(watcher, poll.id), { message: 'draft appears' });
    expect((await http(server.baseUrl, 'DELETE', `/api/polls/${poll.id}`, { cookie: chair.cookie })).status).toBe(204);
    await waitFor(() => livePoll(watcher, poll.id) === undefined, { message: 'draft removed' });
    expect((await http(server.baseUrl, 'GET', `/api/polls/${poll.id}`, { cookie: chair.cookie })).status).toBe(404);
  });

  it('has the demo polls, and a short link that leads to the poll', async () => {
    const list = await http<PollDto[]>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/polls`, { cookie: kwame.cookie });
    const decided = list.body.find((poll) => poll.question.startsWith('Continue with last year'));
    expect(decided).toMatchObject({ status: 'closed', ballots: 10 });
    expect(decided!.winners).toEqual([decided!.options[0]!.id]);
    const redirect = await fetch(`${server.baseUrl}/p/${decided!.id}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/meetings/${meetingId}?tab=polls&poll=${decided!.id}`);
  });
});
