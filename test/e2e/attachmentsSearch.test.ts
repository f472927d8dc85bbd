/**
 * Documents and search in Chromium: Mei drops a PDF on an agenda item (its panel on the Documents
 * tab, then its slot in the agenda's day view), Kwame's page shows it without a reload, he
 * searches (from the header, with `/`) for a word inside the PDF and lands on the item; a French
 * reader sees an untitled item named in French in a search result and in a version diff; the pages
 * pass axe's WCAG checks.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import frenchSearch from '../../client/src/i18n/locales/fr/search.json' with { type: 'json' };
import frenchVersions from '../../client/src/i18n/locales/fr/versions.json' with { type: 'json' };
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { SERVER_TEXT } from '../../server/src/i18n/serverText.ts';
import { isolate } from '../../shared/i18n/format.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, openChangesSince, type SignedIn } from '../helpers/browser.ts';
import { http } from '../helpers/clients.ts';
import { tinyDocx, tinyPdf } from '../helpers/documents.ts';
import { agendaItemElements, appendUntitledItem } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { newAgendaWriter } from '../helpers/newAgenda.ts';

const ITEM = 'oc1-timeline';
const DOCUMENTS_PATH = `/meetings/${DEMO_MEETING.id}?tab=attachments`;
const AGENDA_PATH = `/meetings/${DEMO_MEETING.id}`;

/** Drops one-page PDFs, each holding its `text`, on an element together, as files dragged from the desktop would be. */
async function dropPdfs(target: Locator, files: { name: string; text: string }[]): Promise<void> {
  const sent = files.map(({ name, text }) => ({ name, data: [...tinyPdf([text])] }));
  await target.evaluate((element, files) => {
    const transfer = new DataTransfer();
    for (const { name, data } of files) transfer.items.add(new File([new Uint8Array(data)], name, { type: 'application/pdf' }));
    element.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, sent);
}

/** Drops a one-page PDF holding `text` on an element, as a file dragged from the desktop would be. */
const dropPdf = (target: Locator, name: string, text: string) => dropPdfs(target, [{ name, text }]);

/**
 * Holds the upload of the `nth` file (1-based) sent from the page until `release` is called: small
 * files go up in milliseconds, and the progress line of a file in the middle of several is read
 * while it is under way. The request itself reaches the real server once released.
 */
async function holdUpload(page: Page, nth: number): Promise<{ release: () => Promise<void> }> {
  const isUpload = (url: URL) => /^\/api\/meetings\/[^/]+\/attachments$/.test(url.pathname);
  let uploads = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let heldOne: Promise<void> = Promise.resolve();
  await page.route(isUpload, (route) => {
    if (route.request().method() !== 'POST' || ++uploads !== nth) return route.continue();
    heldOne = released.then(() => route.continue());
    return heldOne;
  });
  return {
    release: async () => {
      release();
      // Unrouted once the held request has gone on (unrouted before, Playwright lets it go itself).
      await heldOne;
      await page.unroute(isUpload);
    },
  };
}

/** A 1×1 PNG, a real image the server's sniffing takes. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const { server, signIn } = browserSuite();
let mei: SignedIn;
let kwame: SignedIn;

beforeAll(async () => {
  mei = await signIn('mei@example.org', DOCUMENTS_PATH);
  kwame = await signIn('kwame@example.org', DOCUMENTS_PATH);
});

describe('documents and search', () => {
  it('shows a PDF dropped on an agenda item to another member live, and search finds a word inside it', async () => {
    const zone = mei.page.locator(`#item-${ITEM}`);
    await zone.waitFor();
    expect(await a11yViolations(mei.page)).toEqual([]);
    await dropPdf(zone, 'timeline-retreat.pdf', 'Draft timeline: the retreat in Kigali, June 2025');
    await expect.poll(() => zone.getByRole('status').textContent()).toContain('timeline-retreat.pdf added.');
    // A name sent as a path, with a right-to-left override (on another item, which the tests below do not count):
    // the status says the name the board keeps, as its list does.
    const other = mei.page.locator('#item-oc1-aob');
    await dropPdf(other, '..\\..\\agenda\u202Efdp.pdf', 'Sent under an odd name');
    await expect.poll(() => other.getByRole('status').textContent()).toContain('agenda_fdp.pdf added.');
    expect(await other.getByRole('status').textContent()).not.toContain('\u202E');
    await other.getByRole('link', { name: 'agenda_fdp.pdf' }).waitFor();

    // Kwame's page, never reloaded, lists it under the same item.
    const seen = kwame.page.locator(`#item-${ITEM}`).getByRole('link', { name: 'timeline-retreat.pdf' });
    await seen.waitFor({ timeout: 10_000 });
    expect(await seen.getAttribute('href')).toMatch(/^\/api\/attachments\/[0-9a-f-]+$/);

    // `/` focuses the header's search box (Kwame is not typing in a field).
    await kwame.page.locator('h2', { hasText: 'Documents' }).first().click();
    await kwame.page.keyboard.press('/');
    const box = kwame.page.getByRole('searchbox', { name: 'Search' });
    await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
    // Text extraction runs after the upload's response, off the request path: wait until it is indexed.
    await expect
      .poll(async () => JSON.stringify(await (await kwame.context.request.get('/api/search?q=kigali')).json()), {
        timeout: 20_000,
      })
      .toContain('timeline-retreat.pdf');
    await box.fill('kigali');
    await box.press('Enter');
    const result = kwame.page.getByRole('region', { name: 'Documents' }).getByRole('link', { name: 'timeline-retreat.pdf' });
    await result.waitFor();
    expect(await kwame.page.locator('.search-result mark').first().textContent()).toBe('Kigali');
    // A search across the cycle says which meeting each result is from.
    const found = kwame.page.locator('.search-result', { has: kwame.page.getByRole('link', { name: 'timeline-retreat.pdf' }) });
    expect(await found.locator('.search-result__meeting').textContent()).toBe(DEMO_MEETING.title);
    expect(await a11yViolations(kwame.page)).toEqual([]);

    await result.click();
    await kwame.page.waitForURL((url) => url.search === '?tab=attachments' && url.hash === `#item-${ITEM}`);
    const landed = kwame.page.locator(`#item-${ITEM}`);
    await expect.poll(() => landed.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await landed.getByRole('link', { name: 'timeline-retreat.pdf' }).count()).toBe(1);
    expect(await a11yViolations(kwame.page)).toEqual([]);

    // On an Arabic page, the English snippet and title keep their own direction (the snippet's
    // closing "…" stood at its start).
    const arabic = await signIn('olena@example.org', '/search?q=kigali', { language: 'ar' });
    const snippet = arabic.page.locator('.search-result', { hasText: 'timeline-retreat.pdf' }).locator('.search-result__snippet');
    await snippet.waitFor();
    expect(await arabic.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await snippet.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    expect(
      await arabic.page
        .locator('.search-result__title', { hasText: 'timeline-retreat.pdf' })
        .evaluate((element) => getComputedStyle(element).direction),
    ).toBe('ltr');
    await arabic.context.close();
    expect([...mei.errors, ...kwame.errors, ...arabic.errors]).toEqual([]);
  });

  it('previews the PDF in the page, fits a 360 px screen, and removes after a confirmation', async () => {
    const zone = mei.page.locator(`#item-${ITEM}`);
    await zone.getByRole('button', { name: 'Preview' }).click();
    const preview = zone.locator('iframe[title="Preview of timeline-retreat.pdf"]');
    await preview.waitFor();
    expect(await preview.getAttribute('src')).toMatch(/\?inline=1$/);
    expect(await a11yViolations(mei.page)).toEqual([]);

    await mei.page.setViewportSize({ width: 360, height: 800 });
    const sideways = () => mei.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await mei.page.goto('/search?q=kigali');
    await mei.page.getByRole('region', { name: 'Documents' }).waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await mei.page.setViewportSize({ width: 1280, height: 800 });

    await mei.page.goto(DOCUMENTS_PATH);
    const remove = mei.page.locator(`#item-${ITEM}`).getByRole('button', { name: 'Remove timeline-retreat.pdf' });
    await remove.waitFor();
    // The app's own dialog asks first, naming what happens, the safe choice focused; keeping it changes nothing.
    await remove.click();
    const dialog = mei.page.getByRole('alertdialog', { name: 'Remove “timeline-retreat.pdf”?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('removed from this meeting, for everyone');
    const keep = dialog.getByRole('button', { name: 'Keep it' });
    expect(await keep.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await a11yViolations(mei.page)).toEqual([]);
    await keep.click();
    expect(await dialog.count()).toBe(0);
    await expect.poll(() => remove.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await mei.page.locator(`#item-${ITEM}`).getByRole('link', { name: 'timeline-retreat.pdf' }).count()).toBe(1);

    await remove.click();
    await dialog.getByRole('button', { name: 'Remove the document' }).click();
    // Gone from Kwame's page too, without a reload.
    await expect
      .poll(() => kwame.page.locator(`#item-${ITEM}`).getByRole('link', { name: 'timeline-retreat.pdf' }).count(), {
        timeout: 10_000,
      })
      .toBe(0);
    expect([...mei.errors, ...kwame.errors]).toEqual([]);
  });
  it('says in the upload’s status line that a document added there was removed, by its panel or by another page', async () => {
    await mei.page.goto(DOCUMENTS_PATH);
    const zone = mei.page.locator('#item-oc1-aob');
    const status = zone.getByRole('status');
    await dropPdf(zone, 'withdrawn-note.pdf', 'A note withdrawn soon after');
    await expect.poll(() => status.textContent()).toBe('withdrawn-note.pdf added.');
    await zone.getByRole('button', { name: 'Remove withdrawn-note.pdf' }).click();
    await mei.page.getByRole('alertdialog').getByRole('button', { name: 'Remove the document' }).click();
    await expect.poll(() => zone.getByRole('link', { name: 'withdrawn-note.pdf' }).count()).toBe(0);
    await expect.poll(() => status.textContent()).toBe('withdrawn-note.pdf removed.');

    // Removed from another page (here through the API): the line no longer says it was added.
    await dropPdf(zone, 'second-note.pdf', 'Another note');
    await expect.poll(() => status.textContent()).toBe('second-note.pdf added.');
    const link = zone.getByRole('link', { name: 'second-note.pdf' });
    await link.waitFor();
    const id = (await link.getAttribute('href'))!.split('/').pop()!;
    expect((await mei.context.request.delete(`/api/attachments/${id}`)).status()).toBe(204);
    await expect.poll(() => link.count()).toBe(0);
    await expect.poll(() => status.textContent()).toBe('second-note.pdf removed.');
    expect(await a11yViolations(mei.page)).toEqual([]);
    expect(mei.errors).toEqual([]);
  });
  it('attaches a PDF dropped on an item of the day view; the other member sees it live, finds a word inside it and lands on the item', async () => {
    await kwame.page.goto(DOCUMENTS_PATH);
    await kwame.page.locator(`#item-${ITEM}`).waitFor();
    await mei.page.goto(AGENDA_PATH);
    await mei.page.getByRole('tab', { name: 'Day view' }).click();
    const slot = mei.page.locator('.day-view__item', { has: mei.page.locator(`#day-item-${ITEM}`) });
    await slot.waitFor();
    // Dropping is for the mouse; the hint sends keyboard users to the Documents tab's button.
    expect(await mei.page.locator('.day-view__hint').textContent()).toContain('use the Documents tab');
    expect(await slot.getByRole('link', { name: /^Documents:/ }).count()).toBe(0);

    await dropPdf(slot, 'venue-shortlist.pdf', 'Shortlist of retreat venues: Cotonou and Tbilisi');
    await expect.poll(() => slot.getByRole('status').textContent(), { timeout: 10_000 }).toContain('venue-shortlist.pdf added.');
    // The item now links to its documents.
    const link = slot.getByRole('link', { name: 'Documents: 1' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/meetings/${DEMO_MEETING.id}?tab=attachments#item-${ITEM}`);
    expect(await a11yViolations(mei.page)).toEqual([]);

    // Kwame's Documents tab, never reloaded, lists it under the same item.
    await kwame.page.locator(`#item-${ITEM}`).getByRole('link', { name: 'venue-shortlist.pdf' }).waitFor({ timeout: 10_000 });

    await kwame.page.locator('h2', { hasText: 'Documents' }).first().click();
    await kwame.page.keyboard.press('/');
    await expect
      .poll(async () => JSON.stringify(await (await kwame.context.request.get('/api/search?q=cotonou')).json()), {
        timeout: 20_000,
      })
      .toContain('venue-shortlist.pdf');
    const box = kwame.page.getByRole('searchbox', { name: 'Search' });
    await box.fill('cotonou');
    await box.press('Enter');
    const result = kwame.page.getByRole('region', { name: 'Documents' }).getByRole('link', { name: 'venue-shortlist.pdf' });
    await result.waitFor();
    await result.click();
    await kwame.page.waitForURL((url) => url.search === '?tab=attachments' && url.hash === `#item-${ITEM}`);
    const landed = kwame.page.locator(`#item-${ITEM}`);
    await expect.poll(() => landed.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await landed.getByRole('link', { name: 'venue-shortlist.pdf' }).count()).toBe(1);
    expect([...mei.errors, ...kwame.errors]).toEqual([]);
  });
  it('uploads several PDFs dropped together on one item of the day view, saying which of them is going up, then all of them in one line', async () => {
    const item = 'oc1-secretariat-update';
    await mei.page.goto(AGENDA_PATH);
    await mei.page.getByRole('tab', { name: 'Day view' }).click();
    const slot = mei.page.locator('.day-view__item', { has: mei.page.locator(`#day-item-${item}`) });
    await slot.waitFor();
    const status = slot.getByRole('status');
    const held = await holdUpload(mei.page, 2);
    await dropPdfs(slot, [
      { name: 'report-q1.pdf', text: 'Secretariat report, first quarter' },
      { name: 'report-q2.pdf', text: 'Secretariat report, second quarter' },
      { name: 'report-q3.pdf', text: 'Secretariat report, third quarter' },
    ]);
    try {
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Uploading report-q2\.pdf \(2 of 3\): \d+ %$/);
    } finally {
      await held.release();
    }
    await expect
      .poll(() => status.textContent(), { timeout: 10_000 })
      .toBe(`3 documents added: ${isolate('report-q1.pdf')}, ${isolate('report-q2.pdf')} and ${isolate('report-q3.pdf')}.`);
    expect(await slot.getByRole('alert').count()).toBe(0);
    // The item links to the three, and the Documents tab lists them under it.
    await slot.getByRole('link', { name: 'Documents: 3' }).waitFor();
    await mei.page.goto(DOCUMENTS_PATH);
    for (const name of ['report-q1.pdf', 'report-q2.pdf', 'report-q3.pdf']) {
      await mei.page.locator(`#item-${item}`).getByRole('link', { name }).waitFor();
    }
    expect(mei.errors).toEqual([]);
  });

  it('offers no upload, new version or removal on an archived meeting, where its documents still download', async () => {
    const secretariat = await signIn('secretariat@example.org');
    const meetingId = await createMeeting(server.baseUrl, {
      title: 'Archived with documents',
      startsOn: '2025-02-17',
      endsOn: '2025-02-17',
      copyFrom: DEMO_MEETING.id,
    });
    const added = await mei.context.request.post(`/api/meetings/${meetingId}/attachments?itemId=${ITEM}`, {
      multipart: { file: { name: 'kept.pdf', mimeType: 'application/pdf', buffer: tinyPdf(['Kept as it was']) } },
    });
    expect(added.status()).toBe(201);
    expect((await secretariat.context.request.post(`/api/meetings/${meetingId}/archive`)).status()).toBe(200);
    await secretariat.context.close();

    await mei.page.goto(`/meetings/${meetingId}?tab=attachments`);
    const panel = mei.page.locator(`#item-${ITEM}`);
    const kept = panel.getByRole('link', { name: 'kept.pdf' });
    await kept.waitFor();
    expect(await kept.getAttribute('href')).toMatch(/^\/api\/attachments\/[0-9a-f-]+$/);
    expect(await mei.page.getByText('Choose files…').count()).toBe(0);
    expect(await panel.getByText('New version…').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Remove kept.pdf' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Preview' }).count()).toBe(1);

    // The day view takes no drop either.
    await mei.page.goto(`/meetings/${meetingId}`);
    await mei.page.getByRole('tab', { name: 'Day view' }).click();
    const slot = mei.page.locator('.day-view__item', { has: mei.page.locator(`#day-item-${ITEM}`) });
    await slot.getByRole('link', { name: 'Documents: 1' }).waitFor();
    expect(await mei.page.locator('.day-view__hint').count()).toBe(0);
    await dropPdf(slot, 'too-late.pdf', 'Dropped after the archive');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await slot.locator('[role="status"]').textContent()).toBe('');
    const listed = await mei.context.request.get(`/api/meetings/${meetingId}/attachments`);
    expect(((await listed.json()) as { name: string }[]).map((a) => a.name)).toEqual(['kept.pdf']);
    expect(await a11yViolations(mei.page)).toEqual([]);
    expect(mei.errors).toEqual([]);
  });

  it('says at the search box that a search holds at most 200 characters once it is full, rather than cutting a paste silently', async () => {
    await kwame.page.goto(DOCUMENTS_PATH);
    const box = kwame.page.getByRole('searchbox', { name: 'Search' });
    const hint = kwame.page.getByRole('status').filter({ hasText: 'A search holds at most 200 characters' });
    await box.fill('consultation');
    expect(await hint.count()).toBe(0);
    await box.fill('');
    await box.focus();
    await kwame.page.keyboard.insertText('consultation '.repeat(20));
    expect((await box.inputValue()).length).toBe(200);
    await hint.waitFor();
    expect(await box.getAttribute('aria-describedby')).toBe(await hint.getAttribute('id'));
    expect(await a11yViolations(kwame.page)).toEqual([]);
  });

  it('says under the search box, beside its other note, that only the first eight words were searched when more were typed', async () => {
    const note = kwame.page.getByText('Only the first 8 words were searched; the words after them were left out.');
    const box = kwame.page.getByRole('searchbox', { name: 'Search' });
    // Eight different words (a repeated one counts once): nothing left out, nothing said.
    await box.fill('internet internet governance forum policy network digital cooperation agenda');
    await box.press('Enter');
    await kwame.page.getByRole('heading', { level: 1, name: /^Results for/ }).waitFor();
    await kwame.page
      .getByRole('status')
      .filter({ hasText: /result|Nothing found/ })
      .waitFor();
    expect(await note.count()).toBe(0);
    await box.fill('internet governance forum policy network digital cooperation agenda kigali cotonou');
    await box.press('Enter');
    await note.waitFor();
    // Under the box with the query and within the search's column, as the 200-character note is: it
    // once stood in the page under the results' count, at a desk's width far from the box.
    const underTheBox = async () => {
      const input = (await box.boundingBox())!;
      const search = (await kwame.page.getByRole('search').boundingBox())!;
      const shown = (await note.boundingBox())!;
      return {
        below: shown.y >= input.y + input.height,
        inColumn: shown.x >= search.x - 0.5 && shown.x + shown.width <= search.x + search.width + 0.5,
      };
    };
    try {
      for (const width of [1440, 360]) {
        await kwame.page.setViewportSize({ width, height: 900 });
        if (width === 360) await kwame.page.getByRole('button', { name: 'Menu' }).waitFor();
        await note.waitFor();
        expect(await underTheBox(), `${width} px`).toEqual({ below: true, inColumn: true });
        expect(await kwame.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width} px`).toBe(
          true,
        );
      }
      // Said to a screen reader on the box too; and gone with the results page.
      expect(await box.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
      expect(await a11yViolations(kwame.page)).toEqual([]);
      await kwame.page.getByRole('button', { name: 'Menu' }).click();
      await kwame.page.getByRole('link', { name: 'Meetings' }).click();
      await expect.poll(() => new URL(kwame.page.url()).pathname).toBe('/');
      await expect.poll(() => note.count()).toBe(0);
    } finally {
      await kwame.page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  it('announces every file chosen at once, in one status line, and names a refused one without hiding the others', async () => {
    await mei.page.goto(DOCUMENTS_PATH);
    const zone = mei.page.locator('#item-oc1-introductions');
    const chooser = zone.getByLabel('Choose files…');
    const status = zone.getByRole('status');
    const longName = '关于二〇二七年区域协商会议代表团住宿与交通安排的补充说明附件.png';
    // While the second file goes up, the line says which of the three it is.
    const held = await holdUpload(mei.page, 2);
    await chooser.setInputFiles([
      { name: 'budget-2027.pdf', mimeType: 'application/pdf', buffer: tinyPdf(['Budget for 2027']) },
      {
        name: 'speakers.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: tinyDocx(['List of speakers']),
      },
      { name: longName, mimeType: 'image/png', buffer: ONE_PIXEL_PNG },
    ]);
    try {
      await expect.poll(() => status.textContent()).toMatch(/^Uploading speakers\.docx \(2 of 3\): \d+ %$/);
      expect(await status.locator('progress').count()).toBe(1);
    } finally {
      await held.release();
    }
    // One line, said once all are in, names the three (only the last was said before).
    await expect
      .poll(() => status.textContent())
      .toBe(`3 documents added: ${isolate('budget-2027.pdf')}, ${isolate('speakers.docx')} and ${isolate(longName)}.`);
    for (const name of ['budget-2027.pdf', 'speakers.docx', longName]) {
      await zone.getByRole('link', { name }).waitFor();
    }
    expect(await zone.getByRole('alert').count()).toBe(0);

    // One of two refused: the other is still said to be added, and the refused one is named in the alert.
    await chooser.setInputFiles([
      { name: 'agenda-notes.pdf', mimeType: 'application/pdf', buffer: tinyPdf(['Agenda notes']) },
      { name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00 not a document') },
    ]);
    await expect.poll(() => status.textContent()).toBe('agenda-notes.pdf added.');
    const alert = zone.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('tool.exe');
    expect(await alert.textContent()).not.toContain('agenda-notes.pdf');
    expect(await a11yViolations(mei.page)).toEqual([]);
    // The console's only error is the refusal asked for (the page's later tests start with none).
    expect(mei.errors).toEqual(['Failed to load resource: the server responded with a status of 415 (Unsupported Media Type)']);
    mei.errors.length = 0;
  });

  it('says in the document’s row that a new version of it was added, as the first upload says it was added', async () => {
    await mei.page.goto(DOCUMENTS_PATH);
    const zone = mei.page.locator('#item-oc1-introductions');
    await dropPdf(zone, 'guidelines.pdf', 'Guidelines for the introductions, first draft');
    await expect.poll(() => zone.getByRole('status').textContent()).toBe('guidelines.pdf added.');
    const row = zone.locator('li.attachment', { has: mei.page.getByRole('link', { name: 'guidelines.pdf' }) });
    await row.getByLabel('New version of guidelines.pdf').setInputFiles({
      name: 'guidelines.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf(['Guidelines for the introductions, second draft']),
    });
    // A polite status line of the row says it (only the version number in its details changed before).
    const status = row.getByRole('status');
    await expect.poll(() => status.textContent()).toBe('Version 2 of guidelines.pdf added.');
    expect(await status.getAttribute('aria-live')).not.toBe('assertive');
    // The row's details follow through the live document, a moment after the upload's answer.
    await expect.poll(() => row.locator('.attachment__meta').textContent()).toContain('version 2');
    expect(mei.errors).toEqual([]);
  });

  it('names an untitled agenda item in the reader’s language in search results and in the version diff', async () => {
    // The server words an untitled item in the language the page asks for (`?lang=`). The reader's
    // language was picked on this device only, the browser's is English and none is stored: without
    // the page saying its language, the server would answer "(untitled item)".
    const UNTITLED = SERVER_TEXT.fr.untitledItem;
    const fields = { title: 'Réunion en français', startsOn: '2027-06-01', endsOn: '2027-06-03' };
    const { meetingId, secretariat } = await newAgendaWriter(server, fields, async (writer) => {
      appendUntitledItem(writer.doc, 'french-untitled', 'Horaires du bac de Zanzibar pour les délégations');
      await writer.saveVersion('Avant le présentateur');
      writer.doc.transact(() => agendaItemElements(writer.doc).get('french-untitled')!.setAttribute('presenter', 'Mei Chen'));
    });
    // The agenda is indexed when it is stored (a debounced store).
    await expect
      .poll(
        async () =>
          JSON.stringify((await http(server.baseUrl, 'GET', '/api/search?q=zanzibar', { cookie: secretariat.cookie })).body),
        {
          timeout: 20_000,
        },
      )
      .toContain('french-untitled');

    const reader = await signIn('sofia@example.org', `/meetings/${meetingId}`, { language: 'fr' });
    const { page } = reader;
    const box = page.getByRole('searchbox', { name: frenchSearch.label });
    await box.fill('zanzibar');
    await box.press('Enter');
    const result = page
      .getByRole('region', { name: frenchSearch.kinds.agendaItem })
      .locator('.search-result', { hasText: 'Zanzibar' });
    await result.waitFor();
    expect(await result.locator('.search-result__title').textContent()).toBe(`1. ${UNTITLED}`);
    expect(await result.locator('mark').textContent()).toBe('Zanzibar');

    await page.goto(`/meetings/${meetingId}`);
    const dialog = await openChangesSince(page, frenchVersions, 'Avant le présentateur');
    const note = dialog.locator('.diff__note', { hasText: frenchVersions.itemDetailsChangedFor.split(' {{')[0]! });
    await note.waitFor();
    expect(await note.textContent()).toBe(frenchVersions.itemDetailsChangedFor.replace('{{item}}', `1. ${isolate(UNTITLED)}`));
    expect(reader.errors).toEqual([]);
  });
});
