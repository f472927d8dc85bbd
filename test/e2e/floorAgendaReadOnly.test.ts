/**
 * The Floor tab reads the agenda's items from the agenda's own document and never writes to it:
 * an observer's page (read-only on the agenda) and a member's page that edits nothing send no
 * update for it when the Floor tab opens. Each frame the page sends on the collaboration socket is
 * read as the server reads it (messages.ts): a sync step 2 carrying structs, or any sync update.
 */
import * as decoding from 'lib0/decoding';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MESSAGE_SYNC, MESSAGE_SYNC_REPLY, SYNC_UPDATE } from '../../server/src/collab/messages.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { browserSuite } from '../helpers/browser.ts';
import { setCurrentItem } from '../helpers/currentItem.ts';

const { server, signIn } = browserSuite();
const meetingPath = `/meetings/${DEMO_MEETING.id}`;
const AGENDA = agendaDoc(DEMO_MEETING.id);

/** Describes a frame that writes to the agenda (an update, or a step 2 with structs), or null. */
function agendaWrite(frame: Buffer): string | null {
  const decoder = decoding.createDecoder(new Uint8Array(frame));
  const address = decoding.readVarString(decoder);
  // With sessionAwareness the address is the document's name followed by the provider's session.
  if (!address.startsWith(AGENDA)) return null;
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const step = decoding.readVarUint(decoder);
  if (step === 0) return null;
  const update = decoding.readVarUint8Array(decoder);
  // A step 2 that names no client's structs only repeats deletions the server has (redundantUpdates.ts).
  if (step !== SYNC_UPDATE && decoding.readVarUint(decoding.createDecoder(update)) === 0) return null;
  return `${step === SYNC_UPDATE ? 'update' : 'step 2 with structs'} of ${update.length} bytes`;
}

/** Records the agenda writes of the page's next collaboration socket. */
function recordAgendaWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return;
      const write = agendaWrite(payload);
      if (write) writes.push(write);
    });
  });
  return writes;
}

describe('the Floor tab and the agenda document', () => {
  for (const email of ['tomas@example.org', 'kwame@example.org']) {
    it(`sends no update to the agenda when ${email} opens the Floor tab`, { timeout: 90_000 }, async () => {
      // An item is current, so the Floor tab names it from the agenda's document once that is loaded.
      await setCurrentItem(server.baseUrl, 1);
      // The agenda once, so the browser keeps its local copy as a returning person's has it.
      const { page } = await signIn(email, meetingPath);
      await expect.poll(() => page.locator('.ProseMirror').textContent(), { timeout: 20_000 }).toContain('Short introduction');
      const writes = recordAgendaWrites(page);
      await page.goto(`${page.url().split('?')[0]}`);
      await expect.poll(() => page.locator('.ProseMirror').textContent(), { timeout: 20_000 }).toContain('Short introduction');
      await page.getByRole('tab', { name: 'Floor' }).click();
      await expect.poll(() => page.getByText(/Agenda item: \d/).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      // Back and forth, as people do: each opening is a new provider on the same socket.
      await page.getByRole('tab', { name: 'Agenda' }).click();
      await page.getByRole('tab', { name: 'Floor' }).click();
      await expect.poll(() => page.getByText(/Agenda item: \d/).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await page.waitForTimeout(2_000);
      expect(writes).toEqual([]);
    });
  }
});
