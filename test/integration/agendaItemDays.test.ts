/**
 * An agenda item's day is checked by the server, on SQLite and PostgreSQL: an update over the
 * WebSocket that gives an item a day the meeting does not have (day 9 of three, 0, 1.5, "2") ends
 * that writer's connection with the `agendaItemDay` close event, is not stored and reaches nobody;
 * a day of the meeting is kept. When the meeting's dates change, the open agenda checks the new days.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { CLOSE_EVENTS } from '../../shared/closeEvents.ts';
import { agendaDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { acknowledged, http, login, type Session, synced, waitFor } from '../helpers/clients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);

describe.each(BACKENDS)('agenda item days on %s', (backend) => {
  const { server, peer: peerOf } = serverSuite({ backend, database: 'agendaitemdays' });
  let chair: Session;
  let secretariat: Session;

  beforeAll(async () => {
    chair = await login(server.baseUrl, 'chair@example.org');
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
  });

  /** A writer of the demo agenda, with the reasons of every close of its document connection. */
  const writer = async () => {
    const peer = peerOf(chair, AGENDA);
    const closes: string[] = [];
    peer.provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason));
    await synced(peer);
    return { peer, closes, refused: () => [...closes, ...peer.denied].includes(CLOSE_EVENTS.agendaItemDay.reason) };
  };
  const firstItem = (doc: Y.Doc) => {
    const item = doc
      .getXmlFragment(RICH_TEXT_FIELD)
      .toArray()
      .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'agendaItem');
    if (!item) throw new Error('the demo agenda has no item');
    return item;
  };
  const storedDays = async () => {
    const items = await http<{ id: string; day: number }[]>(
      server.baseUrl,
      'GET',
      `/api/meetings/${DEMO_MEETING.id}/agenda-items`,
      {
        cookie: chair.cookie,
      },
    );
    expect(items.status).toBe(200);
    return items.body.map((item) => item.day);
  };

  it('refuses a day outside the meeting’s three days, or not a whole number, and changes nothing', async () => {
    const before = await storedDays();
    const watcher = await writer();
    for (const day of [9, 0, 4, 1.5, '2', -1]) {
      const { peer, refused } = await writer();
      firstItem(peer.doc).setAttribute('day', day as unknown as string);
      await waitFor(refused, { message: `day ${JSON.stringify(day)} refused` });
      peer.destroy();
    }
    // Nothing was stored, and nobody else received it.
    expect(await storedDays()).toEqual(before);
    expect(firstItem(watcher.peer.doc).getAttribute('day')).toBe(before[0]);
    expect(watcher.refused()).toBe(false);
  });

  it('keeps a day given twice in one change: the first value, overwritten, travels deleted and is not a day', async () => {
    // The Day view's details form sets an item's day again on Save; a page's offline edits or its
    // first sync after a reload carry such a value and the one replacing it in one update, the
    // first as deleted content (no value at all), which the check once read as a missing day.
    const before = await storedDays();
    const { peer, closes, refused } = await writer();
    peer.doc.transact(() => {
      firstItem(peer.doc).setAttribute('day', 2 as unknown as string);
      firstItem(peer.doc).setAttribute('day', before[0] as unknown as string);
    });
    await acknowledged(peer);
    expect(refused()).toBe(false);
    expect(closes).toEqual([]);
    expect(await storedDays()).toEqual(before);
  });

  it('lets a writer type at the start of a text of many thousand pieces, each edit checked without walking back through them', async () => {
    // 12,000 characters put one by one before the text's first are 12,000 pieces that Yjs does not
    // join, each pointing at the one after it. The day check once followed that chain through the
    // stored text for every later edit (its recursion then ran out of stack and the edit was refused).
    const { peer, closes, refused } = await writer();
    const title = firstItem(peer.doc)
      .toArray()
      .find((node): node is Y.XmlElement => node instanceof Y.XmlElement);
    const text = title?.toArray().find((node): node is Y.XmlText => node instanceof Y.XmlText);
    if (!text) throw new Error('the first item has no title text');
    peer.doc.transact(() => {
      for (let i = 0; i < 12_000; i++) text.insert(0, 'x');
    });
    await acknowledged(peer);
    text.insert(0, 'Y');
    await acknowledged(peer);
    text.insert(0, 'Z');
    await acknowledged(peer);
    expect(refused()).toBe(false);
    expect(closes).toEqual([]);
    const again = await writer();
    expect(firstItem(again.peer.doc).toString()).toContain(`ZY${'x'.repeat(12_000)}`);
    peer.doc.transact(() => text.delete(0, 12_002));
    await acknowledged(peer);
  });

  it('keeps a day of the meeting, and checks the new days once the meeting’s dates change', async () => {
    const { peer, refused } = await writer();
    firstItem(peer.doc).setAttribute('day', 3 as unknown as string);
    await acknowledged(peer);
    await waitFor(async () => (await storedDays())[0] === 3, { message: 'day 3 stored' });
    expect(refused()).toBe(false);

    // Items sit on day 3: the meeting cannot lose it (docs/meetings.md), and day 4 is still refused.
    const patchEnd = (endsOn: string) =>
      http<{ error: { code: string } }>(server.baseUrl, 'PATCH', `/api/meetings/${DEMO_MEETING.id}`, {
        cookie: secretariat.cookie,
        body: { endsOn },
      });
    const shorter = await patchEnd('2025-02-26');
    expect(shorter.status).toBe(409);
    expect(shorter.body.error.code).toBe('MEETING_DAYS_IN_USE');
    const early = await writer();
    firstItem(early.peer.doc).setAttribute('day', 4 as unknown as string);
    await waitFor(early.refused, { message: 'day 4 refused in a three-day meeting' });

    // One day longer: the open agenda reads the new days, and day 4 is one of them.
    expect((await patchEnd('2025-02-28')).status).toBe(200);
    // The agenda reads the new days as the change is answered: a writer that came just before may still be refused.
    await waitFor(
      async () => {
        const attempt = await writer();
        firstItem(attempt.peer.doc).setAttribute('day', 4 as unknown as string);
        const { provider } = attempt.peer;
        await waitFor(() => attempt.refused() || (provider.isSynced && !provider.hasUnsyncedChanges), { message: 'an answer' });
        return !attempt.refused();
      },
      { message: 'day 4 kept in a four-day meeting', interval: 200 },
    );
    expect((await storedDays())[0]).toBe(4);
    const last = await writer();
    firstItem(last.peer.doc).setAttribute('day', 5 as unknown as string);
    await waitFor(last.refused, { message: 'day 5 refused in a four-day meeting' });
  });
});
