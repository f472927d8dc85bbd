/**
 * The first screens, checked in Chromium: no WCAG 2.1 A/AA violations that axe-core can find,
 * a skip link, keyboard access to the tabs and the toolbar, and visible focus.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';

const { server, browser, signIn } = browserSuite();

describe('accessibility', () => {
  it('has a sign-in page without violations, labelled fields and a clear error', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Email').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill('kwame@example.org');
    await page.getByLabel('Password').fill('wrong password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not correct');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('has a meeting page without violations, reachable and operable by keyboard', async () => {
    const { context, page } = await signIn('kwame@example.org', `/meetings/${DEMO_MEETING.id}`);
    await page.locator('.ProseMirror').waitFor();
    await expect.poll(() => page.locator('[data-state]').getAttribute('data-state')).toBe('online');
    expect(await a11yViolations(page)).toEqual([]);

    // On a fresh load, the first Tab stop is the skip link, and it leads to the main content.
    await page.reload();
    await page.locator('.ProseMirror').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Tabs: arrow keys move the selection and the URL follows.
    await page.getByRole('tab', { name: 'Agenda' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url()).toContain('tab=proposals');
    await expect.poll(() => page.getByRole('tab', { name: 'Proposals' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-proposals');
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByRole('tab', { name: 'Agenda' }).getAttribute('aria-selected')).toBe('true');
    await context.close();
  });

  it('lays the page out right-to-left when the document direction is rtl', async () => {
    const { context, page } = await signIn('kwame@example.org', `/meetings/${DEMO_MEETING.id}`);
    await page.locator('.ProseMirror').waitFor();
    const side = async () => {
      const main = await page.locator('.meeting__main').boundingBox();
      const aside = await page.locator('.meeting__side').boundingBox();
      return aside!.x > main!.x ? 'end-right' : 'end-left';
    };
    expect(await side()).toBe('end-right');
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    expect(await side()).toBe('end-left');
    await context.close();
  });
});
