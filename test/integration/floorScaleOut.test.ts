/**
 * Two instances sharing PostgreSQL and Redis: a hand raised through one shows in the live
 * document of a viewer of the other, and the countdown of a turn given on one agrees on the
 * other (and for a client that reconnects) to within a second, since both count from the
 * server-stamped start.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { liveDoc } from '../../shared/documentNames.ts';
import { type FloorItem, type FloorState, LIVE_FLOOR_MAP, type Speaking } from '../../shared/schemas/floor.ts';
import { collabToken, connectPeer, http, login, type Peer, type Session, synced, waitFor } from '../helpers/clients.ts';
import { twoInstances } from '../helpers/twoInstances.ts';

const MEETING = DEMO_MEETING.id;
const LIVE = liveDoc(MEETING);
const { a, b } = twoInstances('floorscale', { processes: true });
const peers: Peer[] = [];

afterAll(() => {
  for (const peer of peers) peer.destroy();
});

/** The countdown a client of `baseUrl` shows now: remaining ms from the server-stamped start, on that server's clock. */
async function remainingOn(baseUrl: string, session: Session, speaking: Speaking): Promise<number> {
  const sent = Date.now();
  const state = (await http<FloorState>(baseUrl, 'GET', `/api/meetings/${MEETING}/floor`, { cookie: session.cookie })).body;
  const offset = state.now - (sent + Date.now()) / 2;
  return speaking.since + speaking.limitSeconds * 1000 - (Date.now() + offset);
}

describe('the floor on two instances', () => {
  it('shows a hand raised on one on the other, and the countdown agrees within a second', { timeout: 120_000 }, async () => {
    const chair = await login(a.baseUrl, 'chair@example.org');
    const kwame = await login(a.baseUrl, 'kwame@example.org');
    const viewer = await login(b.baseUrl, 'hannah@example.org');
    const items = (
      await http<{ id: string }[]>(a.baseUrl, 'GET', `/api/meetings/${MEETING}/agenda-items`, { cookie: chair.cookie })
    ).body;
    const itemId = items[0]!.id;
    expect(
      (await http(a.baseUrl, 'PUT', `/api/meetings/${MEETING}/current-item`, { cookie: chair.cookie, body: { itemId } })).status,
    ).toBe(200);

    const onB = connectPeer(b.wsUrl, LIVE, () => collabToken(b.baseUrl, viewer, LIVE));
    peers.push(onB);
    await synced(onB);
    const raisedAt = Date.now();
    expect(
      (await http(a.baseUrl, 'POST', `/api/meetings/${MEETING}/floor/hands`, { cookie: kwame.cookie, body: {} })).status,
    ).toBe(201);
    await waitFor(
      () =>
        (onB.doc.getMap(LIVE_FLOOR_MAP).get(`item:${itemId}`) as FloorItem | undefined)?.queue.some(
          (hand) => hand.userId === kwame.user.id,
        ),
      {
        message: 'the hand on B',
      },
    );
    expect(Date.now() - raisedAt).toBeLessThan(1_000);

    const given = await http<FloorState>(a.baseUrl, 'POST', `/api/meetings/${MEETING}/floor/next`, { cookie: chair.cookie });
    expect(given.status).toBe(200);
    const speakingOnB = (await waitFor(() => onB.doc.getMap(LIVE_FLOOR_MAP).get('speaking') as Speaking | undefined, {
      message: 'the speaker on B',
    })) as Speaking;
    expect(speakingOnB).toMatchObject({ userId: kwame.user.id, since: given.body.speaking!.since });
    const [onA, onBRemaining] = await Promise.all([
      remainingOn(a.baseUrl, chair, speakingOnB),
      remainingOn(b.baseUrl, viewer, speakingOnB),
    ]);
    expect(Math.abs(onA - onBRemaining)).toBeLessThan(1_000);
    expect(onA).toBeGreaterThan(speakingOnB.limitSeconds * 1000 - 5_000);

    // A client that reconnects to B gets the same start.
    onB.destroy();
    const again = connectPeer(b.wsUrl, LIVE, () => collabToken(b.baseUrl, viewer, LIVE));
    peers.push(again);
    await synced(again);
    expect((again.doc.getMap(LIVE_FLOOR_MAP).get('speaking') as Speaking).since).toBe(speakingOnB.since);
    const fromB = (await http<FloorState>(b.baseUrl, 'GET', `/api/meetings/${MEETING}/floor`, { cookie: viewer.cookie })).body;
    expect(fromB.speaking?.since).toBe(speakingOnB.since);
  });
});
