/**
 * Every page names itself in the browser's tab ("<page> – Plenary"): a person with the board open
 * in several tabs, their history and their bookmarks tell the pages apart, and a screen reader
 * announces the page's name. Only the meeting and a proposal did; every other page said "Plenary".
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { GDC_PROPOSAL_ID } from '../../server/src/proposals/demoProposals.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';

const { server, browser, signIn } = browserSuite();
const MEETING = `/meetings/${DEMO_MEETING.id}`;

/** Opens each path in turn and reads the tab's title once the page's heading is there. */
async function titlesOf(page: import('playwright-core').Page, paths: string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const path of paths) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => page.title(), { message: path }).not.toBe('Plenary');
    titles.set(path, await page.title());
  }
  return titles;
}

describe('the browser tab’s title', () => {
  it('names every page, signed in and signed out, each differently', { timeout: 180_000 }, async () => {
    const session = await login(server.baseUrl, 'secretariat@example.org');
    const polls = await http<{ id: string }[]>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/polls`, {
      cookie: session.cookie,
    });
    expect(polls.status).toBe(200);
    const pollId = polls.body[0]!.id;

    const secretariat = await signIn('secretariat@example.org', '/');
    const signedIn = await titlesOf(secretariat.page, [
      '/',
      MEETING,
      `${MEETING}/proposals/${GDC_PROPOSAL_ID}`,
      `${MEETING}/registrations`,
      `${MEETING}/floor/present`,
      `${MEETING}/polls/${pollId}/present`,
      '/timeline',
      '/admin/people',
      '/admin/audit-log',
      '/profile',
      '/settings/tokens',
      '/settings/notifications',
      '/search',
      '/search?q=Internet',
      '/no-such-page',
      '/meetings/nope',
    ]);
    expect(signedIn.get('/')).toBe('Consultations – Plenary');
    expect(signedIn.get('/admin/people')).toBe('People – Plenary');
    // A meeting that does not exist says so, as a missing proposal or page does; it said "Plenary".
    expect(signedIn.get('/meetings/nope')).toBe('This meeting does not exist. – Plenary');

    const context = await browser.newContext({ baseURL: server.baseUrl });
    const signedOut = await titlesOf(await context.newPage(), [
      '/',
      '/password-reset',
      '/password-reset/not-a-real-token',
      '/invitations/not-a-real-token',
    ]);
    await context.close();
    expect(signedOut.get('/')).toBe('Sign in – Plenary');

    const all = [...signedIn.values(), ...signedOut.values()];
    for (const title of all) expect(title).toMatch(/ – Plenary$/);
    // Each page its own name.
    expect(new Set(all).size, JSON.stringify(all, null, 1)).toBe(all.length);
  });
});
