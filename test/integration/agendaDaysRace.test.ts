/**
 * Shortening a meeting while someone moves an agenda item onto a day it takes away (PostgreSQL,
 * where another session's lock can stop the dates' write at a known point): the change of dates
 * checks the agenda, then writes; an item moved onto the last day in between was kept there, on a
 * day the meeting no longer had. Now the agenda refuses that day from before the check until the
 * write has committed (docs/meetings.md).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { CLOSE_EVENTS } from '../../shared/closeEvents.ts';
import { agendaDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { http, login, type Session, synced, waitFor } from '../helpers/clients.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

describe('a change of dates and an agenda edit at the same time (PostgreSQL)', () => {
  const { server, database, peer: peerOf } = serverSuite({ backend: 'postgres', database: 'agendadaysrace' });
  let chair: Session;
  let secretariat: Session;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    chair = await login(server.baseUrl, 'chair@example.org');
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
  });

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => {});
  });

  const patchEnd = (meetingId: string, endsOn: string) =>
    http<{ error?: { code: string } }>(server.baseUrl, 'PATCH', `/api/meetings/${meetingId}`, {
      cookie: secretariat.cookie,
      body: { endsOn },
    });
  const storedDays = async (meetingId: string) => {
    const items = await http<{ day: number }[]>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/agenda-items`, {
      cookie: chair.cookie,
    });
    expect(items.status).toBe(200);
    return items.body.map((item) => item.day);
  };

  it('keeps no item on a day the new dates take away, whichever of the two lands first', async () => {
    // Two days copied from the demo (every item on day 1 or 2), then a third.
    const meetingId = await createMeeting(server.baseUrl, {
      title: 'Three days, then two',
      startsOn: '2027-04-06',
      endsOn: '2027-04-07',
      copyFrom: DEMO_MEETING.id,
    });
    expect((await patchEnd(meetingId, '2027-04-08')).status).toBe(200);
    expect(Math.max(...(await storedDays(meetingId)))).toBeLessThanOrEqual(2);

    const agenda = agendaDoc(meetingId);
    const peer = peerOf(chair, agenda);
    const closes: string[] = [];
    peer.provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason));
    await synced(peer);

    // Another session holds the meetings table: the change of dates reads the agenda, then waits to write.
    const blocker = new pg.Client({ connectionString: database.url });
    clients.push(blocker);
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE meetings IN EXCLUSIVE MODE');
    // Watched from a session of its own: a transaction reads pg_stat_activity once and keeps that snapshot.
    const watcher = new pg.Client({ connectionString: database.url });
    clients.push(watcher);
    await watcher.connect();
    const shortened = patchEnd(meetingId, '2027-04-07');
    await waitFor(
      async () =>
        (
          await watcher.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%UPDATE meetings%'`,
          )
        ).rowCount === 1,
      { message: 'the dates’ write waits for the lock' },
    );

    // Meanwhile an item is moved onto day 3, which the meeting still has in the store.
    const item = peer.doc
      .getXmlFragment(RICH_TEXT_FIELD)
      .toArray()
      .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'agendaItem');
    if (!item) throw new Error('the copied agenda has no item');
    item.setAttribute('day', 3 as unknown as string);
    const refused = () => [...closes, ...peer.denied].includes(CLOSE_EVENTS.agendaItemDay.reason);
    await waitFor(() => refused() || (peer.provider.isSynced && !peer.provider.hasUnsyncedChanges), {
      message: 'the move answered',
    });

    await blocker.query('COMMIT');
    const answer = await shortened;
    const meeting = await http<{ endsOn: string }>(server.baseUrl, 'GET', `/api/meetings/${meetingId}`, {
      cookie: chair.cookie,
    });
    const dayCount = meeting.body.endsOn === '2027-04-07' ? 2 : 3;
    // What people rely on: every item sits on a day the meeting has.
    expect(Math.max(...(await storedDays(meetingId)))).toBeLessThanOrEqual(dayCount);
    // Here the dates' check came first: they are kept, and the move is refused.
    expect(answer.status).toBe(200);
    expect(dayCount).toBe(2);
    expect(refused()).toBe(true);
  });
});
