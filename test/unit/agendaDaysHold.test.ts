/**
 * A change of a meeting's dates holds its agenda's days (server/src/meetingRecord/agendaItemDays.ts):
 * from the hold on, an item may not be put on a day past the new count, and the hold is granted
 * only once the updates checked under the old days are applied (or their connection closed), so
 * that the agenda the change reads next holds them.
 */
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AdmittedUpdates } from '../../server/src/collab/admittedUpdates.ts';
import type { DocumentAccess } from '../../server/src/collab/documentAccess.ts';
import { AgendaItemDays } from '../../server/src/meetingRecord/agendaItemDays.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { CLOSE_EVENTS } from '../../shared/closeEvents.ts';
import { agendaDoc } from '../../shared/documentNames.ts';

const MEETING = 'm-hold';
const AGENDA = agendaDoc(MEETING);
const silent = { warn() {}, error() {} } as unknown as FastifyBaseLogger;

function setUp() {
  const admitted = new AdmittedUpdates();
  const store = {
    meetings: { byId: async () => ({ startsOn: '2027-04-06', endsOn: '2027-04-08' }) },
  } as unknown as Store;
  const access = { onChanged() {} } as unknown as DocumentAccess;
  const days = new AgendaItemDays({ store, access, admitted, log: silent });
  return { admitted, days };
}

/** An agenda with one item, and the update that puts that item on `day`. */
function agendaWithItem() {
  const document = new Y.Doc();
  const item = new Y.XmlElement('agendaItem');
  document.getXmlFragment('default').insert(0, [item]);
  const dayUpdate = (day: number) => {
    const before = Y.encodeStateVector(document);
    item.setAttribute('day', day as unknown as string);
    return Y.encodeStateAsUpdate(document, before);
  };
  return { document, dayUpdate };
}

/** Whether the check refuses the update, with the close event of an item's day. */
function refuses(days: AgendaItemDays, document: Y.Doc, update: Uint8Array): boolean {
  try {
    days.check(AGENDA, document, update);
    return false;
  } catch (error) {
    if (error === CLOSE_EVENTS.agendaItemDay) return true;
    throw error;
  }
}

/** Whether the promise has settled, after everything already queued has run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  await new Promise((resolve) => setImmediate(resolve));
  return (await Promise.race([promise, Promise.resolve(pending)])) !== pending;
}

describe('holding an agenda’s days while its meeting’s dates change', () => {
  it('refuses a day past the new count during the hold, and keeps the new count once committed', async () => {
    const { days } = setUp();
    await days.afterLoadDocument({ documentName: AGENDA } as never);
    const { document, dayUpdate } = agendaWithItem();
    expect(refuses(days, document, dayUpdate(3))).toBe(false);

    const hold = await days.holdDays(MEETING, 2);
    expect(refuses(days, document, dayUpdate(3))).toBe(true);
    expect(refuses(days, document, dayUpdate(2))).toBe(false);
    hold.release(true);
    expect(refuses(days, document, dayUpdate(3))).toBe(true);
  });

  it('gives the old days back when the change was not made', async () => {
    const { days } = setUp();
    await days.afterLoadDocument({ documentName: AGENDA } as never);
    const { document, dayUpdate } = agendaWithItem();
    const hold = await days.holdDays(MEETING, 1);
    hold.release(false);
    expect(refuses(days, document, dayUpdate(3))).toBe(false);
  });

  it('is granted only once the updates checked before it are applied, or their connection closed', async () => {
    const { admitted, days } = setUp();
    admitted.admitted(AGENDA, 'socket-a');
    admitted.admitted(AGENDA, 'socket-b');
    admitted.admitted(agendaDoc('m-other'), 'socket-c');
    const hold = days.holdDays(MEETING, 2);
    expect(await isSettled(hold)).toBe(false);
    admitted.finished(AGENDA, 'socket-a');
    expect(await isSettled(hold)).toBe(false);
    // Another connection's update, admitted after the hold began, is checked against the new days: not waited for.
    admitted.admitted(AGENDA, 'socket-d');
    admitted.disconnected(AGENDA, 'socket-b');
    expect(await isSettled(hold)).toBe(true);
    (await hold).release(false);
  });
});
