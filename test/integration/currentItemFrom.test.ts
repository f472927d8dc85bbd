/**
 * A move of the current item that names the item it leaves (`from`), on SQLite and PostgreSQL: the
 * chair's move-on dialog sends it, and a move from an item someone else has already left is refused
 * (409 CURRENT_ITEM_CHANGED) and changes nothing: no move, no audit entry, the turn on the item current
 * runs on. Two chairs moving on from the same item at once make one move, not two.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { AuditEntryDto } from '../../shared/schemas/audit.ts';
import { login, type Session } from '../helpers/clients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const MEETING_API = `/api/meetings/${DEMO_MEETING.id}`;

describe.each(BACKENDS)('moving on from a named item on %s', (backend) => {
  const { server, call } = serverSuite({ backend, database: 'currentitemfrom' });
  let chair: Session;
  let secretariat: Session;
  let items: string[];

  beforeAll(async () => {
    chair = await login(server.baseUrl, 'chair@example.org');
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    items = (await call<{ id: string }[]>(chair, 'GET', `${MEETING_API}/agenda-items`)).body.map((item) => item.id);
  });

  const move = (who: Session, itemId: string | null, from?: string | null) =>
    call<{ currentItem: string | null; error?: { code: string; details?: unknown } }>(
      who,
      'PUT',
      `${MEETING_API}/current-item`,
      from === undefined ? { itemId } : { itemId, from },
    );
  const moves = async () =>
    (await call<AuditEntryDto[]>(secretariat, 'GET', '/api/audit-log?action=meeting.current-item')).body.filter(
      (entry) => entry.subject === `meeting:${DEMO_MEETING.id}`,
    );
  const currentItem = async () =>
    (await call<{ currentItem: string | null }>(chair, 'GET', `${MEETING_API}/run`)).body.currentItem;

  it('refuses a move from an item that is no longer current, changing nothing, and makes one from the item current', async () => {
    expect((await move(chair, items[0]!)).status).toBe(200);
    const floor = async () => (await call<{ speaking?: { handId: string } }>(chair, 'GET', `${MEETING_API}/floor`)).body;
    expect((await call(chair, 'POST', `${MEETING_API}/floor/hands`, {})).status).toBe(201);
    const speaking = (await call<{ speaking?: { handId: string } }>(chair, 'POST', `${MEETING_API}/floor/next`)).body.speaking!;
    const recorded = (await moves()).length;

    // The chair's dialog was opened on item 2; item 1 is current.
    const stale = await move(chair, items[2]!, items[1]!);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CURRENT_ITEM_CHANGED', details: { currentItemId: items[0] } });
    // Ending the item, or starting one as if none were current, neither.
    expect((await move(chair, null, items[1]!)).status).toBe(409);
    expect((await move(chair, items[2]!, null)).status).toBe(409);
    expect(await currentItem()).toBe(items[0]);
    expect((await floor()).speaking?.handId).toBe(speaking.handId);
    expect(await moves()).toHaveLength(recorded);

    // From the item current: the move is made, and ends the turn on it as any move does.
    const made = await move(chair, items[1]!, items[0]!);
    expect(made.status).toBe(200);
    expect(made.body.currentItem).toBe(items[1]);
    expect((await floor()).speaking).toBeUndefined();
    expect((await moves()).at(0)?.detail).toMatchObject({ from: items[0], to: items[1] });
    // From none, when none is current.
    expect((await move(chair, null, items[1]!)).status).toBe(200);
    expect((await move(chair, items[0]!, null)).status).toBe(200);
  });

  it('makes one move of two chairs moving on from the same item at once, and refuses the other', async () => {
    for (let round = 0; round < 5; round++) {
      expect((await move(chair, items[0]!)).status).toBe(200);
      const recorded = (await moves()).length;
      const [byChair, bySecretariat] = await Promise.all([
        move(chair, items[1]!, items[0]!),
        move(secretariat, items[2]!, items[0]!),
      ]);
      expect([byChair.status, bySecretariat.status].sort()).toEqual([200, 409]);
      const winner = byChair.status === 200 ? items[1] : items[2];
      expect(await currentItem()).toBe(winner);
      const entries = await moves();
      expect(entries).toHaveLength(recorded + 1);
      expect(entries[0]!.detail).toEqual({ from: items[0], to: winner });
    }
  });
});
