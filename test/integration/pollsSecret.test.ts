/**
 * Secret ballots keep who voted apart from how: the secretariat can see who has voted; no route,
 * no projection, no audit entry and (once the poll is closed) no stored row links a voter to a
 * choice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { PollDto } from '../../shared/schemas/polls.ts';
import { LIVE_POLL_COUNTS_MAP, LIVE_POLLS_MAP } from '../../shared/schemas/polls.ts';
import { http, login, type Peer, type Session, waitFor } from '../helpers/clients.ts';
import { closePoll, createPoll, livePoll, openPoll, vote, watchLive } from '../helpers/pollClients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const meetingId = DEMO_MEETING.id;
/** Demo members and their stakeholder groups: government 3, civil society 2, technical 2, private sector 2, intergovernmental 1. */
const VOTERS = ['chair', 'cochair', 'rahul', 'kwame', 'sofia', 'mei', 'olena', 'laura', 'ana', 'youssef'];

const { server, keep } = serverSuite();
let secretariat: Session;
let voters: Session[];
let watcher: Peer;
let poll: PollDto;
/** The choice of each voter, by user id: what nobody may be able to find out. */
const chosen = new Map<string, string>();

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
  voters = await Promise.all(VOTERS.map((name) => login(server.baseUrl, `${name}@example.org`)));
  watcher = keep(await watchLive(server.baseUrl, server.wsUrl, secretariat, meetingId));
  poll = await createPoll(server.baseUrl, secretariat, meetingId, {
    question: 'Should the MAG appoint an official DC-MAG liaison?',
    kind: 'single',
    options: [{ label: 'Yes' }, { label: 'No' }, { label: 'Abstain' }],
    audience: 'members',
    secret: true,
  });
  await openPoll(server.baseUrl, secretariat, poll.id);
  for (const [index, voter] of voters.entries()) {
    const choice = poll.options[index % 3]!.id;
    // A first ballot, then (for some) a replacement: replacing works without keeping the link.
    if (index % 4 === 0) expect((await vote(server.baseUrl, voter, poll.id, [poll.options[2]!.id])).status).toBe(200);
    const response = await vote(server.baseUrl, voter, poll.id, [choice]);
    expect(response.status).toBe(200);
    // The answer does not read the ballot back.
    expect(response.body).toEqual({ voted: true, replaced: index % 4 === 0 });
    chosen.set(voter.user.id, choice);
  }
});

/** Everything a response could use to name a voter. */
const voterMarks = () => voters.flatMap((voter) => [voter.user.id, voter.user.name, voter.user.email]);
const optionIds = () => poll.options.map((option) => option.id);

/** Whether a text names a voter and an option of the poll at once. */
function linksVoterToChoice(text: string): boolean {
  // A list (the audit log, a meeting's polls) links a voter to a choice only within one of its
  // records: a list of ballots cast (who) and a closing tally (how many) are not a link.
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (Array.isArray(body)) return body.some((record) => linksVoterToChoice(JSON.stringify(record)));
  // A CSV (the audit log's) likewise, row by row.
  if (body === undefined && text.includes('\n')) return text.split('\n').some((row) => linksVoterToChoice(row));
  return voterMarks().some((mark) => text.includes(mark)) && optionIds().some((id) => text.includes(id));
}

/** Every GET route of the API whose parameters can be filled with this poll and meeting. */
function readableRoutes(): string[] {
  return server.app.routes
    .filter((route) => route.method === 'GET' && route.url.startsWith('/api/'))
    .map((route) => route.url)
    .filter((url) => (url.match(/:(\w+)/g) ?? []).every((param) => param === ':id' || param === ':meetingId'))
    .map((url) => url.replace(':meetingId', meetingId).replace(':id', poll.id));
}

async function assertNoRouteLinks(): Promise<void> {
  const routes = readableRoutes();
  expect(routes).toContain(`/api/polls/${poll.id}/results`);
  expect(routes).toContain(`/api/polls/${poll.id}/voters`);
  // As the secretariat (who may see the most), and as each voter.
  for (const session of [secretariat, ...voters]) {
    for (const path of routes) {
      const response = await fetch(server.baseUrl + path, { headers: { cookie: session.cookie } });
      const text = await response.text();
      expect(linksVoterToChoice(text), `${session.user.name}: GET ${path}`).toBe(false);
    }
  }
}

describe('a secret poll', () => {
  it('shows the secretariat who has voted, never how', async () => {
    const response = await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/voters`, { cookie: secretariat.cookie });
    expect(response.status).toBe(200);
    expect(response.body.map((voter: { id: string }) => voter.id).sort()).toEqual(voters.map((voter) => voter.user.id).sort());
    for (const voter of response.body) expect(Object.keys(voter).sort()).toEqual(['group', 'id', 'name']);
    // Members cannot list voters.
    expect((await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/voters`, { cookie: voters[3]!.cookie })).status).toBe(403);
  });

  it('does not read a ballot back, not even to its voter, and has no roll call', async () => {
    const mine = await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/ballot`, { cookie: voters[0]!.cookie });
    expect(mine.body).toEqual({ voted: true });
    const roll = await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/ballots`, { cookie: secretariat.cookie });
    expect(roll.status).toBe(403);
  });

  it('counts correctly, with no per-group row of fewer than three ballots', async () => {
    const results = (await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/results`, { cookie: secretariat.cookie })).body;
    const expected = Object.fromEntries(
      optionIds().map((id) => [id, [...chosen.values()].filter((choice) => choice === id).length]),
    );
    expect(results).toMatchObject({ ballots: VOTERS.length, tally: expected });
    // Government has 3 ballots; the other groups (2, 2, 2, 1) are merged into one row.
    expect(Object.keys(results.byGroup).sort()).toEqual(['government', 'other']);
    expect(results.byGroup.other.ballots).toBe(7);
  });

  it('has no route that links a voter to a choice while open', async () => {
    await assertNoRouteLinks();
  });

  it('projects counts only into the live document', async () => {
    await server.app.live.settled();
    await waitFor(() => livePoll(watcher, poll.id)?.ballots === VOTERS.length, { message: 'live ballots' });
    const everything = JSON.stringify([LIVE_POLLS_MAP, LIVE_POLL_COUNTS_MAP].map((map) => watcher.doc.getMap(map).toJSON()));
    for (const mark of voterMarks()) expect(everything).not.toContain(mark);
  });

  it('writes no choice into the audit log', async () => {
    const entries = await server.app.store.audit.list({ subject: `poll:${poll.id}` });
    const ballots = entries.filter((entry) => entry.action.startsWith('poll.ballot.'));
    expect(ballots.length).toBeGreaterThanOrEqual(VOTERS.length);
    for (const entry of ballots) for (const id of optionIds()) expect(JSON.stringify(entry.detail)).not.toContain(id);
  });

  it('keeps no link in the store: no voter id or time on a ballot, and at close the key and the order go', async () => {
    const db = server.app.store.db;
    const open = await db.all<{ voter_key: string; voter_id: string | null; cast_at: number | null }>(
      'SELECT voter_key, voter_id, cast_at FROM poll_ballots WHERE poll_id = ?',
      [poll.id],
    );
    expect(open).toHaveLength(VOTERS.length);
    for (const row of open) {
      expect(row.voter_id).toBeNull();
      expect(row.cast_at).toBeNull();
      expect(voterMarks()).not.toContain(row.voter_key);
    }
    expect(
      (await db.get<{ ballot_key: string | null }>('SELECT ballot_key FROM polls WHERE id = ?', [poll.id]))?.ballot_key,
    ).toBeTruthy();

    await closePoll(server.baseUrl, secretariat, poll.id);
    expect(
      (await db.get<{ ballot_key: string | null }>('SELECT ballot_key FROM polls WHERE id = ?', [poll.id]))?.ballot_key,
    ).toBeNull();
    const closed = await db.all<{ voter_key: string; voter_id: string | null }>(
      'SELECT voter_key, voter_id FROM poll_ballots WHERE poll_id = ?',
      [poll.id],
    );
    expect(closed).toHaveLength(VOTERS.length);
    const before = new Set(open.map((row) => row.voter_key));
    expect(closed.some((row) => before.has(row.voter_key))).toBe(false);
    expect(closed.every((row) => row.voter_id === null)).toBe(true);
    // The count is unchanged by the rewrite.
    const results = (await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/results`, { cookie: secretariat.cookie })).body;
    expect(results).toMatchObject({ status: 'closed', ballots: VOTERS.length });
  });

  it('has no route that links a voter to a choice once closed', async () => {
    await assertNoRouteLinks();
  });
});
