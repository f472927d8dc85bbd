/**
 * The public pages in Chromium with JavaScript disabled: a reader who is not signed in finds the
 * agenda, a proposal open for public comment and a closed poll's results, follows links to the
 * poll's permanent page, and registers through the plain HTML form (a refused form comes back as
 * typed, the focus on the reasons). axe finds nothing, and the
 * page fits a 360 px phone without sideways scrolling. With JavaScript, a decision recorded through
 * the API appears on the open page without a reload, announced in the polite live region.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { PUBLIC_TEXT } from '../../server/src/public/publicText.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { login, sleep } from '../helpers/clients.ts';
import { closePoll, createPoll, openPoll } from '../helpers/pollClients.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

let server: TestServer;
let browser: Browser;
let noScript: BrowserContext;
const PAGE = () => `${server.baseUrl}/public/meetings/${DEMO_MEETING.id}`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
});

afterAll(async () => {
  await noScript?.close();
  await browser?.close();
  await server?.close();
});

describe('the public meeting page without JavaScript', () => {
  it('shows the agenda, a proposal with its text and comments, and a closed poll’s results', async () => {
    const page = await noScript.newPage();
    await page.goto(PAGE());
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(DEMO_MEETING.title);
    const agenda = page.locator('section[aria-labelledby="agenda"]');
    // The three days of the meeting, each heading its items, as in the pack's annex.
    await expect(agenda.locator('h3').allTextContents()).resolves.toEqual(['Day 1', 'Day 2', 'Day 3']);
    expect(await agenda.locator('h4').count()).toBeGreaterThan(3);
    const proposal = page.locator('#proposal-pn-gdc-implementation');
    await expect(proposal.locator('h3').textContent()).resolves.toBe(
      'Policy Network on the Implementation of the Global Digital Compact',
    );
    await expect(proposal.textContent()).resolves.toContain('open for public comment');
    await expect(proposal.textContent()).resolves.toContain(
      'The Global Digital Compact asks the IGF to support its implementation.',
    );
    const poll = page.locator('section[aria-labelledby="polls"]');
    const table = poll.locator('table').first();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    // Nothing scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await poll.getByRole('link', { name: 'Continue with last year’s MAG Working Groups for the IGF 2025 cycle?' }).click();
    await page.waitForURL(/\/polls\//);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Continue with last year’s MAG Working Groups for the IGF 2025 cycle?',
    );
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(1);
    await page.close();
  });

  it('lets a reader register through the HTML form', async () => {
    const page = await noScript.newPage();
    await page.goto(PAGE());
    await page.getByRole('link', { name: 'Register for this meeting' }).click();
    await page.getByLabel('Name').fill('Kofi Mensah');
    await page.getByLabel('Email').fill('kofi@example.net');
    await page.getByLabel('Stakeholder group').selectOption('technical-community');
    await page.getByLabel('Country').fill('Ghana');
    await page.getByLabel('Affiliation').fill('Accra Internet Society');
    // A person takes a few seconds; the server refuses forms sent faster.
    await sleep(3_200);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/register\/sent$/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('We have sent you an email');
    await page.close();
  });
});

describe('the registration form after a refusal', () => {
  it('gives a refused form back as it was typed, with the focus on what to fix and each reason beside its field', async () => {
    const en = PUBLIC_TEXT.en.registration;
    // The form has no script; JavaScript is on only for axe, which runs in the page.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${PAGE()}/register`);
    const typed = { name: 'Ana <b>"Lima"</b>', country: 'Perú', affiliation: 'Red d’Amigos & Co' };
    const fill = async (email: string) => {
      await page.getByLabel('Name').fill(typed.name);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Stakeholder group').selectOption('civil-society');
      await page.getByLabel('Country').fill(typed.country);
      await page.getByLabel('Affiliation').fill(typed.affiliation);
    };
    const expectTyped = async (email: string) => {
      await expect(page.getByLabel('Name').inputValue()).resolves.toBe(typed.name);
      await expect(page.getByLabel('Email').inputValue()).resolves.toBe(email);
      await expect(page.getByLabel('Stakeholder group').inputValue()).resolves.toBe('civil-society');
      await expect(page.getByLabel('Country').inputValue()).resolves.toBe(typed.country);
      await expect(page.getByLabel('Affiliation').inputValue()).resolves.toBe(typed.affiliation);
    };
    /** What has the focus once the page is shown: the summary, so that a screen reader starts there. */
    const focused = () => page.evaluate(() => document.activeElement?.className ?? '');

    // Sent at once: faster than a person, refused; everything typed is still there.
    await fill('already@taken.example');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(en.errors.tooFast);
    await expect(focused()).resolves.toBe('error-summary');
    await expectTyped('already@taken.example');
    expect(await a11yViolations(page), 'refused form').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // An email the browser lets through and the board does not (no dot in its domain): the reason
    // beside the email, linked from the summary.
    await page.getByLabel('Email').fill('kwame@example');
    await sleep(3_200);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForLoadState();
    await expect(focused()).resolves.toBe('error-summary');
    const email = page.getByLabel('Email');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!;
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(en.errors.email);
    await expect(page.getByRole('alert').getByRole('link').getAttribute('href')).resolves.toBe('#reg-email');
    await expectTyped('kwame@example');
    expect(await a11yViolations(page), 'form with a wrong field').toEqual([]);

    // Only the email to fix, and it goes through.
    await email.fill('ana.lima@example.net');
    await sleep(3_200);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/register\/sent$/);
    await context.close();
  });
});

describe('the public meeting page with JavaScript', () => {
  it('shows a decision recorded through the API without a reload, and says “Updated” politely', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') scriptErrors.push(message.text());
    });
    // The interval the page polls at is 10 s; `?poll=` shortens it for the test.
    await page.goto(`${PAGE()}?poll=1000`);
    const marker = await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
      return document.getElementById('live-status')?.getAttribute('aria-live');
    });
    expect(marker).toBe('polite');
    // Exactly one script, same-origin and external: nothing inline.
    const scripts = await page.evaluate(() =>
      Array.from(document.scripts, (script) => ({ src: script.src, inline: script.text })),
    );
    expect(scripts).toEqual([{ src: `${server.baseUrl}/public/live.js`, inline: '' }]);
    const decisions = page.locator('section[aria-labelledby="polls"]');
    const question = 'Publish the consultation summary on the IGF website?';
    await expect(decisions.textContent()).resolves.not.toContain(question);

    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const { id } = await createPoll(server.baseUrl, secretariat, DEMO_MEETING.id, {
      question,
      kind: 'single',
      audience: 'everyone',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    await openPoll(server.baseUrl, secretariat, id);
    await closePoll(server.baseUrl, secretariat, id);

    // Within a poll or two of the close; the locator's own 30 s leave a loaded machine room.
    await decisions.getByRole('link', { name: question }).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/^Updated /);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(scriptErrors).toEqual([]);
    await context.close();
  });
  it('says live updates are paused when its poll is refused, waits the Retry-After, and resumes by itself', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    // The first two polls are refused as the rate limiter refuses them (a hall behind one address), then
    // the route answers again.
    const asked: { at: number; refused: boolean }[] = [];
    await page.route('**/public/meetings/*/live', async (route) => {
      const refused = asked.filter((entry) => entry.refused).length < 2;
      asked.push({ at: Date.now(), refused });
      if (!refused) return route.continue();
      return route.fulfill({
        status: 429,
        headers: { 'retry-after': '2', 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded, retry in 2 seconds' } }),
      });
    });
    await page.goto(`${PAGE()}?poll=1000`);
    const status = page.getByRole('status');
    const paused = PUBLIC_TEXT.fr.layout.paused;
    await page.waitForFunction((text) => document.getElementById('live-status')?.textContent === text, paused);
    // Back in service: the next answered poll takes the notice away.
    await page.waitForFunction(() => document.getElementById('live-status')?.textContent === '', undefined, {
      timeout: 30_000,
    });
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(asked[2]!.refused).toBe(false);
    // Each refusal waited its 2 s Retry-After (the page polls every second here), not the interval.
    expect(asked[1]!.at - asked[0]!.at).toBeGreaterThanOrEqual(2000);
    expect(asked[2]!.at - asked[1]!.at).toBeGreaterThanOrEqual(2000);
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await context.close();
  });
});

describe('the public pages in the reader’s language', () => {
  it('follow an Arabic browser right to left on a phone, and keep French once chosen by keyboard', async () => {
    const context = await browser.newContext({ locale: 'ar-EG', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(PAGE());
    const ar = PUBLIC_TEXT.ar;
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await expect(page.getByRole('heading', { level: 2, name: ar.meeting.agenda, exact: true }).isVisible()).resolves.toBe(true);
    // The meeting's own words, English here, keep their direction inside the Arabic page.
    await expect(page.getByRole('heading', { level: 1 }).evaluate((h1) => getComputedStyle(h1).direction)).resolves.toBe('ltr');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await a11yViolations(page), 'Arabic meeting page').toEqual([]);

    // The languages come right after the skip link and the site's name, each a link in its own language.
    const languages = page.getByRole('navigation', { name: ar.layout.languages });
    await languages.getByRole('link', { name: 'Français' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?lang=fr$/);
    const fr = PUBLIC_TEXT.fr;
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);
    await expect(
      page
        .getByRole('navigation', { name: fr.layout.languages })
        .getByRole('link', { name: 'Français' })
        .getAttribute('aria-current'),
    ).resolves.toBe('true');
    // Links keep the choice, though the browser asks for Arabic.
    await page.locator('section[aria-labelledby="polls"] h4 a').first().click();
    await page.waitForURL(/\/polls\/[^?]+\?lang=fr$/);
    await expect(page.locator('table th[scope="col"]').first().textContent()).resolves.toBe(fr.poll.option);
    await page.goBack();
    await page.getByRole('link', { name: fr.registration.link }).click();
    await page.waitForURL(/\/register\?lang=fr$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(fr.registration.heading);
    await expect(page.getByLabel(fr.registration.group).isVisible()).resolves.toBe(true);
    expect(await a11yViolations(page), 'French registration form').toEqual([]);
    await context.close();
  });

  it('fit a 360 px phone in every language: meeting, version, poll and registration form', async () => {
    // French and Russian name the stakeholder groups at length ("Organisations intergouvernementales"): the
    // list was as wide as that option, and the form 395 px (French) and 402 px (Russian) wide.
    const page = await noScript.newPage();
    const overflowing: string[] = [];
    for (const language of ['fr', 'ru', 'ar', 'es', 'zh', 'en']) {
      await page.goto(`${PAGE()}?lang=${language}`);
      const version = page.locator('section[aria-labelledby="versions"] a[href*="/versions/"]:not([href$=".md"])').first();
      const poll = page.locator('section[aria-labelledby="polls"] h4 a').first();
      const paths = [
        `${PAGE()}?lang=${language}`,
        (await version.getAttribute('href'))!,
        (await poll.getAttribute('href'))!,
        `${PAGE()}/register?lang=${language}`,
      ];
      for (const path of paths) {
        await page.goto(new URL(path, server.baseUrl).href);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        if (scrollWidth > clientWidth) overflowing.push(`${path}: ${scrollWidth} px in ${clientWidth} px`);
      }
    }
    expect(overflowing).toEqual([]);
    await page.close();
  });
});

describe('the public pages for assistive technology', () => {
  it('have no axe violations (meeting, version-less poll page, registration form), and log no error', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The console, where a browser also reports what it failed to fetch on its own (a favicon once).
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    for (const path of ['', '/register']) {
      await page.goto(`${PAGE()}${path}`);
      expect(await a11yViolations(page), path || 'meeting').toEqual([]);
    }
    await page.goto(PAGE());
    await page.locator('section[aria-labelledby="polls"] h4 a').first().click();
    await page.waitForURL(/\/polls\//);
    expect(await a11yViolations(page), 'poll').toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
