/**
 * Running the meeting in Chromium: the chair marks the current item and another person's browser
 * highlights it live; an action created from a comment lands in its owner's "my actions", with
 * overdue ones highlighted; a new item's empty title reads in each reader's language; the views
 * pass axe's WCAG checks.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import arabic from '../../client/src/i18n/locales/ar/agendaItems.json' with { type: 'json' };
import arabicVersions from '../../client/src/i18n/locales/ar/versions.json' with { type: 'json' };
import russian from '../../client/src/i18n/locales/ru/agendaItems.json' with { type: 'json' };
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { isolate, stripIsolates } from '../../shared/i18n/format.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, caretAfter, openChangesSince, pressEnterOn, type SignedIn, selectInEditor } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';
import { agendaItemElements, appendItem } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { newAgendaWriter, openNewAgenda } from '../helpers/newAgenda.ts';

const MEETING_PATH = `/meetings/${DEMO_MEETING.id}`;
const ITEM = 'Selection of IGF MAG Working Groups';
/** The Versions tab's names on an English page, for `openChangesSince`. */
const VERSIONS = { title: 'Versions', changesSince: 'Changes since' };

/** Saves the agenda as it is as a version named `name`, from the Versions tab beside it, as a person does. */
async function saveVersionOnPage(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: 'Agenda' }).click();
  await page.locator('.ProseMirror').waitFor();
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByLabel('Name the agenda as it is now').fill(name);
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect.poll(() => page.getByRole('region', { name: 'Versions' }).textContent()).toContain('Saved the version');
}

const { server, signIn } = browserSuite();
let chair: SignedIn;
let kwame: SignedIn;

beforeAll(async () => {
  chair = await signIn('chair@example.org', MEETING_PATH);
  kwame = await signIn('kwame@example.org', MEETING_PATH);
});

describe('running the meeting', () => {
  it('shows every browser the item the chair marks as current, with the time against the plan', async () => {
    await kwame.page.locator('.ProseMirror').waitFor();
    await expect.poll(() => kwame.page.locator('.ProseMirror .agenda-item').count()).toBe(8);
    // Items carry their number and time slot in the editor.
    await expect
      .poll(() => kwame.page.locator('.ProseMirror .agenda-item').nth(4).locator('.agenda-item__meta').textContent())
      .toContain('5.');
    expect(await kwame.page.locator('.ProseMirror .agenda-item--current').count()).toBe(0);

    // The day view is one of the tools beside the text.
    await chair.page.getByRole('tab', { name: 'Day view' }).click();
    const row = chair.page.locator('.day-view__item', { hasText: ITEM });
    await row.getByRole('button', { name: 'Mark as current' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Current' }).getAttribute('aria-pressed')).toBe('true');

    const highlighted = kwame.page.locator('.ProseMirror .agenda-item--current');
    await expect.poll(() => highlighted.count(), { timeout: 10_000 }).toBe(1);
    expect(await highlighted.locator('.agenda-item__title').textContent()).toBe(ITEM);
    expect(await highlighted.getAttribute('aria-current')).toBe('true');
    await kwame.page.getByRole('tab', { name: 'Current item' }).click();
    const now = kwame.page.getByRole('region', { name: 'Current item' });
    await expect.poll(() => now.textContent()).toContain(`5. ${isolate(ITEM)}`);
    await expect.poll(() => now.textContent()).toContain('of 90 min planned');
    // A member sees it but cannot move it on.
    expect(await now.getByRole('button').count()).toBe(0);
    await kwame.page.getByRole('tab', { name: 'Day view' }).click();
    expect(await kwame.page.locator('.day-view__item', { hasText: ITEM }).getAttribute('aria-current')).toBe('true');

    // Item details open in a dialog from the day view, labelled, with room for the form.
    await row.getByRole('button', { name: 'Details' }).click();
    const dialog = chair.page.getByRole('dialog', { name: 'Details of item 5' });
    const details = dialog.getByRole('form', { name: 'Details of item 5' });
    const box = await dialog.boundingBox();
    const viewport = chair.page.viewportSize()!;
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    expect(await details.getByLabel('Minutes').inputValue()).toBe('90');
    expect(await a11yViolations(chair.page)).toEqual([]);
    await details.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // The chair moves on: the highlight follows on the other screen.
    await chair.page.getByRole('tab', { name: 'Current item' }).click();
    await chair.page.getByRole('button', { name: 'Move on to item 6' }).click();
    await expect
      .poll(() => highlighted.locator('.agenda-item__title').textContent(), { timeout: 10_000 })
      .toContain('Best Practice Forums');
    expect(await a11yViolations(kwame.page)).toEqual([]);
    expect(await a11yViolations(chair.page)).toEqual([]);
    expect([...kwame.errors, ...chair.errors]).toEqual([]);
  });

  it('warns in the day view when a day runs past its end', async () => {
    await chair.page.getByRole('tab', { name: 'Day view' }).click();
    const warning = chair.page.locator('.day-view__warning');
    expect(await warning.count()).toBe(0);
    await chair.page.getByLabel('A meeting day ends at').fill('11:30');
    await chair.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => kwame.page.locator('.day-view__warning').first().textContent(), { timeout: 10_000 })
      .toContain('past its end (11:30)');
    await expect.poll(() => kwame.page.locator('.ProseMirror .agenda-item__overrun').count()).toBeGreaterThan(0);
  });

  it('puts an action created from a comment in the owner’s “my actions”, overdue ones highlighted', async () => {
    await chair.page.getByRole('tab', { name: 'Actions and pack' }).click();
    await chair.page.getByRole('button', { name: 'New action item' }).click();
    const form = chair.page.getByRole('form', { name: 'New action item' });
    const focusedLabel = () =>
      chair.page.evaluate(
        () =>
          (document.activeElement as HTMLElement | null)?.closest('.form__field')?.querySelector('label')?.textContent ??
          document.activeElement?.textContent,
      );
    // The form that opened has the focus, in its first field.
    await expect.poll(focusedLabel).toContain('What is to be done');
    await form
      .getByLabel('What is to be done')
      .fill('Kwame Asante to reserve ten minutes for the Youth Engagement co-facilitator.');
    await form.getByLabel('The owner is').selectOption('person');
    await form.getByLabel('Person').fill('Kwame Asante');
    await form.getByLabel('Source', { exact: true }).selectOption('comment');
    const comment = form.getByLabel('Comment', { exact: true });
    const option = comment.locator('option', { hasText: 'Could we reserve ten minutes' });
    await expect.poll(() => option.count()).toBe(1);
    await comment.selectOption({ label: (await option.textContent())! });
    await form.getByLabel('As said in the meeting').fill('by 14 March 2099');
    await expect.poll(() => form.getByText(/^Means .*2099\.$/).count()).toBe(1);
    expect(await a11yViolations(chair.page)).toEqual([]);
    await form.getByRole('button', { name: 'Record the action' }).click();
    await expect.poll(() => chair.page.getByRole('status').filter({ hasText: 'Action item recorded' }).count()).toBe(1);
    // Recorded, the form is gone: the focus is back on the button that opened it, not on the page.
    await expect.poll(() => chair.page.evaluate(() => document.activeElement?.textContent)).toBe('New action item');

    await kwame.page.getByRole('tab', { name: 'Actions and pack' }).click();
    await kwame.page.getByRole('button', { name: 'My actions' }).click();
    const mine = kwame.page.getByRole('list', { name: 'My actions' });
    const created = mine.locator('.action', { hasText: 'reserve ten minutes for the Youth Engagement co-facilitator' });
    await expect.poll(() => created.count(), { timeout: 10_000 }).toBe(1);
    expect(await created.textContent()).toContain('A comment');
    expect(await created.getAttribute('class')).not.toContain('action--overdue');
    // Kwame's action from the demo, due in March 2025 and in progress, is overdue.
    const overdue = mine.locator('.action--overdue', { hasText: 'Kwame Asante to circulate the revised proposal' });
    expect(await overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain('Overdue');
    // Only his own: none of Olena's.
    expect(await mine.locator('.action', { hasText: 'Olena Kovalenko' }).count()).toBe(0);
    // The pack is one click away.
    expect(await kwame.page.getByRole('link', { name: 'Word document (DOCX)' }).getAttribute('href')).toBe(
      `/api/meetings/${DEMO_MEETING.id}/pack.docx?lang=en`,
    );
    expect(await a11yViolations(kwame.page)).toEqual([]);
    expect(await a11yViolations(chair.page)).toEqual([]);
    expect([...kwame.errors, ...chair.errors]).toEqual([]);
  });

  it('opens the meeting pack from the Actions tab on a phone, by keyboard, and gives the focus back when it closes', async () => {
    const mei = await signIn('mei@example.org', `${MEETING_PATH}?tab=actions`);
    const { page } = mei;
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('heading', { name: 'Action items' }).waitFor();
    // The side column is hidden below 70rem: the pack is reached through the bar at the bottom, with Tab.
    const docx = page.getByRole('link', { name: 'Word document (DOCX)' });
    expect(await docx.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'All actions' }).focus();
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    for (let presses = 0; presses < 40 && (await focusedId()) !== 'sheet-button-pack'; presses++)
      await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('sheet-button-pack');
    const button = page.locator('#sheet-button-pack');
    expect(await button.textContent()).toBe('Meeting pack');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    const pack = page.getByRole('complementary', { name: 'Meeting pack' });
    await expect.poll(() => docx.isVisible()).toBe(true);
    expect(await focusedId()).toBe('sheet-pack');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    // Every format is inside the screen, and the next Tab stops inside the sheet.
    for (const link of await pack.getByRole('link').all()) {
      const box = await link.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 360 && box.y >= 0 && box.y + box.height <= 740).toBe(true);
    }
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#sheet-pack'))).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);
    // Escape closes it and the focus returns to its button.
    await page.keyboard.press('Escape');
    await expect.poll(() => docx.isVisible()).toBe(false);
    expect(await focusedId()).toBe('sheet-button-pack');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(mei.errors).toEqual([]);
  });

  it('shows what changed since a version, and who did it, in an accessible dialog', async () => {
    await saveVersionOnPage(kwame.page, 'Before Kwame’s note');
    await kwame.page.locator('.ProseMirror .agenda-item__title', { hasText: ITEM }).click();
    await kwame.page.keyboard.press('End');
    await kwame.page.keyboard.type(' (with the youth WG)');
    await expect.poll(() => kwame.page.locator('[data-state]').first().getAttribute('data-state')).toBe('online');
    const dialog = await openChangesSince(kwame.page, VERSIONS, 'Before Kwame’s note');
    await expect.poll(() => dialog.locator('ins').first().textContent()).toContain('(with the youth WG)');
    expect(await dialog.locator('ins').first().getAttribute('title')).toBe(`Added by ${isolate('Kwame Asante')}`);
    expect(await a11yViolations(kwame.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(kwame.errors).toEqual([]);
  });

  it('lists an item’s changed details under that item’s number and title, and only the details that changed', async () => {
    await saveVersionOnPage(kwame.page, 'Before the new timings');

    await kwame.page.getByRole('tab', { name: 'Day view' }).click();
    const second = kwame.page.locator('.day-view__item').nth(1);
    const title = stripIsolates((await second.locator('.day-view__title').textContent())!.trim().replace(/^2\. /, ''));
    await second.getByRole('button', { name: 'Details' }).click();
    const form = kwame.page.getByRole('form', { name: 'Details of item 2' });
    await form.getByLabel('Minutes').fill('480');
    await form.getByLabel('Presenter').fill('Mei Chen');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => kwame.page.locator('[data-state]').first().getAttribute('data-state')).toBe('online');

    const dialog = await openChangesSince(kwame.page, VERSIONS, 'Before the new timings');
    const details = dialog.locator('.diff__block', { hasText: 'Details changed for item 2. ' });
    await expect.poll(() => details.count()).toBe(1);
    expect(await details.locator('.diff__note').textContent()).toBe(`Details changed for item 2. ${isolate(title)}:`);
    // The values and who changed them are isolated (an Arabic page needs it: test/e2e/arabicIsolation.test.ts).
    const listed = (await details.locator('.diff__attributes li').allTextContents()).map(stripIsolates);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatch(/^Minutes: \d+ → 480 \(Kwame Asante\)$/);
    expect(listed[1]).toMatch(/^Presenter: .* → Mei Chen \(Kwame Asante\)$/);
    // Right under item 2's title, which shows its number.
    expect(await details.evaluate((block) => block.previousElementSibling?.textContent)).toBe(`2. ${isolate(title)}`);
    expect(await a11yViolations(kwame.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(kwame.errors).toEqual([]);
  });

  it('lays a new meeting’s night session across midnight without a false overrun or an editor warning', async () => {
    // A meeting that starts at 23:30, its days ending at 02:00 the next morning.
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const meetingId = await createMeeting(server.baseUrl, {
      title: 'Night session',
      startsOn: '2027-03-10',
      endsOn: '2027-03-10',
      startTime: '23:30',
    });
    const scheduled = await http(server.baseUrl, 'PUT', `/api/meetings/${meetingId}/schedule`, {
      cookie: secretariat.cookie,
      body: { dayEnd: '02:00' },
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);

    const night = await signIn('chair@example.org', `/meetings/${meetingId}`);
    await night.page.locator('.ProseMirror').waitFor();
    await night.page.getByRole('tab', { name: 'Day view' }).click();
    await night.page.getByRole('button', { name: 'Add an agenda item' }).click();
    const dialog = night.page.getByRole('dialog', { name: 'Details of item 1' });
    await dialog.getByLabel('Minutes').fill('90');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => night.page.locator('.day-view__slot').first().textContent()).toContain('23:30–01:00');
    const heading = await night.page.locator('.day-view__day-title').first().textContent();
    expect(heading?.replace(/[\u2068\u2069]/g, '')).toBe('Day 1, 23:30 to 02:00');
    // The meeting's clock is the reader's (both UTC): no second set of times.
    expect(await night.page.locator('.day-view__reader-time, .day-view__reader-slot').count()).toBe(0);
    expect(await night.page.locator('.day-view__warning').count()).toBe(0);
    expect(await night.page.locator('.day-view__overrun').count()).toBe(0);
    await expect.poll(() => night.page.locator('.ProseMirror .agenda-item').count()).toBe(1);
    expect(await night.page.locator('.ProseMirror .agenda-item__overrun').count()).toBe(0);

    // Past 02:00 it says so, by the minutes that really pass.
    await night.page.getByRole('button', { name: 'Add an agenda item' }).click();
    const second = night.page.getByRole('dialog', { name: 'Details of item 2' });
    await second.getByLabel('Minutes').fill('90');
    await second.getByRole('button', { name: 'Save details' }).click();
    await expect
      .poll(() => night.page.locator('.day-view__warning').first().textContent())
      .toContain('Day 1 runs 30 min past its end (02:00)');

    // An agenda that opens on an item loads without ProseMirror's warning of a selection between blocks.
    await night.page.reload();
    await expect.poll(() => night.page.locator('.ProseMirror .agenda-item').count()).toBe(2);
    await night.page.getByRole('tab', { name: 'Proposals' }).click();
    await night.page.getByRole('tab', { name: 'Agenda' }).click();
    await expect.poll(() => night.page.locator('.ProseMirror .agenda-item').count()).toBe(2);
    expect(night.warnings).toEqual([]);
    expect(night.errors).toEqual([]);
  });

  it('closes only the details dialog on Escape in the Tools sheet at 1024 px, and gives the focus back to its button after Save too', async () => {
    // Below 70rem the tools are a sheet over the page, which also closes on Escape: Escape in the
    // dialog opened from it closed both and left the focus on the page, and so did Save.
    const secretariat = await signIn('secretariat@example.org', MEETING_PATH);
    const { page } = secretariat;
    await page.setViewportSize({ width: 1024, height: 768 });
    const toolsButton = page.locator('#sheet-button-tools');
    await toolsButton.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toolsButton.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('tab', { name: 'Day view' }).click();
    const details = page.locator('.day-view__item', { hasText: ITEM }).getByRole('button', { name: 'Details' });
    const focused = () => details.evaluate((element) => element === document.activeElement);

    await details.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Details of item 5' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await toolsButton.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(focused).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByLabel('Minutes').fill('85');
    // To the next day: the item's row moves under that day's heading.
    const day = dialog.getByLabel('Day');
    await day.fill(String(Number(await day.inputValue()) + 1));
    await dialog.getByRole('button', { name: 'Save details' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await toolsButton.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(focused).toBe(true);
    expect(secretariat.errors).toEqual([]);
  });

  it('gives an item pasted from a longer meeting’s agenda a day this meeting has, which the server keeps', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const meetingId = await createMeeting(server.baseUrl, { title: 'One-day briefing' });
    const { page, errors } = await signIn('chair@example.org', `/meetings/${meetingId}`);
    await page.locator('.ProseMirror[contenteditable="true"]').waitFor();
    await expect.poll(() => page.getByText('Online', { exact: true }).count()).toBeGreaterThan(0);
    // What the browser puts on the clipboard when an item of a three-day meeting's agenda is copied: its day 3.
    await page.evaluate(() => {
      const editor = document.querySelector<HTMLElement>('.ProseMirror')!;
      editor.focus();
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<section data-agenda-item="" data-id="pasted-item" data-day="3" data-duration="20"><h4 data-agenda-item-title="">Pasted from a longer meeting</h4></section>',
      );
      data.setData('text/plain', 'Pasted from a longer meeting');
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const stored = async () => {
      const items = await http<{ title: string; day: number; duration: number }[]>(
        server.baseUrl,
        'GET',
        `/api/meetings/${meetingId}/agenda-items`,
        { cookie: secretariat.cookie },
      );
      return items.body.map(({ title, day, duration }) => ({ title, day, duration }));
    };
    await expect.poll(stored, { timeout: 10_000 }).toEqual([{ title: 'Pasted from a longer meeting', day: 1, duration: 20 }]);
    // The server refused nothing: the connection was not ended.
    expect(await page.getByText('a day the meeting does not have').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says in the agenda’s connection indicator why the server ended it, when the page wrote a day the meeting does not have; Reconnect opens it again', async () => {
    const { page, errors, meetingId, editor, indicator, secretariat, connectReader } = await openNewAgenda(
      { server, signIn },
      'Briefing written past its day',
    );
    // An item on day 9 of this one-day meeting, written through the editor as a browser extension or
    // an older client could (the details form and the paste never send such a day).
    await page.evaluate(() => {
      type Editor = { commands: { insertContentAt(position: number, content: unknown): boolean } };
      const editor = (document.querySelector('.ProseMirror') as HTMLElement & { editor: Editor }).editor;
      editor.commands.insertContentAt(0, {
        type: 'agendaItem',
        attrs: { id: 'day-nine', day: 9 },
        content: [{ type: 'agendaItemTitle', content: [{ type: 'text', text: 'Written on day 9' }] }],
      });
    });
    // The server ends the agenda's connection on the socket the page keeps for its other documents:
    // the indicator says so, in words, rather than "Online" with a change never confirmed.
    await expect
      .poll(() => indicator.textContent(), { timeout: 10_000 })
      .toContain('This change gave an agenda item a day the meeting does not have.');
    expect(await indicator.getAttribute('data-state')).toBe('closed');
    expect(await indicator.textContent()).toContain('Closed by the server');
    const items = await http<unknown[]>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/agenda-items`, {
      cookie: secretariat.cookie,
    });
    expect(items.body).toEqual([]);

    // What is typed now would go nowhere: the text cannot be edited until the document is opened again.
    expect(await editor.getAttribute('contenteditable')).toBe('false');
    expect(await a11yViolations(page)).toEqual([]);
    const reader = await connectReader();
    try {
      // Reconnect, by keyboard: the agenda opens again from the server's copy, without the refused item
      // (kept, it would be sent and refused again), and the focus goes back to the text.
      const reconnect = page.getByRole('button', { name: 'Reconnect' });
      await reconnect.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
      expect(await indicator.textContent()).not.toContain('a day the meeting does not have');
      expect(await reconnect.count()).toBe(0);
      await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
      expect(await editor.textContent()).not.toContain('Written on day 9');
      // A new edit reaches another reader.
      await page.keyboard.insertText('Typed after reconnecting');
      await expect.poll(reader.text, { timeout: 10_000 }).toContain('Typed after reconnecting');
      expect(reader.text()).not.toContain('Written on day 9');
      expect(await indicator.getAttribute('data-state')).toBe('online');
    } finally {
      reader.destroy();
    }
    expect(errors).toEqual([]);
  });

  it('keeps the caret, and a selection, where they were when Reconnect opens the agenda again', async () => {
    const { page, errors, editor, indicator, connectReader } = await openNewAgenda(
      { server, signIn },
      'A caret kept across a reconnection',
    );
    const reader = await connectReader();
    const { text } = reader;
    // The server ends the agenda's connection: an item on a day this one-day meeting does not have,
    // written at the top, before the caret (as in the test above).
    const closeByServer = async () => {
      await page.evaluate(() => {
        type Editor = { commands: { insertContentAt(position: number, content: unknown, options: unknown): boolean } };
        const editor = (document.querySelector('.ProseMirror') as HTMLElement & { editor: Editor }).editor;
        // The caret stays by the person's text (Tiptap would put it after what is inserted).
        editor.commands.insertContentAt(
          0,
          {
            type: 'agendaItem',
            attrs: { id: `day-nine-${Date.now()}`, day: 9 },
            content: [{ type: 'agendaItemTitle', content: [{ type: 'text', text: 'Written on day 9' }] }],
          },
          { updateSelection: false },
        );
      });
      await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 10_000 }).toBe('closed');
    };
    const reopened = async () => {
      await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
      await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
    };
    try {
      await editor.focus();
      await page.keyboard.insertText('Opening remarks by the chair');
      await expect.poll(text, { timeout: 10_000 }).toContain('Opening remarks by the chair');

      // A caret in the middle of the line, then Reconnect: what is typed next goes where the caret was,
      // not at the top of the agenda.
      await caretAfter(page, 'Opening remarks');
      await closeByServer();
      await page.getByRole('button', { name: 'Reconnect' }).click();
      await reopened();
      await page.keyboard.insertText(' and welcome');
      await expect.poll(text, { timeout: 10_000 }).toContain('Opening remarks and welcome by the chair');

      // A selection is kept too, and what is typed replaces it (Reconnect pressed by keyboard this time).
      await selectInEditor(page, 'by the chair');
      await closeByServer();
      await pressEnterOn(page.getByRole('button', { name: 'Reconnect' }));
      await reopened();
      await page.keyboard.insertText('from the host country');
      await expect.poll(text, { timeout: 10_000 }).toContain('Opening remarks and welcome from the host country');
      expect(text()).not.toContain('by the chair');
      expect(text()).not.toContain('Written on day 9');
      expect(await editor.textContent()).toContain('Opening remarks and welcome from the host country');
    } finally {
      reader.destroy();
    }
    expect(errors).toEqual([]);
  });

  it('adds an item without a title, which each reader sees as untitled in their own language until one is typed', async () => {
    const meetingId = await createMeeting(server.baseUrl, { title: 'Untitled items' });
    const path = `/meetings/${meetingId}`;
    const placeholder = (page: SignedIn['page']) =>
      page.locator('.ProseMirror .agenda-item__title').evaluate((title) => getComputedStyle(title, '::before').content);
    // The chair reads the board in Russian, Kwame in English.
    expect((await chair.page.context().request.put('/api/me', { data: { language: 'ru' } })).status()).toBe(200);
    try {
      await chair.page.goto(path);
      await kwame.page.goto(path);
      await kwame.page.locator('.ProseMirror').waitFor();
      await chair.page.getByRole('tab', { name: russian.dayView }).click();
      await chair.page.getByRole('button', { name: russian.addItem }).click();
      const dialog = chair.page.getByRole('dialog', { name: russian.detailsOf.replace('{{number}}', '1') });
      await dialog.getByRole('button', { name: russian.cancel }).click();

      // The item's title is empty in the shared document: each reader is asked for one in their own language.
      const kwameTitle = kwame.page.locator('.ProseMirror .agenda-item__title');
      await expect.poll(() => kwameTitle.count()).toBe(1);
      expect(await kwameTitle.textContent()).toBe('');
      expect(await placeholder(kwame.page)).toBe('"Type the item’s title"');
      expect(await placeholder(chair.page)).toBe(`"${russian.titlePlaceholder}"`);
      await kwame.page.getByRole('tab', { name: 'Day view' }).click();
      await expect.poll(() => kwame.page.locator('.day-view__title').textContent()).toBe(`1. ${isolate('(untitled item)')}`);
      expect(await chair.page.locator('.day-view__title').textContent()).toBe(`1. ${isolate(russian.untitled)}`);
      expect(await a11yViolations(kwame.page)).toEqual([]);

      // A title typed in one language is the item's title for everyone, the placeholder gone.
      await chair.page.locator('.ProseMirror .agenda-item__title').click();
      await chair.page.keyboard.insertText('Открытие совещания');
      await expect.poll(() => kwame.page.locator('.day-view__title').textContent()).toBe(`1. ${isolate('Открытие совещания')}`);
      // (The chair's caret, with the chair's name, may stand in the title.)
      expect(await kwameTitle.textContent()).toContain('Открытие совещания');
      expect(await placeholder(kwame.page)).toBe('none');
      await expect.poll(() => chair.page.locator('.day-view__title').textContent()).toBe(`1. ${isolate('Открытие совещания')}`);
      expect([...kwame.errors, ...chair.errors]).toEqual([]);
    } finally {
      expect((await chair.page.context().request.put('/api/me', { data: { language: 'en' } })).status()).toBe(200);
    }
  });

  it('names the meeting’s zone in words in the reader’s language in its header and card, and the reader’s time only where it differs', async () => {
    const title = 'Réunion de New York';
    const meetingId = await createMeeting(server.baseUrl, {
      title,
      startsOn: '2027-03-10',
      endsOn: '2027-03-10',
      startTime: '09:30',
      timeZone: 'America/New_York',
      format: 'hybrid',
    });
    const plain = (text: string | null) => (text ?? '').replace(/[\u2068\u2069]/g, '');
    const inZone = '09:30 heure de l’Est nord-américain (America/New_York)';
    // A French reader in Tokyo: the meeting's clock by its French name, then their own.
    const tokyo = await signIn('kwame@example.org', `/meetings/${meetingId}`, { timezoneId: 'Asia/Tokyo', language: 'fr' });
    const header = tokyo.page.locator('.meeting__meta');
    await expect.poll(async () => plain(await header.textContent())).toContain(`10 mars 2027, ${inZone} · `);
    expect(plain(await header.textContent())).toContain('Votre heure : ');
    await tokyo.page.goto('/');
    const card = tokyo.page.locator('.meeting-card').filter({ hasText: title });
    await expect
      .poll(async () => plain(await card.locator('.card__meta').first().textContent()))
      .toContain(`10 mars 2027 · ${inZone} · `);
    expect(plain(await card.textContent())).toContain('Votre heure : ');
    // A reader in New York reads the meeting's time on their own clock already: it is said once.
    const newYork = await signIn('mei@example.org', `/meetings/${meetingId}`, { timezoneId: 'America/New_York', language: 'fr' });
    await expect.poll(async () => plain(await newYork.page.locator('.meeting__meta').textContent())).toContain(inZone);
    expect(plain(await newYork.page.locator('.meeting__meta').textContent())).not.toContain('Votre heure');
    expect(await a11yViolations(newYork.page)).toEqual([]);
    expect([...tokyo.errors, ...newYork.errors]).toEqual([]);
  });

  it('says which time zone the agenda’s times are in, and where they fall on a Tokyo reader’s clock', async () => {
    // A New York meeting (UTC−5 on 10 March 2027) read from Tokyo (UTC+9): 09:30 there is 23:30 here.
    const meetingId = await createMeeting(server.baseUrl, {
      title: 'New York session',
      startsOn: '2027-03-10',
      endsOn: '2027-03-10',
      startTime: '09:30',
      timeZone: 'America/New_York',
      format: 'hybrid',
    });
    const tokyo = await signIn('chair@example.org', `/meetings/${meetingId}`, { timezoneId: 'Asia/Tokyo' });
    const { page } = tokyo;
    const plain = (text: string | null) => (text ?? '').replace(/[\u2068\u2069]/g, '');
    await page.locator('.ProseMirror').waitFor();
    await page.getByRole('tab', { name: 'Day view' }).click();
    await page.getByRole('button', { name: 'Add an agenda item' }).click();
    const dialog = page.getByRole('dialog', { name: 'Details of item 1' });
    await dialog.getByLabel('Minutes').fill('90');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // Once beside the agenda and once in the day view: the meeting's zone, by name, and the reader's.
    const agendaNote = page.locator('.meeting__main .zone-note');
    const dayNote = page.locator('.day-view .zone-note');
    for (const note of [agendaNote, dayNote]) {
      await expect.poll(async () => plain(await note.textContent())).toContain('Times are in Eastern Time (America/New_York).');
      expect(plain(await note.textContent())).toContain('Your own time zone is Japan Standard Time (Asia/Tokyo)');
    }
    // The day and each item on the meeting's clock, then on the reader's.
    expect(plain(await page.locator('.day-view__day-title').first().textContent())).toBe('Day 1, 09:30 to 18:00');
    // (ICU puts thin or plain spaces around the range's dash.)
    expect(plain(await page.locator('.day-view__reader-time').first().textContent())).toMatch(
      /^Your time: Wed 10 Mar, 23:30\s–\sThu 11 Mar, 08:00$/,
    );
    await expect
      .poll(async () => plain(await page.locator('.day-view__slot').first().textContent()))
      .toBe('09:30–11:00 · 90 min · Your time: 23:30–01:00');
    // The editor's item line keeps the meeting's clock, which the note above it names.
    expect(plain(await page.locator('.ProseMirror .agenda-item__details').first().textContent())).toContain('09:30–11:00');
    expect(await a11yViolations(page)).toEqual([]);
    expect(tokyo.errors).toEqual([]);
  });
});

/**
 * Where an element draws an item's number and the parts of a Latin title such as "2025 IGF
 * programme?": its year, "IGF", its question mark and the letter before it.
 */
async function drawnTitle(element: Locator, number: string, title: string) {
  return element.evaluate(
    (element, { number, title }) => {
      // Where a character of the text is drawn (React may split the text into several nodes).
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) nodes.push(walker.currentNode as Text);
      const box = (at: number) => {
        let offset = at;
        for (const node of nodes) {
          if (at >= 0 && offset < node.length) {
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + 1);
            return range.getBoundingClientRect();
          }
          offset -= node.length;
        }
        throw new Error(`no character ${at} in ${element.textContent}`);
      };
      const text = element.textContent ?? '';
      const year = text.indexOf(title.slice(0, 4));
      const mark = text.lastIndexOf('?');
      const at = text.indexOf(number);
      return {
        text,
        lines: new Set([at, year, mark].map((at) => Math.round(box(at).top))).size,
        number: box(at).left,
        year: box(year).left,
        igf: box(text.indexOf('IGF')).left,
        beforeMark: box(mark - 1).right,
        mark: box(mark).left,
      };
    },
    { number, title },
  );
}

/** A Latin title drawn left to right, as it was typed, the whole of it left of its number (an Arabic page). */
function expectLatinTitleAfterItsNumber(layout: Awaited<ReturnType<typeof drawnTitle>>): void {
  expect(layout.lines, `"${layout.text}" fits on one line`).toBe(1);
  expect(layout.year, `the year before "IGF" in "${layout.text}"`).toBeLessThan(layout.igf);
  expect(layout.mark, `the question mark after "programme" in "${layout.text}"`).toBeGreaterThanOrEqual(layout.beforeMark - 1);
  expect(layout.number, `the number right of the title in "${layout.text}"`).toBeGreaterThan(layout.mark);
}

describe('an item’s number and title on an Arabic page', () => {
  it('keeps a Latin title in its own order after the number: its year first and its question mark last', async () => {
    // Without an isolate, a right-to-left page took the title's leading number and its final "?" into
    // its own direction: "2025 IGF programme?" read "?IGF programme 2025" beside the item's number.
    const TITLE = '2025 IGF programme?';
    const meetingId = await createMeeting(server.baseUrl, {
      title: 'Arabic titles',
      startsOn: '2027-05-04',
      endsOn: '2027-05-04',
    });
    // The secretariat, whose language no test of this file stores (a stored one would win over the device's).
    const reader = await signIn('secretariat@example.org', `/meetings/${meetingId}`, { language: 'ar' });
    const page = reader.page;
    await page.locator('.ProseMirror').waitFor();
    await page.getByRole('tab', { name: arabic.dayView }).click();
    await page.getByRole('button', { name: arabic.addItem }).click();
    await page
      .getByRole('dialog', { name: arabic.detailsOf.replace('{{number}}', '1') })
      .getByRole('button', { name: arabic.cancel })
      .click();
    await page.locator('.ProseMirror .agenda-item__title').click();
    await page.keyboard.insertText(TITLE);
    const title = page.locator('.day-view__title', { hasText: TITLE });
    await title.waitFor();
    const layout = await drawnTitle(title, '1', TITLE);
    expectLatinTitleAfterItsNumber(layout);
    expect(layout.text).toBe(`1. ${isolate(TITLE)}`);
    expect(reader.errors).toEqual([]);
  });

  it('keeps that order in the version diff, for a title unchanged, a title added in marked pieces and the note on changed details', async () => {
    // The diff drew "1. " and the title's pieces side by side, the title not isolated (and its note
    // quoted the title, not isolated either): "2025 IGF programme?" read "?IGF programme 2025" there.
    const TITLE = '2025 IGF programme?';
    const ADDED = '2026 IGF programme?';
    const fields = { title: 'Arabic diff', startsOn: '2027-05-04', endsOn: '2027-05-06' };
    const { meetingId } = await newAgendaWriter(server, fields, async (writer) => {
      appendItem(writer.doc, 'arabic-diff-kept', TITLE);
      await writer.saveVersion('Before the review');
      // Since then: the first item's presenter (a detail), and a second item, whose title is added text.
      writer.doc.transact(() => agendaItemElements(writer.doc).get('arabic-diff-kept')!.setAttribute('presenter', 'Mei Chen'));
      appendItem(writer.doc, 'arabic-diff-added', ADDED);
    });

    const reader = await signIn('secretariat@example.org', `/meetings/${meetingId}`, { language: 'ar' });
    const page = reader.page;
    const dialog = await openChangesSince(page, arabicVersions, 'Before the review');
    const kept = dialog.locator('.diff__text', { hasText: TITLE });
    await kept.waitFor();
    const note = dialog.locator('.diff__note', { hasText: arabicVersions.itemDetailsChangedFor.split(' {{')[0]! });
    const added = dialog.locator('.diff__text', { hasText: ADDED });
    for (const [element, number, title] of [
      [kept, '1', TITLE],
      [note, '1', TITLE],
      [added, '2', ADDED],
    ] as const)
      expectLatinTitleAfterItsNumber(await drawnTitle(element, number, title));
    expect(await kept.textContent()).toBe(`1. ${isolate(TITLE)}`);
    expect(await note.textContent()).toBe(arabicVersions.itemDetailsChangedFor.replace('{{item}}', `1. ${isolate(TITLE)}`));
    // Added text, with who added it said to screen readers inside the isolate, in the page's language.
    expect(await added.locator('ins .sr-only').first().textContent()).toContain(arabicVersions.addedBy.split(' {{')[0]!);
    expect(stripIsolates((await added.textContent())!)).toContain(ADDED);
    expect(await a11yViolations(page)).toEqual([]);
    expect(reader.errors).toEqual([]);
  });
});
