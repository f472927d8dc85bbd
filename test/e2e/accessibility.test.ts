/**
 * The first screens, checked in Chromium: no WCAG 2.1 A/AA violations that axe-core can find,
 * a skip link, keyboard access to the tabs and the toolbar, visible focus, and a header whose
 * navigation can be read at every width.
 */
import type { Page } from 'playwright-core';
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
    const { context, page, warnings } = await signIn('kwame@example.org', `/meetings/${DEMO_MEETING.id}`);
    await page.locator('.ProseMirror').waitFor();
    await expect.poll(() => page.locator('[data-state]').getAttribute('data-state')).toBe('online');
    expect(await a11yViolations(page)).toEqual([]);
    // Both editors (the agenda and the comment box) started without a library's warning (Tiptap
    // once warned of two extensions named 'textDirection', linkify of schemes registered twice).
    await page.getByRole('tab', { name: 'Proposals' }).click();
    await page.getByRole('tab', { name: 'Agenda' }).click();
    await page.locator('.ProseMirror').first().waitFor();
    expect(warnings).toEqual([]);

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

  it('has a header whose navigation is legible, and on a phone folds behind a Menu button', async () => {
    const { context, page } = await signIn('secretariat@example.org', '/timeline');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = nav.getByRole('link');
    await expect
      .poll(() => links.allTextContents())
      .toEqual(['Meetings', 'Timeline', 'People', 'Audit log', 'Profile', 'API tokens']);
    expect(await nav.getByRole('link', { name: 'Timeline' }).getAttribute('aria-current')).toBe('page');
    const contrasts = await headerContrasts(page);
    expect(contrasts).toHaveLength(6);
    for (const ratio of contrasts) expect(ratio).toBeGreaterThanOrEqual(4.5);
    expect(await a11yViolations(page)).toEqual([]);
    expect(await page.getByRole('button', { name: 'Menu' }).count()).toBe(0);

    // A phone: the name, the bell and the search box stay; the rest waits behind "Menu".
    await page.setViewportSize({ width: 360, height: 740 });
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    expect(await nav.count()).toBe(0);
    expect(await page.getByRole('searchbox').isVisible()).toBe(true);
    const header = (await page.getByRole('banner').boundingBox())!;
    expect(header.height).toBeLessThan(740 * 0.3);

    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => links.count()).toBe(6);
    // The menu's links follow its button in the focus order (the search box comes after them).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Meetings');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByLabel('Language').waitFor();
    for (const ratio of await headerContrasts(page)) expect(ratio).toBeGreaterThanOrEqual(4.5);
    expect(await a11yViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    // Escape from inside the menu closes it and gives the focus back to its button.
    await links.first().focus();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Menu');

    // A link followed from the menu leads to its page and leaves the menu closed.
    await menu.click();
    await nav.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');

    // Wide again: everything back in the header's row.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => links.count()).toBe(6);
    expect(await nav.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current')).toBe('page');
    await context.close();
  });
});

/** The contrast ratio of each header link's text on the header's background (WCAG's formula). */
function headerContrasts(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const luminance = (color: string) => {
      const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
        const c = Number(part) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const background = luminance(getComputedStyle(document.querySelector('header')!).backgroundColor);
    return [...document.querySelectorAll('header nav a')].map((link) => {
      const text = luminance(getComputedStyle(link).color);
      return (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
    });
  });
}
