/**
 * Documents and search in Chromium: Mei drops a PDF on an agenda item, Kwame's page shows it
 * without a reload, he searches (from the header, with `/`) for a word inside the PDF and lands
 * on the item; the pages pass axe's WCAG checks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, type SignedIn } from '../helpers/browser.ts';
import { tinyPdf } from '../helpers/documents.ts';

const ITEM = 'oc1-timeline';
const DOCUMENTS_PATH = `/meetings/${DEMO_MEETING.id}?tab=attachments`;

const { signIn } = browserSuite();
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
    const bytes = [...tinyPdf(['Draft timeline: the retreat in Kigali, June 2025'])];
    await zone.evaluate((element, data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'timeline-retreat.pdf', { type: 'application/pdf' }));
      element.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    await expect.poll(() => zone.getByRole('status').textContent()).toContain('timeline-retreat.pdf added.');

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
    expect(await a11yViolations(kwame.page)).toEqual([]);

    await result.click();
    await kwame.page.waitForURL((url) => url.search === '?tab=attachments' && url.hash === `#item-${ITEM}`);
    const landed = kwame.page.locator(`#item-${ITEM}`);
    await expect.poll(() => landed.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await landed.getByRole('link', { name: 'timeline-retreat.pdf' }).count()).toBe(1);
    expect(await a11yViolations(kwame.page)).toEqual([]);
    expect([...mei.errors, ...kwame.errors]).toEqual([]);
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
    mei.page.once('dialog', (dialog) => void dialog.accept());
    await remove.click();
    // Gone from Kwame's page too, without a reload.
    await expect
      .poll(() => kwame.page.locator(`#item-${ITEM}`).getByRole('link', { name: 'timeline-retreat.pdf' }).count(), {
        timeout: 10_000,
      })
      .toBe(0);
    expect([...mei.errors, ...kwame.errors]).toEqual([]);
  });
});
