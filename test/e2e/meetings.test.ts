/**
 * Cycle administration in Chromium: the secretariat creates a meeting from the demo one in the
 * browser, opens it and finds the copied agenda, which a member edits; the secretariat archives
 * it through the confirmation dialog and the agenda turns read-only on the member's open page.
 * The new pages (start page with the form and dialog, timeline, audit log, calls on the
 * proposals page) pass axe and fit a 360 px screen without sideways scrolling.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_AGENDA, DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { MeetingDto } from '../../shared/schemas/meetings.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';

const { server, signIn } = browserSuite();
const TITLE = 'IGF 2025 Joint MAG-LP meeting';
const FIRST_ITEM = DEMO_AGENDA[0]!.items[1]!.title;

/** Elements that stick out past the right edge of the viewport (none when the page fits). */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    document.documentElement.scrollWidth <= window.innerWidth
      ? []
      : [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
          .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`)
          .slice(0, 10),
  );

describe('meetings administered in the browser', () => {
  let meetingId = '';

  it('lets the secretariat create a meeting from the demo one, open it and find the copied agenda', async () => {
    // Signed in on a deep link (from '/', sign-in lands in the newest meeting), then to the start page by the menu.
    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('First day').fill('2027-02-17');
    await page.getByLabel('Last day').fill('2027-02-18');
    await page.getByLabel('Start time (optional)').fill('13:00');
    await page.getByLabel('Time zone').selectOption('Europe/Oslo');
    await page.getByLabel('Format').selectOption({ label: 'Hybrid' });
    await page.getByLabel('Place (optional)').fill('Oslo');
    await page.getByLabel('Create from').selectOption({ label: DEMO_MEETING.title });
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create meeting' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'was created' }).count()).toBe(1);

    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    const card = upcoming.getByRole('listitem').filter({ hasText: TITLE });
    await expect.poll(() => card.textContent()).toContain('Oslo');
    expect(await card.textContent()).toContain('Your time:');
    const meetings = await http<MeetingDto[]>(server.baseUrl, 'GET', '/api/meetings', {
      cookie: (await login(server.baseUrl, 'secretariat@example.org')).cookie,
    });
    meetingId = meetings.body.find((meeting) => meeting.title === TITLE)!.id;

    await card.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect.poll(() => page.locator('.ProseMirror').textContent(), { timeout: 15_000 }).toContain(FIRST_ITEM);
    expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('archives it after a confirmation that names what happens, and the agenda turns read-only on an open page', async () => {
    const member = await signIn('kwame@example.org', `/meetings/${meetingId}`);
    await expect.poll(() => member.page.locator('.ProseMirror').textContent(), { timeout: 15_000 }).toContain(FIRST_ITEM);
    await expect.poll(() => member.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true');
    await member.page.locator('.ProseMirror').click();
    await member.page.keyboard.press('Control+End');
    await member.page.keyboard.type(' Edited by a member');

    const { page } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('button', { name: `Archive: ${TITLE}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Archive “${TITLE}”?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Open polls are closed');
    expect(await dialog.textContent()).toContain('read-only for everyone');
    // The safe choice has the focus; Escape cancels.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it active');
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByRole('button', { name: `Archive: ${TITLE}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Archive the meeting' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'was archived' }).count()).toBe(1);
    const card = page.getByRole('listitem').filter({ hasText: TITLE });
    await expect.poll(() => card.textContent()).toContain('Archived');
    expect(await card.getByRole('button', { name: `Archive: ${TITLE}` }).count()).toBe(0);

    // The member's open page: the editor stops being editable and says why.
    await expect
      .poll(() => member.page.locator('.ProseMirror').getAttribute('contenteditable'), { timeout: 15_000 })
      .toBe('false');
    await expect.poll(() => member.page.getByText('This meeting is archived').count()).toBeGreaterThan(0);
    expect(await member.page.locator('.ProseMirror').textContent()).toContain('Edited by a member');

    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('note').filter({ hasText: 'Archived on' }).waitFor();
    await page.locator('.ProseMirror').waitFor();
    await expect.poll(() => page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('has a timeline, an audit log and calls on the proposals page without axe violations, fitting 360 px', async () => {
    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('heading', { name: 'Cycle timeline' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: DEMO_MEETING.title }).first().waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByLabel('Only what concerns me').check();
    await page.getByRole('button', { name: 'Get a new private address' }).click();
    const address = await page.getByLabel('Your private calendar address').inputValue();
    expect(address).toMatch(/\/api\/calendar\/.+\.ics$/);
    expect((await fetch(address)).status).toBe(200);
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByRole('table').waitFor();
    await page.getByLabel('Action').selectOption('meeting.archive');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(2);
    expect(await page.getByRole('table').textContent()).toContain(`meeting:${meetingId}`);
    expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toContain('action=meeting.archive');
    expect(await a11yViolations(page)).toEqual([]);

    await page.goto(`/meetings/${DEMO_MEETING.id}?tab=proposals`);
    await page.getByRole('heading', { name: 'Calls for proposals' }).waitFor();
    await expect.poll(() => page.getByText('Time left:').count()).toBe(2);
    expect(await a11yViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/', '/timeline', '/admin/audit-log', `/meetings/${DEMO_MEETING.id}?tab=proposals`]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await overflowing(page), path).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
});
