/**
 * A secret poll with live results shows its count in batches of at least five new voters, and
 * also once everyone who may vote has voted (else a small electorate would read "nobody has voted"
 * until the close), on SQLite and on PostgreSQL. Observers, who may not vote in a members' poll,
 * and deactivated people, who cannot vote any more, are not waited for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notifier } from '../../server/src/notifications/notify.ts';
import type { PollService } from '../../server/src/polls/pollService.ts';
import { createPollServices } from '../../server/src/polls/pollServices.ts';
import type { Store } from '../../server/src/storage/store.ts';
import type { User } from '../../server/src/users/userStore.ts';
import { createUser, waitFor } from '../helpers/clients.ts';
import { backends } from '../helpers/storeBackends.ts';

const MEETING = 'electorate';

describe.each(backends('electorate'))('a secret poll’s electorate on $name', (backend) => {
  let store: Store;
  let polls: PollService;
  let chair: User;
  let members: User[];
  /** How many times the live projection was asked for: after a ballot's publication, if due. */
  let projected = 0;

  beforeAll(async () => {
    store = await backend.open();
    const notify = new Notifier({ dialect: store.db.dialect, coalesceMs: 60_000, origin: 'http://127.0.0.1' });
    polls = createPollServices(store, notify, () => ({
      poll: () => {
        projected++;
      },
      group: () => {},
    })).polls;
    await store.meetings.create({
      id: MEETING,
      title: 'Electorate',
      startsOn: '2026-12-07',
      startTime: '10:00',
      timezone: 'UTC',
      form: 'plenary',
      description: '',
    });
    chair = await createUser(store, { name: 'Electorate Chair', role: 'chair' });
    await createUser(store, { name: 'Electorate Observer', role: 'observer' });
    members = [];
    for (let i = 0; i < 7; i++) members.push(await createUser(store, { name: `Electorate Member ${i}`, role: 'member' }));
    // Deactivated: cannot sign in to vote, so not waited for.
    const gone = await createUser(store, { name: 'Electorate Gone', role: 'member' });
    await store.db.run('UPDATE users SET disabled = 1 WHERE id = ?', [gone.id]);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await backend.dispose();
  });

  it('shows the count at five new voters, and again once the last of the electorate has voted', async () => {
    const created = await polls.create(chair, MEETING, {
      question: 'Meet in the spring?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
      secret: true,
      results: 'live',
    });
    const poll = await polls.open(chair, created.id);
    // The chair and seven members may vote: eight.
    const electorate = [chair, ...members];
    const shown: number[] = [];
    for (const [i, voter] of electorate.entries()) {
      const before = projected;
      await polls.castBallot(voter, poll.id, [poll.options[i % 2]!.id]);
      // A ballot is answered once committed; its publication follows, then the projection.
      await waitFor(() => projected > before, { message: 'the ballot published and projected' });
      shown.push((await polls.results(chair, poll.id)).ballots);
    }
    expect(shown).toEqual([0, 0, 0, 0, 5, 5, 5, 8]);
    expect((await polls.voters(chair, poll.id)).length).toBe(8);
  });
});
