/**
 * The board in the six UN languages, in Chromium. For each language the browser asks for (its
 * Accept-Language / navigator.languages), the sign-in page, the agenda, a proposal, the polls,
 * the working groups and the actions show no text of the English catalogue (proper nouns and
 * user content aside) and have no axe violations. In Arabic the page is right to left, the side
 * panel sits on the left, a time range of the agenda is isolated so it reads in order, and an
 * English title keeps its own left-to-right direction, and Arabic typed in the editor runs right to left with the
 * caret at its left end. Switching language keeps the WebSocket.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import glossary from '../../shared/i18n/glossary.json' with { type: 'json' };
import { LANGUAGES, type Language } from '../../shared/i18n/languages.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, typeAtEnd } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/clients.ts';

const { server, browser, signIn } = browserSuite();
const root = path.resolve(import.meta.dirname, '../../client/src/i18n');
const meeting = `/meetings/${DEMO_MEETING.id}`;
const PAGES = [
  { name: 'agenda', path: meeting, expected: 'common.json.meeting.tabs.agenda' },
  { name: 'proposal', path: `${meeting}/proposals/pn-gdc-implementation` },
  { name: 'polls', path: `${meeting}?tab=polls` },
  { name: 'working groups', path: `${meeting}?tab=groups`, expected: 'workingGroups.json.title' },
  { name: 'actions', path: `${meeting}?tab=actions` },
];

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else flatten(value, name, out);
  }
  return out;
}
const catalogue = (folder: string) =>
  new Map(
    readdirSync(path.join(root, 'en')).flatMap((file) => [
      ...flatten(JSON.parse(readFileSync(path.join(root, folder, file), 'utf8')) as Tree, file),
    ]),
  );
const english = catalogue('en');
const alike = (language: string) =>
  new Set(
    [...glossary.properNouns, ...((glossary.sameSpelling as Record<string, string[]>)[language] ?? [])].map((w) =>
      w.toLowerCase(),
    ),
  );

/** English sentences that must not show in another language: whole strings with words, without placeholders. */
function englishOnly(language: Language): Set<string> {
  const translated = catalogue(`locales/${language}`);
  const allowed = alike(language);
  const out = new Set<string>();
  for (const [key, value] of english) {
    if (value.includes('{{') || translated.get(key) === value) continue;
    const words = value.match(/\p{L}+/gu) ?? [];
    if (words.length === 0 || words.every((word) => allowed.has(word.toLowerCase()))) continue;
    out.add(value);
  }
  return out;
}

/** Text nodes of the page that are the interface's own (user content, marked dir=auto or bdi, and the editor left out). */
const interfaceTexts = (page: Page) =>
  page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[dir="auto"], bdi, .ProseMirror, option, script, style, .agenda-item__meta')) continue;
      const text = node.textContent?.trim();
      if (text) texts.push(text);
    }
    return texts;
  });

async function openAs(language: Language, email: string) {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: language === 'zh' ? 'zh-CN' : language });
  const page = await context.newPage();
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto('/');
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  await page.locator('input[type="email"]').waitFor();
  return { context, page, sockets, email };
}

async function signInByForm(page: Page, email: string) {
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.locator('.site-header__user').waitFor();
}

describe('the board in the six UN languages', () => {
  for (const language of LANGUAGES) {
    it(`speaks ${language} on every main page, with no English catalogue text and no axe violation`, {
      timeout: 180_000,
    }, async () => {
      const { context, page } = await openAs(language, 'secretariat@example.org');
      const forbidden = language === 'en' ? new Set<string>() : englishOnly(language);
      if (language !== 'en') expect(forbidden.size).toBeGreaterThan(300);
      const own = catalogue(language === 'en' ? 'en' : `locales/${language}`);
      const check = async (where: string, expected?: string) => {
        const texts = await interfaceTexts(page);
        // The page is in the language: a string of its catalogue shows.
        if (expected) expect(texts, `${language} ${where}`).toContain(own.get(expected));
        const leaks = texts.filter((text) => forbidden.has(text));
        expect(leaks, `${language} ${where}`).toEqual([]);
        expect(await a11yViolations(page), `${language} ${where}`).toEqual([]);
      };
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'ar' ? 'rtl' : 'ltr');
      await check('sign-in', 'common.json.signIn.intro');
      await signInByForm(page, 'secretariat@example.org');
      for (const { name, path: target, expected } of PAGES as { name: string; path: string; expected?: string }[]) {
        await page.goto(target);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        await check(name, expected);
      }
      await context.close();
    });
  }

  // Typing Arabic into the editor once failed under load (never alone): the text landed in a heading, not at the end.
  // ProseMirror reads the selection a task after Control+End, and a document change in between (the comment threads'
  // highlights, the synced agenda) drew its older selection back after the test had seen the page's caret at the end.
  // typeAtEnd (caretToEnd) reads the caret as ProseMirror holds it, twice, before it types.
  it('lays Arabic out right to left: side panel on the left, time ranges isolated, English titles keep their direction', {
    timeout: 120_000,
  }, async () => {
    const { context, page } = await openAs('ar', 'chair@example.org');
    await signInByForm(page, 'chair@example.org');
    await page.goto(meeting);
    await page.locator('.ProseMirror').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const side = await page.locator('aside.meeting__side').boundingBox();
    const editor = await page.locator('.ProseMirror').boundingBox();
    expect(side!.x).toBeLessThan(editor!.x);
    // A slot of the agenda: "12:00–12:10" between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
    await expect
      .poll(() => page.locator('.agenda-item__details').first().textContent())
      .toMatch(/\u2068\d{2}:\d{2}–\d{2}:\d{2}\u2069/);
    // The meeting's English title reads left to right inside the Arabic page, so its final punctuation stays at its end.
    const title = page.locator('#meeting-title');
    expect(await title.getAttribute('dir')).toBe('auto');
    expect(await title.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    // Typing Arabic in the editor: the new paragraph takes its direction from its text (dir=auto), so it and its
    // caret run right to left; the seed's English notes beside it stay left to right.
    // Typed once the agenda has synced (on a loaded machine, keys sent before that can be lost with the first render).
    await expect.poll(() => page.locator('.ProseMirror .agenda-item').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-state]').first().getAttribute('data-state')).toBe('online');
    // The comment threads are in: their highlights, drawn as they arrive, are not drawn while it types.
    await page.locator('.comments [data-thread-id]').first().waitFor();
    await typeAtEnd(page, 'ملاحظة جديدة');
    const typed = page.locator('.ProseMirror p', { hasText: 'ملاحظة جديدة' }).last();
    await typed.waitFor();
    expect(await typed.getAttribute('dir')).toBe('auto');
    expect(await typed.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const layout = await page.evaluate(() => {
      const caret = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      const paragraph = [...document.querySelectorAll('.ProseMirror p')].filter((p) => p.textContent === 'ملاحظة جديدة').pop()!;
      const text = document.createRange();
      text.selectNodeContents(paragraph);
      const words = text.getBoundingClientRect();
      return {
        caret: caret.left,
        textLeft: words.left,
        textRight: words.right,
        paragraphRight: paragraph.getBoundingClientRect().right,
      };
    });
    // The line starts at the right, and the caret, at the end of what was typed, is at its left end.
    expect(Math.abs(layout.textRight - layout.paragraphRight)).toBeLessThan(4);
    expect(Math.abs(layout.caret - layout.textLeft)).toBeLessThan(4);
    const english = page
      .locator('.ProseMirror p')
      .filter({ hasText: /^[A-Z]/ })
      .first();
    if ((await english.count()) > 0) expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    // An English proposal title: its own direction is left to right, so its final punctuation stays at its end.
    await page.goto(`${meeting}/proposals/pn-gdc-implementation`);
    const h1 = page.locator('#proposal-title');
    await h1.waitFor();
    expect(await h1.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await page.locator('main').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await context.close();
  });

  it('keeps a meeting’s English description left to right in the Arabic meeting list', { timeout: 60_000 }, async () => {
    const { context, page } = await openAs('ar', 'chair@example.org');
    await signInByForm(page, 'chair@example.org');
    await page.goto('/');
    const description = page.locator('.meeting-card p', { hasText: DEMO_MEETING.description!.slice(0, 40) });
    await description.waitFor();
    // Without dir="auto" it took the page's right to left, and its final full stop stood at its left.
    expect(await description.getAttribute('dir')).toBe('auto');
    expect(await description.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await context.close();
  });

  it('says every day of a meeting in its header as the meeting list does, with the language’s own separator', {
    timeout: 120_000,
  }, async () => {
    // The start on the meeting's clock follows, that clock named in the language (the demo meeting's is UTC).
    for (const [language, separator, start] of [
      ['en', ', ', '\u206810:00\u2069 Coordinated Universal Time (\u2068UTC\u2069)'],
      ['ar', '، ', '\u206810:00\u2069 حسب التوقيت العالمي المنسق (\u2068UTC\u2069)'],
    ] as const) {
      const { context, page } = await openAs(language, 'chair@example.org');
      await signInByForm(page, 'chair@example.org');
      await page.goto('/');
      const card = page.locator('.meeting-card').filter({ hasText: DEMO_MEETING.title });
      const listed = (await card.locator('.card__meta').first().textContent())!.split(' · ')[0]!;
      // The open consultation runs from 25 to 27 February 2025.
      expect(listed).toMatch(/^25\s*–\s*27 /);
      await page.goto(meeting);
      const header = (await page.locator('.meeting__meta').textContent())!;
      expect(header.startsWith(`${listed}${separator}${start} · `), header).toBe(true);
      await context.close();
    }
  });

  it('switches language in place: no reload, the WebSocket stays open and the connection stays online', {
    timeout: 120_000,
  }, async () => {
    const { context, page, sockets } = await openAs('en', 'chair@example.org');
    await signInByForm(page, 'chair@example.org');
    await page.goto(meeting);
    const status = page.locator('.connection').first();
    await expect.poll(() => status.getAttribute('data-state')).toBe('online');
    const opened = sockets.length;
    expect(opened).toBeGreaterThan(0);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    await page.locator('.language-picker select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect.poll(() => status.locator('.connection__label').textContent()).toBe('متصل');
    await page.locator('.language-picker select').selectOption('fr');
    await expect.poll(() => status.locator('.connection__label').textContent()).toBe('En ligne');
    expect(await status.getAttribute('data-state')).toBe('online');
    // Same page (no reload) and no new socket.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(sockets.length).toBe(opened);
    // The choice is stored on the person.
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
    expect(me.language).toBe('fr');
    await context.close();
  });
});

describe('the new meeting’s time zones', () => {
  it('names each zone in the reader’s language, the IANA id beside it, in that language’s order', {
    timeout: 90_000,
  }, async () => {
    // The picker listed "Africa/Addis Ababa" to a Russian or Chinese reader: now the browser's own
    // name for the zone, and still the id (the stored value, and what tells apart zones of one name).
    const expected = { ru: ['Новое совещание', 'Часовой пояс', 'Восточная Африка'], zh: ['新建会议', '时区', '东部非洲时间'] };
    for (const [language, [newMeeting, timeZone, eastAfrica]] of Object.entries(expected) as [Language, string[]][]) {
      // Signed in from the front page, one lands in the newest meeting: the list is back at '/'.
      const { page, context, errors } = await signIn('secretariat@example.org', '/', { language });
      await page.goto('/');
      await page.getByRole('button', { name: newMeeting }).click();
      const select = page.getByLabel(timeZone!, { exact: true });
      const options = await select
        .locator('option')
        .evaluateAll((list) =>
          list.map((option) => ({ value: (option as HTMLOptionElement).value, label: option.textContent ?? '' })),
        );
      expect(options.find((option) => option.value === 'Africa/Addis_Ababa')?.label, language).toBe(
        `${eastAfrica} (Africa/Addis Ababa)`,
      );
      // Not a list of ids: almost every zone has a name in the language.
      const named = options.filter((option) => option.label !== option.value.replaceAll('_', ' '));
      expect(named.length, language).toBeGreaterThan(options.length * 0.9);
      // In the language's collation, as the reader looks for a name.
      const labels = options.map((option) => option.label);
      const collated = await page.evaluate(([list, lang]) => [...list].sort(new Intl.Collator(lang).compare), [
        labels,
        language,
      ] as [string[], string]);
      expect(labels, language).toEqual(collated);
      // Chosen by its id still: the value sent to the server.
      await select.selectOption('Europe/Oslo');
      expect(await select.inputValue()).toBe('Europe/Oslo');
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
