/**
 * A part of a page that fails to render shows why in its place, and the rest of the page keeps
 * working (client/src/ui/ErrorBoundary.tsx). The failure is brought about the way one happens in
 * the field: the server answers with something this client cannot show (here, the browser is
 * given a malformed answer, as a server of another release might send), and the part throws
 * while rendering it. "Try again" mounts the part afresh, which asks the server again. A page
 * whose meeting the server refuses says why instead (client/src/meetings/MeetingContext.tsx).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { GDC_PROPOSAL_ID } from '../../server/src/proposals/demoProposals.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, typeAtEnd } from '../helpers/browser.ts';

const MEETING = `/meetings/${DEMO_MEETING.id}`;
const PART_FAILED = 'This part of the page stopped working because of an error. The rest of the page still works.';
const PAGE_FAILED = 'This page stopped working because of an error.';

const { signIn } = browserSuite();

describe('a part of a page that fails', () => {
  it('shows a failed tool’s message in its place, keeps the agenda working, and comes back on “Try again”', async () => {
    const kwame = await signIn('kwame@example.org', MEETING);
    const { page } = kwame;
    const versions = `**/api/meetings/${DEMO_MEETING.id}/versions`;
    // A list with a hole in it: the versions tool reads each entry's id while rendering.
    await page.route(versions, (route) => route.fulfill({ json: [null] }));
    await page.locator('.ProseMirror').waitFor();
    await page.getByRole('tab', { name: 'Versions' }).click();

    const tools = page.locator('#tools-content');
    const alert = tools.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(PART_FAILED);
    expect(await alert.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await alert.getByRole('button', { name: 'Reload the page' }).isVisible()).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);
    // Logged for whoever investigates (and for this suite's failure report), with the part's name.
    await expect.poll(() => kwame.errors.join('\n')).toContain('[plenary] part "tool:versions" of the page failed');

    // The rest of the page works: the text is edited live, the comments and the other tools are there.
    await typeAtEnd(page, 'Typed while the versions tool had failed');
    await expect.poll(() => page.locator('.ProseMirror').textContent()).toContain('Typed while the versions tool had failed');
    expect(await page.locator('#meeting-title').textContent()).toBe(DEMO_MEETING.title);
    expect(await page.getByRole('complementary', { name: 'Comments' }).isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(1);

    // "Try again" mounts the tool afresh; it asks the server again and now gets a list it can show.
    await page.unroute(versions);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Versions' }).isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Name the agenda as it is now' }).isVisible()).toBe(true);
    expect(await tools.getByRole('alert').count()).toBe(0);
  });

  it('shows a failed page’s message under a header that still works, and comes back on “Try again”', async () => {
    const kwame = await signIn('kwame@example.org');
    const { page } = kwame;
    const proposal = `**/api/proposals/${GDC_PROPOSAL_ID}`;
    // A proposal without its authors: the page reads them while rendering.
    await page.route(proposal, (route) => route.fulfill({ json: { id: GDC_PROPOSAL_ID, title: 'Broken' } }));
    await page.goto(`${MEETING}/proposals/${GDC_PROPOSAL_ID}`);

    const alert = page.getByRole('main').getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(PAGE_FAILED);
    await expect.poll(() => kwame.errors.join('\n')).toContain('[plenary] part "page" of the page failed');

    // The header still leads elsewhere, and the page there starts afresh.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await expect.poll(() => page.locator('#meetings-title').isVisible()).toBe(true);
    expect(await page.getByRole('main').getByRole('alert').count()).toBe(0);

    // Back on the proposal, which fails again; once the server answers well, "Try again" shows it.
    await page.goBack();
    await expect.poll(() => alert.textContent()).toContain(PAGE_FAILED);
    await page.unroute(proposal);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.locator('#proposal-title').isVisible()).toBe(true);
    expect(await page.getByRole('main').getByRole('alert').count()).toBe(0);
  });

  it('says why on each page of a meeting that does not exist, without failing the page', async () => {
    const kwame = await signIn('kwame@example.org');
    const { page } = kwame;
    // The meeting's own page, a proposal in it, and the two projector views all load the meeting first.
    for (const path of ['', `/proposals/${GDC_PROPOSAL_ID}`, '/polls/some-poll/present', '/floor/present']) {
      await page.goto(`/meetings/no-such-meeting${path}`);
      // Not something gone wrong: the page says the meeting does not exist, as a missing proposal's page does, with a way back.
      await page.getByRole('heading', { level: 1, name: 'This meeting does not exist.' }).waitFor();
      expect(await page.getByRole('main').getByRole('link', { name: 'Back to the consultations' }).count(), path).toBe(1);
      expect(await page.getByRole('main').getByRole('alert').count(), path).toBe(0);
      expect(await page.getByRole('main').getByRole('status').count(), path).toBe(0);
      expect(await a11yViolations(page), path).toEqual([]);
    }
    // Refused by the server, not broken: no part of the page failed.
    expect(kwame.errors.join('\n')).not.toContain('[plenary] part');
  });

  it('says so on the projector page of a poll that does not exist, in the tab too, with the way back to the polls', async () => {
    const kwame = await signIn('kwame@example.org');
    const { page } = kwame;
    // The meeting is there, the poll is not: it said only "This poll does not exist.", titled "Plenary", with no way back.
    await page.goto(`${MEETING}/polls/no-such-poll/present`);
    await page.getByRole('heading', { level: 1, name: 'This poll does not exist.' }).waitFor();
    await expect.poll(() => page.title()).toBe('This poll does not exist. – Plenary');
    expect(await page.getByRole('main').getByRole('status').count()).toBe(0);
    expect(await a11yViolations(page)).toEqual([]);
    await page
      .getByRole('main')
      .getByRole('link', { name: `Back to the polls of ${DEMO_MEETING.title}` })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Polls' }).waitFor();
    expect(new URL(page.url()).search).toBe('?tab=polls');
    expect(kwame.errors).toEqual([]);
  });
});
