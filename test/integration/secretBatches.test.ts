/**
 * A secret poll with results shown live: a chair watching who has voted and the live tally
 * cannot link a ballot to its voter, because both move only in batches of at least five new
 * voters while the poll is open. At close the full count shows.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { PollStore } from '../../server/src/polls/pollStore.ts';
import { SECRET_BATCH } from '../../server/src/polls/secretBatches.ts';
import type { PollDto, PollResults, Voter } from '../../shared/schemas/polls.ts';
import { login, waitFor } from '../helpers/clients.ts';
import { signedInPeople } from '../helpers/commentHelpers.ts';
import { closePoll, createPoll, livePoll, openPoll, vote, watchLive } from '../helpers/pollClients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, keep, call } = serverSuite();

describe('a secret poll with live results', () => {
  it('shows the tally, the number of ballots and who voted only in batches of at least five', async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const voters = await signedInPeople(server, 12, 'member', 'Secret voter');
    const watcher = keep(await watchLive(server.baseUrl, server.wsUrl, chair, DEMO_MEETING.id));
    const poll = await createPoll(server.baseUrl, chair, DEMO_MEETING.id, {
      question: 'Adopt the programme outline?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
      secret: true,
      results: 'live',
    });
    await openPoll(server.baseUrl, chair, poll.id);

    const seen: { ballots: number; tally: Record<string, number>; voters: string[] }[] = [];
    const look = async () => {
      const results = (await call<PollResults>(chair, 'GET', `/api/polls/${poll.id}/results`)).body;
      const who = (await call<Voter[]>(chair, 'GET', `/api/polls/${poll.id}/voters`)).body.map((voter) => voter.id).sort();
      const dto = (await call<PollDto>(chair, 'GET', `/api/polls/${poll.id}`)).body;
      expect(dto.ballots).toBe(results.ballots);
      expect(dto.tally).toEqual(results.tally);
      // The live document follows (its writes are coalesced, a few a second).
      await waitFor(
        () =>
          livePoll(watcher, poll.id)?.ballots === results.ballots &&
          JSON.stringify(livePoll(watcher, poll.id)?.tally) === JSON.stringify(results.tally),
        { message: 'live entry as published' },
      );
      return { ballots: results.ballots, tally: results.tally ?? {}, voters: who };
    };

    seen.push(await look());
    expect(seen[0]).toMatchObject({ ballots: 0, voters: [] });
    for (const [index, voter] of voters.entries()) {
      const choice = poll.options[index % 2]!.id;
      expect((await vote(server.baseUrl, voter, poll.id, [choice])).status).toBe(200);
      seen.push(await look());
    }
    // Every change of what the chair sees adds at least five voters; the ballots, the tally and
    // the list of voters move together.
    const changes = seen.filter((state, i) => i > 0 && JSON.stringify(state) !== JSON.stringify(seen[i - 1]));
    expect(changes.map((state) => state.ballots)).toEqual([5, 10]);
    let before = seen[0]!;
    for (const state of changes) {
      const added = state.voters.filter((id) => !before.voters.includes(id));
      expect(added.length).toBeGreaterThanOrEqual(SECRET_BATCH);
      expect(state.ballots).toBe(state.voters.length);
      expect(Object.values(state.tally).reduce((sum, count) => sum + count, 0)).toBe(state.ballots);
      before = state;
    }
    // The last two voters are counted but not yet shown; closing shows everything.
    expect(seen.at(-1)!.ballots).toBe(10);
    await closePoll(server.baseUrl, chair, poll.id);
    const final = (await call<PollResults>(chair, 'GET', `/api/polls/${poll.id}/results`)).body;
    expect(final.ballots).toBe(12);
    expect(final.tally).toEqual({ [poll.options[0]!.id]: 6, [poll.options[1]!.id]: 6 });
    expect((await call<Voter[]>(chair, 'GET', `/api/polls/${poll.id}/voters`)).body).toHaveLength(12);
    // Nothing of the snapshot outlives the poll's opening.
    expect(await server.app.store.db.get('SELECT 1 AS yes FROM poll_published WHERE poll_id = ?', [poll.id])).toBeUndefined();
  });

  it('shows the published snapshot on every read outside the close, while the store keeps the real count', async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const voters = await signedInPeople(server, SECRET_BATCH + 2, 'member', 'Snapshot voter');
    const poll = await createPoll(server.baseUrl, chair, DEMO_MEETING.id, {
      question: 'Hold the next session online?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
      secret: true,
      results: 'live',
    });
    await openPoll(server.baseUrl, chair, poll.id);
    for (const voter of voters) expect((await vote(server.baseUrl, voter, poll.id, [poll.options[0]!.id])).status).toBe(200);

    // The store is not dressed up: a plain read, outside any transaction, counts every ballot.
    const store = new PollStore(server.app.store.db);
    expect(await store.countedBallots(poll.id)).toHaveLength(SECRET_BATCH + 2);
    expect(await store.voters(poll.id)).toHaveLength(SECRET_BATCH + 2);
    // What anyone is shown (the API, and a live document opened after the ballots) is the published batch.
    expect((await call<PollResults>(chair, 'GET', `/api/polls/${poll.id}/results`)).body.ballots).toBe(SECRET_BATCH);
    expect((await call<PollDto>(chair, 'GET', `/api/polls/${poll.id}`)).body.tally).toEqual({
      [poll.options[0]!.id]: SECRET_BATCH,
      [poll.options[1]!.id]: 0,
    });
    expect((await call<Voter[]>(chair, 'GET', `/api/polls/${poll.id}/voters`)).body).toHaveLength(SECRET_BATCH);
    const watcher = keep(await watchLive(server.baseUrl, server.wsUrl, chair, DEMO_MEETING.id));
    await waitFor(() => livePoll(watcher, poll.id)?.ballots === SECRET_BATCH, { message: 'live entry shows the batch' });
    await closePoll(server.baseUrl, chair, poll.id);
    expect((await call<PollResults>(chair, 'GET', `/api/polls/${poll.id}/results`)).body.ballots).toBe(SECRET_BATCH + 2);
  });

  it('leaves named polls counting every ballot at once', async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const [voter] = await signedInPeople(server, 1, 'member', 'Named voter');
    const poll = await createPoll(server.baseUrl, chair, DEMO_MEETING.id, {
      question: 'Meet again in March?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
      results: 'live',
    });
    await openPoll(server.baseUrl, chair, poll.id);
    await vote(server.baseUrl, voter!, poll.id, [poll.options[0]!.id]);
    expect((await call<PollResults>(chair, 'GET', `/api/polls/${poll.id}/results`)).body.ballots).toBe(1);
  });
});
