/**
 * Group commit of ballots, on SQLite and on PostgreSQL: ballots that arrive together are written
 * in one transaction, each with its audit entry, and each is answered after that commit; a bad
 * ballot among them is refused alone; a voter's second ballot in the same batch replaces the
 * first; a transaction that fails fails every ballot of it and writes none. The live projection
 * is asked once per batch.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../server/src/http/appError.ts';
import { Notifier } from '../../server/src/notifications/notify.ts';
import type { PollService } from '../../server/src/polls/pollService.ts';
import { createPollServices } from '../../server/src/polls/pollServices.ts';
import { type SqlExecutor, StoreUnavailable } from '../../server/src/storage/db.ts';
import type { Store } from '../../server/src/storage/store.ts';
import type { User } from '../../server/src/users/userStore.ts';
import type { PollDto } from '../../shared/schemas/polls.ts';
import { createUser } from '../helpers/clients.ts';
import { backends } from '../helpers/storeBackends.ts';

const MEETING = 'ballot-batches';

describe.each(backends('ballotbatches'))('ballots cast together on $name', (backend) => {
  let store: Store;
  let polls: PollService;
  let chair: User;
  let voters: User[];
  let observer: User;
  /** The polls the live projection was asked to recompute, one entry per request. */
  const projected: string[] = [];

  beforeAll(async () => {
    store = await backend.open();
    const notify = new Notifier({ dialect: store.db.dialect, coalesceMs: 60_000, origin: 'http://127.0.0.1' });
    polls = createPollServices(store, notify, () => ({
      poll: (_meetingId, pollId) => projected.push(pollId),
      group: () => {},
    })).polls;
    await store.meetings.create({
      id: MEETING,
      title: 'Group commit',
      startsOn: '2026-12-04',
      startTime: '10:00',
      timezone: 'UTC',
      form: 'plenary',
      description: '',
    });
    chair = await createUser(store, { name: 'Batch Chair', role: 'chair' });
    observer = await createUser(store, { name: 'Batch Observer', role: 'observer' });
    voters = [];
    for (let i = 0; i < 30; i++) voters.push(await createUser(store, { name: `Batch Voter ${i}`, role: 'member' }));
  }, 60_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await store?.close();
    await backend.dispose();
  });

  async function openPoll(question: string): Promise<PollDto> {
    const poll = await polls.create(chair, MEETING, {
      question,
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }, { label: 'Abstain' }],
      audience: 'members',
    });
    return polls.open(chair, poll.id);
  }

  const auditOf = async (pollId: string) => store.audit.list({ subject: `poll:${pollId}` }, 10_000);

  it('writes ballots arriving together in one transaction, one audit entry each, and projects the poll once', async () => {
    const poll = await openPoll('One transaction?');
    const ids = poll.options.map((option) => option.id);
    const choiceOf = (voter: number) => ids[voter % ids.length]!;
    const transactions = vi.spyOn(store.db, 'transaction');
    projected.length = 0;
    try {
      const answers = await Promise.all(voters.map((voter, i) => polls.castBallot(voter, poll.id, [choiceOf(i)])));
      expect(answers.every((answer) => answer.voted && answer.replaced === false)).toBe(true);
      // Thirty ballots of one turn: one transaction, where there was one per ballot.
      expect(transactions).toHaveBeenCalledTimes(1);
    } finally {
      transactions.mockRestore();
    }
    expect(projected.filter((id) => id === poll.id)).toHaveLength(1);

    const results = await polls.results(chair, poll.id);
    const expected = Object.fromEntries(ids.map((id) => [id, 0]));
    for (let i = 0; i < voters.length; i++) expected[choiceOf(i)]! += 1;
    expect(results).toMatchObject({ ballots: voters.length, tally: expected });
    const cast = (await auditOf(poll.id)).filter((entry) => entry.action === 'poll.ballot.cast');
    expect(cast.map((entry) => entry.actorId).sort()).toEqual(voters.map((voter) => voter.id).sort());
    for (const entry of cast) {
      const voter = voters.findIndex((candidate) => candidate.id === entry.actorId);
      expect(entry.detail).toEqual({ choices: [choiceOf(voter)] });
    }
  });

  it('refuses a bad ballot of the batch alone, and takes a voter’s second ballot of the batch as a replacement', async () => {
    const poll = await openPoll('One bad apple?');
    const [yes, no, abstain] = poll.options.map((option) => option.id) as [string, string, string];
    const transactions = vi.spyOn(store.db, 'transaction');
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await Promise.allSettled([
        polls.castBallot(voters[0]!, poll.id, [yes]),
        polls.castBallot(voters[1]!, poll.id, ['no-such-option']),
        polls.castBallot(voters[2]!, poll.id, [no]),
        polls.castBallot(observer, poll.id, [yes]),
        polls.castBallot(voters[0]!, poll.id, [abstain]),
        polls.castBallot(voters[3]!, poll.id, [yes, no]),
        polls.castBallot(voters[4]!, poll.id, [no]),
      ]);
      // One batch; each refusal is logged in a transaction of its own.
      expect(transactions).toHaveBeenCalledTimes(1 + 3);
    } finally {
      transactions.mockRestore();
    }
    const statusOf = (outcome: PromiseSettledResult<unknown>) =>
      outcome.status === 'rejected' ? (outcome.reason as AppError).statusCode : 200;
    expect(outcomes.map(statusOf)).toEqual([200, 400, 200, 403, 200, 400, 200]);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').every((o) => o.reason instanceof AppError)).toBe(true);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined))).toMatchObject([
      { voted: true, replaced: false, choices: [yes] },
      undefined,
      { voted: true, replaced: false, choices: [no] },
      undefined,
      { voted: true, replaced: true, choices: [abstain] },
      undefined,
      { voted: true, replaced: false, choices: [no] },
    ]);

    // Voter 0's second ballot replaced the first, as two requests one after the other would.
    expect(await polls.results(chair, poll.id)).toMatchObject({ ballots: 3, tally: { [yes]: 0, [no]: 2, [abstain]: 1 } });
    const audit = await auditOf(poll.id);
    const actions = (action: string) =>
      audit
        .filter((entry) => entry.action === action)
        .map((entry) => entry.actorId)
        .sort();
    expect(actions('poll.ballot.cast')).toEqual([voters[0]!.id, voters[2]!.id, voters[4]!.id].sort());
    expect(actions('poll.ballot.replaced')).toEqual([voters[0]!.id]);
    expect(actions('poll.ballot.refused')).toEqual([voters[1]!.id, observer.id, voters[3]!.id].sort());
  });

  it('fails every ballot of a batch whose transaction fails, and writes none of them', async () => {
    const poll = await openPoll('Disk full?');
    const [yes, no] = poll.options.map((option) => option.id) as [string, string];
    const transaction = store.db.transaction.bind(store.db);
    // The store stops accepting writes when the batch is about to commit (and accepts the refusal's entry after).
    const transactions = vi.spyOn(store.db, 'transaction').mockImplementationOnce(
      <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
        transaction(async (tx) => {
          await fn(tx);
          throw new StoreUnavailable(new Error('database or disk is full'));
        }),
    );
    projected.length = 0;
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await Promise.allSettled([
        polls.castBallot(voters[5]!, poll.id, [yes]),
        polls.castBallot(voters[6]!, poll.id, ['no-such-option']),
        polls.castBallot(voters[7]!, poll.id, [no]),
      ]);
    } finally {
      transactions.mockRestore();
    }
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.any(StoreUnavailable) });
    // The bad ballot keeps its own answer.
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ statusCode: 400 }) });
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: expect.any(StoreUnavailable) });
    expect(projected).toEqual([]);
    expect(await polls.results(chair, poll.id)).toMatchObject({ ballots: 0 });
    expect(await store.db.all('SELECT 1 AS yes FROM poll_voters WHERE poll_id = ?', [poll.id])).toEqual([]);
    const audit = await auditOf(poll.id);
    expect(audit.filter((entry) => entry.action.startsWith('poll.ballot.') && entry.action !== 'poll.ballot.refused')).toEqual(
      [],
    );
  });
});
