/**
 * On an Arabic page, what people wrote in Latin script keeps its own direction inside the page's
 * sentences: the names and titles of a notification under the bell, and the pieces of a version
 * diff (an English note added, who added it, a detail's old and new values and who changed it).
 * Without isolation, "Mei Chen (Kwame Asante)" in a right-to-left line ran as one left-to-right
 * run with its closing parenthesis flung to the other end, and an English paragraph took the page's
 * direction ("Closing remarks." read ".Closing remarks").
 */
import { describe, expect, it } from 'vitest';
import arabicNotifications from '../../client/src/i18n/locales/ar/notifications.json' with { type: 'json' };
import arabicVersions from '../../client/src/i18n/locales/ar/versions.json' with { type: 'json' };
import { EMAIL_CATALOGUES } from '../../server/src/notifications/emailCatalogue.ts';
import { proposalDoc } from '../../shared/documentNames.ts';
import { isolate } from '../../shared/i18n/format.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, openChangesSince } from '../helpers/browser.ts';
import { httpOk, login } from '../helpers/clients.ts';
import { agendaItemElements, appendItem, appendNote } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { newAgendaWriter } from '../helpers/newAgenda.ts';

const { server, signIn } = browserSuite();

const direction = (element: Element) => getComputedStyle(element).direction;

describe('Latin names and text on an Arabic page', () => {
  it('isolates the actor’s name and the proposal’s title in a notification under the bell', { timeout: 120_000 }, async () => {
    const TITLE = '2026 Youth track?';
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const mei = await login(server.baseUrl, 'mei@example.org');
    const meetingId = await createMeeting(server.baseUrl, { title: 'Arabic bell' });
    const proposal = await httpOk<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${meetingId}/proposals`, {
      cookie: kwame.cookie,
      body: { kind: 'other', title: TITLE, summary: 'A track for youth participants.' },
    });
    await httpOk(server.baseUrl, 'POST', '/api/threads', {
      cookie: kwame.cookie,
      body: { doc: proposalDoc(proposal.id), body: `<@${mei.user.id}> could you read this?` },
    });

    const reader = await signIn('mei@example.org', '/', { language: 'ar' });
    const page = reader.page;
    await page.getByRole('button', { name: new RegExp(`^${arabicNotifications.bell}`) }).click();
    const panel = page.getByRole('region', { name: arabicNotifications.panelTitle });
    const link = panel.locator('.notification__link', { hasText: TITLE }).first();
    await link.waitFor();
    const sentence = EMAIL_CATALOGUES.ar.sentence.mention
      .replace('{{actor}}', isolate(kwame.user.name))
      .replace('{{title}}', isolate(TITLE));
    expect(await link.textContent()).toContain(sentence);
    expect(await link.evaluate(direction)).toBe('rtl');
    expect(await a11yViolations(page)).toEqual([]);
    expect(reader.errors).toEqual([]);
  });

  it('keeps an English paragraph’s direction in the version diff, and isolates who changed what and the values', async () => {
    const NOTE = 'Closing remarks by the chair.';
    const fields = { title: 'Arabic pieces', startsOn: '2027-05-04', endsOn: '2027-05-06' };
    const { meetingId, secretariat } = await newAgendaWriter(server, fields, async (writer) => {
      appendItem(writer.doc, 'arabic-pieces', 'Opening', 'Welcome.');
      await writer.saveVersion('Before the pieces');
      writer.doc.transact(() => {
        const item = agendaItemElements(writer.doc).get('arabic-pieces')!;
        item.setAttribute('presenter', 'Mei Chen');
        appendNote(item, NOTE);
      });
    });

    const reader = await signIn('secretariat@example.org', `/meetings/${meetingId}`, { language: 'ar' });
    const page = reader.page;
    const dialog = await openChangesSince(page, arabicVersions, 'Before the pieces');
    const added = dialog.locator('.diff__text', { hasText: NOTE });
    await added.waitFor();
    // The English paragraph reads left to right, its full stop at its end, on the right-to-left page;
    // who added it, said to screen readers, stays in the page's direction.
    expect(await added.evaluate(direction)).toBe('ltr');
    const label = added.locator('.sr-only').first();
    expect(await label.evaluate(direction)).toBe('rtl');
    const who = isolate(secretariat.user.name);
    expect(await label.textContent()).toContain(arabicVersions.addedBy.replace('{{name}}', who));
    // The presenter's new value and who set it, each isolated: "Mei Chen (Secretariat…)" is not one run.
    const presenter = dialog.locator('.diff__attributes li', { hasText: 'Mei Chen' });
    expect(await presenter.textContent()).toContain(`${isolate('Mei Chen')} (${who})`);
    expect(await a11yViolations(page)).toEqual([]);
    expect(reader.errors).toEqual([]);
  });
});
