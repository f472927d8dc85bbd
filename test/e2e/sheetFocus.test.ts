/**
 * A side sheet that lies over the page (below 70rem: the comments and the tools of the agenda) keeps
 * the keyboard's focus where it can be seen (WCAG 2.4.11, focus not obscured): Tab and Shift+Tab go
 * round the sheet and its bar, never to the page under it, whose controls once showed their focus
 * ring covered by the sheet (at 640 × 400, a laptop at 200 %, in French, and on a phone). Escape
 * closes the sheet and gives the focus back to its button. The same in the Floor tab's Attendance
 * sheet and the Actions tab's Meeting pack. At 1024 px a click on the page in sight above a sheet
 * closes it, as a modal drawer's backdrop does, and a dim over the page (under the sheet) shows as
 * much, at 1024 px and 360 px, and goes when the sheet closes; at 1400 px nothing dims. A status said while a sheet is open (the meeting
 * archived) is in the accessibility tree: the page's live regions are not made inert with it.
 * Where the columns sit beside the text (1366 px), Tab goes from the tools to the page as before.
 * A sheet hidden by widening the window is closed: it stays closed when the window narrows again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { browserSuite } from '../helpers/browser.ts';
import { createMeeting } from '../helpers/meetings.ts';

const MEETING = `/meetings/${DEMO_MEETING.id}`;
/** More presses than the open sheet and the bar have controls, so each goes round at least once. */
const PRESSES = 30;

const { server, signIn } = browserSuite();

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
async function goRoundSheet(page: Page, sheet: 'tools' | 'margin' | 'attendance' | 'pack'): Promise<void> {
  await page.locator(`#sheet-button-${sheet}`).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator(`#sheet-${sheet}`).getAttribute('data-open')).toBe('true');
  for (const key of ['Tab', 'Shift+Tab']) {
    const stops: FocusSeen[] = [];
    for (let press = 0; press < PRESSES; press++) {
      await page.keyboard.press(key);
      stops.push(await focusSeen(page));
    }
    // Every stop is in the sheet or its bar, in sight: the focus wraps from the last control to
    // the first, as in a modal dialog (it rested once on the page's <body> between them); and Tab
    // did go through the sheet's controls.
    expect(stops.filter((stop) => stop.where === 'page' || stop.where === 'none' || !stop.seen)).toEqual([]);
    expect(stops.filter((stop) => stop.where === 'sheet').length).toBeGreaterThan(1);
  }
  // Escape closes it, the focus back on its button, and the page is live again.
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator(`#sheet-${sheet}`).getAttribute('data-open')).toBeNull();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(`sheet-button-${sheet}`);
  expect(await page.locator('[inert]').count()).toBe(0);
}

async function openSheet(page: Page, sheet: string): Promise<void> {
  await page.locator(`#sheet-button-${sheet}`).click();
  await expect.poll(() => page.locator(`#sheet-${sheet}`).getAttribute('data-open')).toBe('true');
}

/**
 * Whether Chromium's accessibility tree holds the element (what a screen reader reads and hears
 * announced): an inert element is in it as ignored.
 */
async function inAccessibilityTree(page: Page, selector: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(selector)})` });
    if (!result.objectId) throw new Error(`no element ${selector}`);
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
    return nodes.length > 0 && nodes[0]?.ignored === false;
  } finally {
    await cdp.detach();
  }
}

interface ScrimSeen {
  /** How many scrims the page holds. */
  scrims: number;
  /** Whether the topmost element at the point is the scrim, painted over the page there. */
  onTop: boolean;
  /** The scrim's colour's alpha (0 when there is none or it is transparent). */
  alpha: number;
  /** Whether the scrim is painted under the open sheet: at the sheet's centre the sheet is topmost. */
  underSheet: boolean;
}

/** What covers the page at (x, y): the dim scrim of a modal sheet, or the page itself. */
function scrimAt(page: Page, x: number, y: number): Promise<ScrimSeen> {
  return page.evaluate(
    ([x, y]) => {
      const scrims = document.querySelectorAll('.sheet-scrim');
      const scrim = scrims[0];
      const top = document.elementsFromPoint(x!, y!)[0];
      const colour = scrim ? getComputedStyle(scrim).backgroundColor : 'transparent';
      const alpha = colour === 'transparent' ? 0 : Number(/rgba?\([^)]*?[,/]\s*([\d.]+)\)$/.exec(colour)?.[1] ?? 1);
      const sheet = document.querySelector('aside[data-open="true"]');
      const box = sheet?.getBoundingClientRect();
      const atSheet = box ? document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)[0] : undefined;
      return {
        scrims: scrims.length,
        onTop: scrim !== undefined && top === scrim,
        alpha,
        underSheet: sheet !== null && atSheet !== undefined && sheet.contains(atSheet),
      };
    },
    [x, y],
  );
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

  it('stays in the Attendance sheet of the Floor tab and the Meeting pack sheet of the Actions tab at 640 × 400', async () => {
    const laura = await signIn('laura@example.org', `${MEETING}?tab=floor`);
    const { page } = laura;
    await page.setViewportSize({ width: 640, height: 400 });
    await page.locator('#sheet-button-attendance').waitFor();
    await goRoundSheet(page, 'attendance');
    await page.goto(`${MEETING}?tab=actions`);
    await page.locator('#sheet-button-pack').waitFor();
    await goRoundSheet(page, 'pack');
    expect(laura.errors).toEqual([]);
  });

  it('closes the sheet on a click on the page left in sight above it at 1024 px, the focus back on its button', async () => {
    const kwame = await signIn('kwame@example.org', MEETING);
    const { page } = kwame;
    await onAgenda(page, 1024, 768);
    for (const sheet of ['tools', 'margin']) {
      await openSheet(page, sheet);
      const top = await page.locator(`#sheet-${sheet}`).evaluate((element) => element.getBoundingClientRect().top);
      // The sheet leaves the top of the page in sight (it is at most 75 % of the height).
      expect(top).toBeGreaterThan(100);
      await page.mouse.click(512, top / 2);
      await expect.poll(() => page.locator(`#sheet-${sheet}`).getAttribute('data-open')).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`sheet-button-${sheet}`);
      expect(await page.locator('[inert]').count()).toBe(0);
    }
    // A click inside the sheet, or a press begun there (selecting its text) let go above it, keeps it open.
    await openSheet(page, 'tools');
    const sheetBox = await page.locator('#sheet-tools').boundingBox();
    if (!sheetBox) throw new Error('the Tools sheet has no box');
    await page.mouse.click(sheetBox.x + sheetBox.width / 2, sheetBox.y + sheetBox.height - 10);
    await page.mouse.move(sheetBox.x + 20, sheetBox.y + 20);
    await page.mouse.down();
    await page.mouse.move(512, sheetBox.y / 2, { steps: 4 });
    await page.mouse.up();
    expect(await page.locator('#sheet-tools').getAttribute('data-open')).toBe('true');
    expect(kwame.errors).toEqual([]);
  });

  it('dims the page under a sheet that lies over it (1024 px, 360 px), a click on the dim closing the sheet; none beside the text at 1400 px', async () => {
    const kwame = await signIn('kwame@example.org', MEETING);
    const { page } = kwame;
    await onAgenda(page, 1024, 768);
    // Nothing dims the page while no sheet is open.
    expect((await scrimAt(page, 512, 50)).scrims).toBe(0);
    for (const [width, height] of [
      [1024, 768],
      [360, 740],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const sheet of ['tools', 'margin']) {
        await openSheet(page, sheet);
        const top = await page.locator(`#sheet-${sheet}`).evaluate((element) => element.getBoundingClientRect().top);
        expect(top).toBeGreaterThan(100);
        // The strip of page in sight above the sheet is covered by a visible dim, painted under the sheet.
        const seen = await scrimAt(page, width / 2, top / 2);
        expect(seen).toMatchObject({ scrims: 1, onTop: true, underSheet: true });
        expect(seen.alpha).toBeGreaterThan(0.2);
        // A click there closes the sheet, and the dim goes with it.
        await page.mouse.click(width / 2, top / 2);
        await expect.poll(() => page.locator(`#sheet-${sheet}`).getAttribute('data-open')).toBeNull();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe(`sheet-button-${sheet}`);
        expect((await scrimAt(page, width / 2, top / 2)).scrims).toBe(0);
      }
      // Escape too takes the dim away.
      await openSheet(page, 'tools');
      expect((await scrimAt(page, width / 2, 20)).onTop).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(async () => (await scrimAt(page, width / 2, 20)).scrims).toBe(0);
    }
    // A sheet open when the window widens to 1400 px becomes a column beside the text: no dim, nothing inert.
    await page.setViewportSize({ width: 1024, height: 768 });
    await openSheet(page, 'tools');
    await page.setViewportSize({ width: 1400, height: 900 });
    await expect.poll(async () => (await scrimAt(page, 700, 50)).scrims).toBe(0);
    expect(await page.locator('[inert]').count()).toBe(0);
    expect(kwame.errors).toEqual([]);
  });

  it('keeps the page’s live regions out of the inert page: the meeting archived while a sheet is open is announced', async () => {
    const meetingId = await createMeeting(server.baseUrl, {
      title: 'Archived under a sheet',
      startsOn: '2025-02-17',
      endsOn: '2025-02-17',
    });
    const secretariat = await signIn('secretariat@example.org', `/meetings/${meetingId}`);
    const { page } = secretariat;
    await page.setViewportSize({ width: 640, height: 400 });
    await openSheet(page, 'tools');
    expect(await page.locator('[inert]').count()).toBeGreaterThan(0);
    expect((await page.context().request.post(`/api/meetings/${meetingId}/archive`)).status()).toBe(200);
    await page.locator('.meeting-banner').waitFor();
    expect(await page.locator('#sheet-tools').getAttribute('data-open')).toBe('true');
    // In the accessibility tree, so a screen reader hears it; it was inert with the page.
    expect(await inAccessibilityTree(page, '.meeting-banner')).toBe(true);
    expect(await page.locator('.meeting-banner').evaluate((banner) => banner.closest('[inert]') === null)).toBe(true);
    // Every live region of the page is outside the inert part, and in the accessibility tree.
    const regions = '[role="status"], [role="alert"], [aria-live]:not([aria-live="off"])';
    expect(await page.locator(regions).count()).toBeGreaterThan(1);
    expect(await page.locator(regions).evaluateAll((found) => found.filter((region) => region.closest('[inert]')).length)).toBe(
      0,
    );
    expect(secretariat.errors).toEqual([]);
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

  it('closes a sheet hidden by widening the window, which stays closed when it narrows again, the focus where the person left it (Spanish)', async () => {
    const chair = await signIn('chair@example.org', MEETING, { language: 'es' });
    const { page } = chair;
    await onAgenda(page, 360, 740);
    await openSheet(page, 'tools');
    await page.locator('#sheet-tools .sheet__close').focus();
    // Wider: the tools become a column beside the text and their Close button goes. The focus goes to
    // that column, where the person was (it fell to the page's <body>), and nothing is inert.
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sheet-tools');
    expect(await page.locator('[inert]').count()).toBe(0);
    // The person writes in the text, then the window narrows again: the sheet stays closed (it opened
    // by itself, took the focus from the text and made the page inert).
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' primera');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator('#sheet-button-tools').waitFor();
    expect(await page.locator('#sheet-tools').getAttribute('data-open')).toBeNull();
    expect(await page.locator('[inert]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
    await page.keyboard.type(' segunda');
    await expect.poll(() => page.locator('.ProseMirror').textContent()).toContain('primera segunda');
    expect(chair.errors).toEqual([]);
  });
});
