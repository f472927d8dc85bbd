/**
 * Every page fits the screen, from a 360 px phone to a 1920 px desktop: nothing scrolls sideways,
 * no control is cut off by its container, every target is at least 24 × 24 px (44 × 44 on phones),
 * and axe finds nothing. The screenshots are kept under test-results/layout/ for a person to look
 * at. And a comment thread in the margin stays level with its passage as the text above it grows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { GDC_PROPOSAL_ID } from '../../server/src/proposals/demoProposals.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login, sleep } from '../helpers/clients.ts';
import { ROOT } from '../helpers/testServer.ts';

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
/** Below this width the page shows comments and tools as sheets (styles.css, useMediaQuery.ts). */
const WIDE = 1120;
/** Phones: 44 px targets. */
const PHONE = 480;
const SHOTS = path.join(ROOT, 'test-results/layout');
const MEETING = `/meetings/${DEMO_MEETING.id}`;

const { server, browser, signIn } = browserSuite();

interface LayoutProblems {
  scrollWidth: number;
  innerWidth: number;
  cutOff: string[];
  small: string[];
}

/** Measures the page as it is now, in the page. */
function layoutProblems(page: Page, minTarget: number): Promise<LayoutProblems> {
  return page.evaluate((min) => {
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    const visible = (element: Element) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
    };
    const controls = [...document.querySelectorAll('button, input, select, textarea, [role="tab"], a.button, summary')].filter(
      visible,
    );
    const cutOff: string[] = [];
    const small: string[] = [];
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.left < -1 || box.right > innerWidth + 1) cutOff.push(`${describe(control)} outside the screen`);
      // Cut off by an ancestor that hides its overflow.
      for (let parent = control.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        if (style.overflowX !== 'visible' && (box.left < clip.left - 1 || box.right > clip.right + 1)) {
          cutOff.push(`${describe(control)} cut off by ${describe(parent)}`);
        }
        break;
      }
      // A checkbox, a radio button or a (visually hidden) file input is operated through its
      // label, which is the target.
      const target =
        control instanceof HTMLInputElement && ['checkbox', 'radio', 'file'].includes(control.type)
          ? (control.closest('label') ?? document.querySelector(`label[for="${CSS.escape(control.id)}"]`) ?? control)
          : control;
      const size = target.getBoundingClientRect();
      if (size.width < min - 0.5 || size.height < min - 0.5) {
        small.push(`${describe(control)} ${Math.round(size.width)}×${Math.round(size.height)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, cutOff, small };
  }, minTarget);
}

/** A page's layout problems, none of them, as one value to wait for. */
const noProblems = (problems: LayoutProblems) =>
  problems.scrollWidth <= problems.innerWidth && problems.cutOff.length === 0 && problems.small.length === 0;

async function check(page: Page, name: string, width: number): Promise<void> {
  // The layout settles after live data arrives (a thread's card, a poll's results): measured until it has
  // no problem, for 5 s at most, where a fixed 300 ms was waited before each measure (50 checks in this file).
  // A sheet's scrim fades in, a poll's bars grow: axe and the screenshot see them at their end.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Number.POSITIVE_INFINITY))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const minTarget = width <= PHONE ? 44 : 24;
  let problems = await layoutProblems(page, minTarget);
  for (const until = Date.now() + 5_000; !noProblems(problems) && Date.now() < until; ) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    problems = await layoutProblems(page, minTarget);
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`) });
  expect.soft(problems.scrollWidth, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(problems.innerWidth);
  expect.soft(problems.cutOff, `${name} at ${width}px`).toEqual([]);
  expect.soft(problems.small, `${name} at ${width}px: targets too small`).toEqual([]);
  expect.soft(await a11yViolations(page), `${name} at ${width}px`).toEqual([]);
}

/** Shows one of the agenda's tools: in the column on a wide screen, in its sheet on a narrow one. */
async function showTool(page: Page, width: number, tool: string): Promise<void> {
  if (width < WIDE && (await page.getByRole('button', { name: 'Tools' }).getAttribute('aria-expanded')) !== 'true') {
    await page.getByRole('button', { name: 'Tools' }).click();
  }
  await page.getByRole('tab', { name: tool }).click();
}

let pollId = '';
beforeAll(async () => {
  // A poll open for voting, with a ballot in, so that both the ballot and the results show; set up through the API.
  const chair = await login(server.baseUrl, 'chair@example.org');
  const as = { cookie: chair.cookie };
  // Someone registered for the public meeting (a form is refused as a bot's within 3 s of being handed out): the
  // form is taken first and the poll made during those 3 s.
  const form = await http<{ formToken: string }>(
    server.baseUrl,
    'GET',
    `/api/meetings/${DEMO_MEETING.id}/registrations/form`,
    as,
  );
  const formTaken = Date.now();
  const created = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/polls`, {
    ...as,
    body: {
      question: 'Which Working Group should report first at the next MAG meeting?',
      kind: 'single',
      audience: 'everyone',
      results: 'live',
      options: [{ label: 'Working Group on Strategy' }, { label: 'Working Group on Youth Engagement' }],
    },
  });
  expect(created.status).toBe(201);
  pollId = created.body.id;
  expect((await http(server.baseUrl, 'POST', `/api/polls/${pollId}/open`, as)).status).toBe(200);
  await sleep(Math.max(0, formTaken + 3_200 - Date.now()));
  const registered = await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/registrations`, {
    ...as,
    body: {
      name: 'Thandiwe Mokoena-Abdelrahman',
      email: 'thandiwe.mokoena@civilsociety.example',
      group: 'civil-society',
      country: 'South Africa',
      affiliation: 'Association for Progressive Communications',
      website: '',
      formToken: form.body.formToken,
    },
  });
  expect(registered.status).toBe(202);
});

describe('the layout from 360 to 1920 px', () => {
  for (const viewport of VIEWPORTS) {
    it(`fits ${viewport.width} × ${viewport.height}`, async () => {
      const context = await browser.newContext({ baseURL: server.baseUrl, viewport });
      try {
        const page = await context.newPage();
        await page.goto('/');
        await page.getByLabel('Email').waitFor();
        await check(page, 'sign-in', viewport.width);

        await page.getByLabel('Email').fill('chair@example.org');
        await page.getByLabel('Password').fill('plenary-demo-2025');
        await page.getByRole('button', { name: 'Sign in' }).click();
        // Signed in: the bell is in the header at every width (below 768 px the rest folds behind "Menu").
        await page.locator('.notification-bell').waitFor();
        // The header's menu (folded below 768 px) and the notifications panel open inside the screen.
        const menu = page.getByRole('button', { name: 'Menu' });
        if (viewport.width < 768) {
          await menu.click();
          await check(page, 'header-menu', viewport.width);
          await menu.click();
        } else expect(await menu.count()).toBe(0);
        await page.getByRole('button', { name: /^Notifications, / }).click();
        await page.getByRole('region', { name: 'Notifications' }).waitFor();
        await check(page, 'notifications', viewport.width);
        await page.keyboard.press('Escape');

        await page.goto(MEETING);
        await page.locator('.ProseMirror .agenda-item').first().waitFor();
        await check(page, 'agenda', viewport.width);
        await showTool(page, viewport.width, 'Day view');
        await page.locator('.day-view__item').first().getByRole('button', { name: 'Details' }).click();
        await page.getByRole('dialog').waitFor();
        await check(page, 'agenda-item-details', viewport.width);
        await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
        await showTool(page, viewport.width, 'Versions');
        await check(page, 'versions', viewport.width);

        await page.goto(`${MEETING}/proposals/${GDC_PROPOSAL_ID}`);
        await page.locator('.ProseMirror').waitFor();
        if (viewport.width < WIDE) await page.getByRole('button', { name: 'Comments' }).click();
        await page.locator('article.thread').first().waitFor();
        await check(page, 'proposal-comments', viewport.width);

        await page.goto(`${MEETING}?tab=polls`);
        const card = page.locator('.poll-card', { hasText: 'Which Working Group should report first' });
        const choice = card.getByRole('button', { name: 'Working Group on Youth Engagement' });
        await choice.click();
        await expect.poll(() => choice.getAttribute('aria-pressed')).toBe('true');
        await check(page, 'polls', viewport.width);

        await page.goto(`${MEETING}?tab=groups`);
        await page.locator('.working-group, .wg-card, article').first().waitFor();
        await check(page, 'working-groups', viewport.width);

        await page.goto(`${MEETING}?tab=actions`);
        await page.locator('.action').first().waitFor();
        await check(page, 'actions', viewport.width);

        // The chair's page of a public meeting's registrations, with one registered person in its table.
        await page.goto(`/meetings/${DEMO_MEETING.id}/registrations`);
        await page.getByRole('button', { name: 'Close registration' }).waitFor();
        await page.getByRole('table').waitFor();
        await check(page, 'registrations', viewport.width);
      } finally {
        await context.close();
      }
    });
  }
});

describe('comments in the margin', () => {
  it('keep a thread level with its passage after 20 paragraphs are inserted above it', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1920, height: 1080 } });
    try {
      const page = await context.newPage();
      await page.goto(`${MEETING}/proposals/${GDC_PROPOSAL_ID}`);
      await page.getByLabel('Email').fill('kwame@example.org'); // an author: he may write the text
      await page.getByLabel('Password').fill('plenary-demo-2025');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const anchor = page.locator('.ProseMirror .comment-anchor').first();
      await anchor.waitFor();
      const threadId = await anchor.getAttribute('data-thread-id');
      const thread = page.locator(`li[data-thread-id="${threadId}"]`);
      const offset = async () => {
        const [passage, card] = await Promise.all([anchor.boundingBox(), thread.boundingBox()]);
        return Math.abs(passage!.y - card!.y);
      };
      await expect.poll(offset).toBeLessThanOrEqual(4);
      const before = (await anchor.boundingBox())!.y;

      // Twenty paragraphs at the very start of the text push the passage down.
      await page.locator('.ProseMirror').click();
      await page.keyboard.press('Control+Home');
      // Each line's text goes in as one input, as a paste or a dictation does, where typing it key by key
      // (480 keys, each an edit sent to the server) took most of this test's 50 s.
      for (let line = 1; line <= 20; line += 1) {
        await page.keyboard.insertText(`Paragraph ${line} added above`);
        await page.keyboard.press('Enter');
      }
      await expect.poll(async () => (await anchor.boundingBox())!.y).toBeGreaterThan(before + 300);
      await expect.poll(offset).toBeLessThanOrEqual(4);
    } finally {
      await context.close();
    }
  });
});

describe('a long unbroken word', () => {
  // The longest title the form allows, as one word: it wraps where people's words are shown
  // (headings, titles, the search's "Results for …") instead of pushing the page sideways.
  const LONG = 'A'.repeat(200);

  /** How wide the page and the title's content are, against the room they have. */
  const overflow = (page: Page, title: string) =>
    page
      .locator(title)
      .first()
      .evaluate((heading) => {
        const root = document.documentElement;
        return {
          scrollWidth: root.scrollWidth,
          clientWidth: root.clientWidth,
          titleScrollWidth: heading.scrollWidth,
          titleClientWidth: heading.clientWidth,
        };
      });

  it('wraps on the proposal’s page, in the proposals list, on the search page and on the public page, at 360 and 1440 px', async () => {
    const kwame = await signIn('kwame@example.org');
    const created = await kwame.context.request.post(`/api/meetings/${DEMO_MEETING.id}/proposals`, {
      data: { kind: 'PN', title: LONG, summary: LONG, publicComment: true },
    });
    expect(created.status()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const { page } = kwame;
    for (const width of [360, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      const pages: [string, string, string][] = [
        ['proposal page', `${MEETING}/proposals/${id}`, 'h1#proposal-title'],
        ['proposals list', `${MEETING}?tab=proposals`, `[data-proposal-id="${id}"] .card__title`],
        ['search page', `/search?q=${'a'.repeat(200)}`, 'h1#search-title'],
        ['public page', `/public/meetings/${DEMO_MEETING.id}`, `h3:text("${LONG}")`],
      ];
      for (const [name, url, title] of pages) {
        await page.goto(url);
        await page.locator(title).first().waitFor();
        // The layout settles after live data arrives: measured until it fits, for 5 s at most (was a fixed 300 ms).
        let measured = await overflow(page, title);
        const fits = () => measured.scrollWidth <= measured.clientWidth && measured.titleScrollWidth <= measured.titleClientWidth;
        for (const until = Date.now() + 5_000; !fits() && Date.now() < until; ) {
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          measured = await overflow(page, title);
        }
        expect.soft(measured.scrollWidth, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(measured.clientWidth);
        expect
          .soft(measured.titleScrollWidth, `${name}’s title at ${width}px overflows its box`)
          .toBeLessThanOrEqual(measured.titleClientWidth);
      }
    }
  });
});

describe('the tools column’s heading', () => {
  it('keeps its words whole in Russian at 1280 and 2560 px, the hide button beside it or below it', async () => {
    // "Инструменты" beside "Скрыть инструменты" was split inside the word ("Инструме / нты").
    const { page } = await signIn('kwame@example.org', MEETING, { language: 'ru' });
    for (const width of [1280, 2560]) {
      await page.setViewportSize({ width, height: 900 });
      const heading = page.locator('#tools-title');
      await expect.poll(() => heading.textContent()).toBe('Инструменты');
      await page.getByRole('button', { name: 'Скрыть инструменты' }).waitFor();
      // Each word's characters lie on one line: a Range over a word broken across lines has a rect per line.
      const words = await heading.evaluate((element) => {
        const text = element.firstChild as Text;
        const found: { word: string; lines: number }[] = [];
        for (const match of text.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          found.push({ word: match[0], lines: tops.size });
        }
        return found;
      });
      expect(words, `at ${width} px`).toEqual([{ word: 'Инструменты', lines: 1 }]);
      const measured = await heading.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
      expect(measured.scroll, `the heading overflows its box at ${width} px`).toBeLessThanOrEqual(measured.client);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.locator('.meeting__side').screenshot({ path: path.join(SHOTS, `tools-heading-ru-${width}.png`) });
    }
  });
});
