/**
 * 200 people upvote the same question at once, each twice, on SQLite and on PostgreSQL: exactly
 * 200 votes, in the store, in the answer to everyone and in the live document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { LIVE_QUESTIONS_MAP, type Question } from '../../shared/schemas/floor.ts';
import { http, login, type Peer, type Session, waitFor } from '../helpers/clients.ts';
import { createVoters, watchLive } from '../helpers/pollClients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const PEOPLE = 200;
const meetingId = DEMO_MEETING.id;

for (const backend of BACKENDS) {
  describe(`200 upvotes at once, twice each (${backend})`, () => {
    const { server } = serverSuite({ backend, database: 'floorconcurrency' });
    let asker: Session;
    let people: Session[];
    let watcher: Peer;

    beforeAll(async () => {
      asker = await login(server.baseUrl, 'tomas@example.org');
      people = await createVoters(server.baseUrl, server.app.store, PEOPLE, { role: 'observer', prefix: 'Audience' });
      watcher = await watchLive(server.baseUrl, server.wsUrl, asker, meetingId);
    }, 180_000);

    afterAll(() => watcher?.destroy());

    it('counts exactly one vote per person', { timeout: 120_000 }, async () => {
      const asked = await http<Question>(server.baseUrl, 'POST', `/api/meetings/${meetingId}/questions`, {
        cookie: asker.cookie,
        body: { text: 'How will remote participants be given the floor?' },
      });
      expect(asked.status).toBe(201);
      const path = `/api/questions/${asked.body.id}/vote`;
      const results = await Promise.all(
        people.flatMap((person) =>
          [0, 1].map(() => http<{ votes: number; voted: boolean }>(server.baseUrl, 'PUT', path, { cookie: person.cookie })),
        ),
      );
      expect(results.map((result) => result.status)).toEqual(results.map(() => 200));
      const row = await server.app.store.db.get<{ count: number }>(
        'SELECT COUNT(*) AS count FROM question_votes WHERE question_id = ?',
        [asked.body.id],
      );
      expect(Number(row?.count)).toBe(PEOPLE);
      const listed = (
        await http<Question[]>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/questions`, { cookie: asker.cookie })
      ).body;
      expect(listed.find((question) => question.id === asked.body.id)?.votes).toBe(PEOPLE);
      await waitFor(() => watcher.doc.getMap<Question>(LIVE_QUESTIONS_MAP).get(asked.body.id)?.votes === PEOPLE, {
        message: 'the live document shows 200 votes',
      });
    });
  });
}
