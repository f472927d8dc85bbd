/**
 * 200 voters at once, on SQLite and on PostgreSQL: many vote twice, some race the close, some
 * come after it. Exactly one ballot each, the tally equals the ballots, every late ballot is
 * refused with 409 and logged, and the tally a provider sees in live:{meetingId} equals the
 * results route.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { PollDto } from '../../shared/schemas/polls.ts';
import { http, login, type Peer, type Session, sleep, waitFor } from '../helpers/clients.ts';
import { createPoll, createVoters, livePoll, openPoll, vote, watchLive } from '../helpers/pollClients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const VOTERS = 200;
const meetingId = DEMO_MEETING.id;

for (const backend of BACKENDS) {
  describe(`200 voters at once (${backend})`, () => {
    const { server, database } = serverSuite({ backend, database: 'pollsconcurrency' });
    let chair: Session;
    let voters: Session[];
    let watcher: Peer;

    beforeAll(async () => {
      chair = await login(server.baseUrl, 'chair@example.org');
      voters = await createVoters(server.baseUrl, server.app.store, VOTERS);
      watcher = await watchLive(server.baseUrl, server.wsUrl, chair, meetingId);
    }, 180_000);

    afterAll(() => watcher?.destroy());

    it('keeps exactly one ballot per voter, refuses and logs every late one, and shows the same tally live', {
      timeout: 180_000,
    }, async () => {
      const poll: PollDto = await createPoll(server.baseUrl, chair, meetingId, {
        question: 'Which day for the PN on GDC implementation?',
        kind: 'single',
        options: [{ label: 'Day 1' }, { label: 'Day 2' }, { label: 'Day 3' }],
        audience: 'members',
      });
      await openPoll(server.baseUrl, chair, poll.id);
      const ids = poll.options.map((option) => option.id);
      const choiceOf = (voter: number, round: number) => ids[(voter * 7 + round * 3) % ids.length]!;

      /** The last accepted ballot of each voter, by user id. */
      const final = new Map<string, string>();
      const accepted: string[] = [];
      const refused: { userId: string; status: number }[] = [];
      const cast = async (voter: number, round: number) => {
        const session = voters[voter]!;
        const choice = choiceOf(voter, round);
        const response = await vote(server.baseUrl, session, poll.id, [choice]);
        if (response.status === 200) {
          final.set(session.user.id, choice);
          accepted.push(session.user.id);
        } else {
          refused.push({ userId: session.user.id, status: response.status });
        }
        return response.status;
      };

      // Everyone at once; every other voter changes their mind straight after (their own two are in order).
      const first = await Promise.all(
        voters.map(async (_session, voter) => {
          const statuses = [await cast(voter, 0)];
          if (voter % 2 === 0) statuses.push(await cast(voter, 1));
          return statuses;
        }),
      );
      expect(first.flat().every((status) => status === 200)).toBe(true);

      // Some voters change their ballot while the chair closes the poll: each is either in (200) or refused (409).
      const racing = voters.slice(0, 40).map((_session, voter) => cast(voter, 2));
      const closing = http(server.baseUrl, 'POST', `/api/polls/${poll.id}/close`, { cookie: chair.cookie });
      const raced = await Promise.all(racing);
      expect((await closing).status).toBe(200);
      expect(raced.every((status) => status === 200 || status === 409)).toBe(true);

      // After the close, every ballot is late.
      const lateVoters = voters.map((_session, voter) => voter).filter((voter) => voter % 7 === 3);
      const late = await Promise.all(lateVoters.map((voter) => cast(voter, 3)));
      expect(late.every((status) => status === 409)).toBe(true);

      // Exactly one ballot each, in the store.
      const rows = await server.app.store.db.all<{ voter_id: string; choices: string }>(
        'SELECT voter_id, choices FROM poll_ballots WHERE poll_id = ?',
        [poll.id],
      );
      expect(rows).toHaveLength(VOTERS);
      expect(new Set(rows.map((row) => row.voter_id)).size).toBe(VOTERS);
      for (const row of rows) expect(JSON.parse(row.choices)).toEqual([final.get(row.voter_id)]);

      // The tally equals the ballots.
      const expected = Object.fromEntries(ids.map((id) => [id, 0]));
      for (const choice of final.values()) expected[choice]! += 1;
      const results = (await http(server.baseUrl, 'GET', `/api/polls/${poll.id}/results`, { cookie: chair.cookie })).body;
      expect(results).toMatchObject({ status: 'closed', ballots: VOTERS, tally: expected });

      // Every accepted ballot and every refusal is in the audit log, with who sent it.
      const audit = await server.app.store.audit.list({ subject: `poll:${poll.id}` }, 10_000);
      const castEntries = audit.filter((entry) => entry.action === 'poll.ballot.cast' || entry.action === 'poll.ballot.replaced');
      expect(castEntries.map((entry) => entry.actorId).sort()).toEqual([...accepted].sort());
      expect(audit.filter((entry) => entry.action === 'poll.ballot.cast')).toHaveLength(VOTERS);
      const refusals = audit.filter((entry) => entry.action === 'poll.ballot.refused');
      expect(refused.length).toBeGreaterThanOrEqual(lateVoters.length);
      expect(refusals.map((entry) => entry.actorId).sort()).toEqual(refused.map((entry) => entry.userId).sort());
      expect(refusals.every((entry) => entry.detail.status === 409)).toBe(true);
      // No ballot slipped in after the close: the count taken when it closed is the count now.
      const closedEntry = audit.find((entry) => entry.action === 'poll.closed');
      expect(closedEntry?.detail).toMatchObject({ ballots: VOTERS, tally: expected });

      // The live document converges on the same numbers.
      await server.app.live.settled();
      await waitFor(() => livePoll(watcher, poll.id)?.status === 'closed', { message: 'closed live' });
      const live = livePoll(watcher, poll.id)!;
      expect({ status: live.status, ballots: live.ballots, tally: live.tally }).toEqual({
        status: results.status,
        ballots: results.ballots,
        tally: results.tally,
      });
    });

    if (backend === 'postgres') {
      it('makes a ballot wait for a close being committed, then refuses it', async () => {
        const poll = await createPoll(server.baseUrl, chair, meetingId, {
          question: 'Race?',
          kind: 'single',
          options: [{ label: 'A' }, { label: 'B' }],
          audience: 'members',
        });
        await openPoll(server.baseUrl, chair, poll.id);
        // A closing transaction, held open: it has changed the poll's row but not committed.
        const closer = new pg.Client({ connectionString: database.url });
        await closer.connect();
        try {
          await closer.query('BEGIN');
          await closer.query(`UPDATE polls SET status = 'closed' WHERE id = $1`, [poll.id]);
          let settled = false;
          const ballot = vote(server.baseUrl, voters[0]!, poll.id, [poll.options[0]!.id]).finally(() => (settled = true));
          await sleep(300);
          // The ballot waits for the poll's row instead of reading it as still open.
          expect(settled).toBe(false);
          await closer.query('COMMIT');
          expect((await ballot).status).toBe(409);
        } finally {
          await closer.end();
        }
      });
    }
  });
}
