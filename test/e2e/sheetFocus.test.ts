/**
 * A side sheet that lies over the page (below 70rem: the comments and the tools of the agenda) keeps
 * the keyboard's focus where it can be seen (WCAG 2.4.11, focus not obscured): Tab and Shift+Tab go
 * round the sheet and its bar, never to the page under it, whose controls once showed their focus
 * ring covered by the sheet (at 640 × 400, a laptop at 200 %, in French, and on a phone). Escape
 * closes the sheet and gives the focus back to its button. Where the columns sit beside the text
 * (1366 px), Tab goes from the tools to the page as before.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { browserSuite } from '../helpers/browser.ts';

const MEETING = `/meetings/${DEMO_MEETING.id}`;
/** More presses than the open sheet and the bar have controls, so each goes round at least once. */
const PRESSES = 30;

const { signIn } = browserSuite();

interface FocusSeen {
  /** Where the focused element is: in the open sheet, in the bar, elsewhere on the page, or nothing ('none'). */
  where: 'sheet' | 'bar' | 'page' | 'none';
  /** Whether the element at the centre of its visible part is the element itself (or inside it). */
  seen: boolean;
  name: string;
}

/**
 * What has the focus, and whether a person sees it: the part of its box inside the window and every
 * scrolling box around it, and at that part's centre `elementFromPoint` finds it and not something over it.
 */
function focusSeen(page: Page): Promise<FocusSeen> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { where: 'none' as const, seen: false, name: 'BODY' };
    const name = `${element.tagName} ${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}`;
    const where = element.closest('aside[data-open="true"]') ? 'sheet' : element.closest('.sheet-bar') ? 'bar' : 'page';
    const box = element.getBoundingClientRect();
    let [left, top, right, bottom] = [box.left, box.top, box.right, box.bottom];
    const clip = (rect: { left: number; top: number; right: number; bottom: number }) => {
      left = Math.max(left, rect.left);
      top = Math.max(top, rect.top);
      right = Math.min(right, rect.right);
      bottom = Math.min(bottom, rect.bottom);
    };
    clip({ left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight });
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') clip(parent.getBoundingClientRect());
    }
    if (right <= left || bottom <= top) return { where, seen: false, name };
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    return { where, seen: hit !== null && (hit === element || element.contains(hit)), name };
  });
}

/** Opens a sheet as a keyboard user does (its bar button, Enter) and goes round it with Tab, then Shift+Tab. */
async function goRoundSheet(page: Page, sheet: 'tools' | 'margin'): Promise<void> {
  await page.locator(`#sheet-button-${sheet}`).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator(`#sheet-${sheet}`).getAttribute('data-open')).toBe('true');
  for (const key of ['Tab', 'Shift+Tab']) {
    const stops: FocusSeen[] = [];
    for (let press = 0; press < PRESSES; press++) {
      await page.keyboard.press(key);
      stops.push(await focusSeen(page));
    }
    // Every stop is in the sheet or its bar, in sight, or none between the last control and the
    // first (where a browser goes to its own toolbar, as around a modal <dialog>); and Tab did go
    // through the sheet's controls.
    expect(stops.filter((stop) => stop.where === 'page' || (stop.where !== 'none' && !stop.seen))).toEqual([]);
    expect(stops.filter((stop) => stop.where === 'sheet').length).toBeGreaterThan(1);
  }
  // Escape closes it, the focus back on its button, and the page is live again.
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator(`#sheet-${sheet}`).getAttribute('data-open')).toBeNull();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(`sheet-button-${sheet}`);
  expect(await page.locator('[inert]').count()).toBe(0);
}

async function onAgenda(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await expect.poll(() => page.locator('.ProseMirror').textContent(), { timeout: 15_000 }).toContain('MAG members');
}

describe('the focus and a side sheet over the page', () => {
  it('stays in the Tools sheet and the Comments sheet at 640 × 400 in French, and Escape gives it back to the button', async () => {
    const kwame = await signIn('kwame@example.org', MEETING, { language: 'fr' });
    const { page } = kwame;
    await onAgenda(page, 640, 400);
    await goRoundSheet(page, 'tools');
    // The current item's panel, chosen in the tools, the same.
    await page.locator('#sheet-button-tools').focus();
    await page.keyboard.press('Enter');
    await page.locator('#tools-tab-now').click();
    await page.keyboard.press('Escape');
    await goRoundSheet(page, 'tools');
    await goRoundSheet(page, 'margin');
    expect(kwame.errors).toEqual([]);
  });

  it('stays in the sheet on a phone (360 × 740)', async () => {
    const mei = await signIn('mei@example.org', MEETING);
    const { page } = mei;
    await onAgenda(page, 360, 740);
    await goRoundSheet(page, 'tools');
    await goRoundSheet(page, 'margin');
    expect(mei.errors).toEqual([]);
  });

  it('goes from the tools to the page at 1366 px, where the tools sit beside the text', async () => {
    const sofia = await signIn('sofia@example.org', MEETING);
    const { page } = sofia;
    await onAgenda(page, 1366, 768);
    await page.locator('#tools-tab-presence').focus();
    const outsideTools = () => page.evaluate(() => document.activeElement?.closest('.meeting__side') === null);
    for (let press = 0; press < 5 && !(await outsideTools()); press++) await page.keyboard.press('Shift+Tab');
    // Shift+Tab leaves the tools for the comments' margin or the text, which no sheet covers.
    expect(await outsideTools()).toBe(true);
    expect(await focusSeen(page)).toMatchObject({ where: 'page', seen: true });
    expect(await page.locator('[inert]').count()).toBe(0);
    expect(sofia.errors).toEqual([]);
  });
});
