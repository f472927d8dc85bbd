/**
 * A cycle administered in Chromium, as one story: the secretariat creates a meeting from the demo
 * one; invites a person, whose invitation arrives by email (a real SMTP server in this process);
 * the person follows the emailed link, sets a password, opens the new meeting and co-edits its
 * agenda live with a member; the secretariat archives the meeting through the confirmation
 * dialog and both open agendas turn read-only. Then the same person forgets the password and
 * resets it from the emailed link. Last, on another archived meeting, neither a member nor the
 * chair is offered a control that writes, on any tab. The new pages (start page with the form and dialog, timeline,
 * audit log, calls on the proposals page, password reset) pass axe and fit a 360 px screen; the audit log
 * says its actions and details in the reader's language.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENDA, DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { isolate } from '../../shared/i18n/format.ts';
import type { MeetingDto } from '../../shared/schemas/meetings.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, focused, pressEnterOn, typeAtEnd } from '../helpers/browser.ts';
import { http, httpOk, login, sleep, waitFor } from '../helpers/clients.ts';
import { setCurrentItem } from '../helpers/currentItem.ts';
import { freePort } from '../helpers/freePort.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { type ReceivedMail, startSmtpSink } from '../helpers/smtpSink.ts';

const smtp = await startSmtpSink(await freePort());
// A test's pages are closed after it, but for the member's agenda that the story hands on (keepForLaterTests).
const { server, browser, signIn, keepForLaterTests } = browserSuite(
  { env: { SMTP_URL: smtp.url, NOTIFY_TICK_MS: '100' } },
  // No test here is about the sign-in form (the invitee's and the reset's sign-ins are in contexts of their own).
  { closeContextsAfterEachTest: true, signInThroughApi: true },
);
const TITLE = 'IGF 2025 Joint MAG-LP meeting';
const FIRST_ITEM = DEMO_AGENDA[0]!.items[1]!.title;
const INVITEE = { email: 'amina.diallo@igf.example', name: 'Amina Diallo', password: 'amina chooses this' };

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

/** The first email to `address` whose subject is `subject`, as the SMTP server received it. */
const mailTo = async (address: string, subject: string): Promise<ReceivedMail> =>
  (await waitFor(() => smtp.to(address).find((mail) => mail.subject === subject), {
    message: `the email "${subject}" to ${address}`,
    timeout: 20_000,
  }))!;

const editor = (page: Page) => page.locator('.ProseMirror');

/** The agenda of `meetingId` open and editable on `page`. */
async function openAgenda(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}`);
  await expect.poll(() => editor(page).textContent(), { timeout: 15_000 }).toContain(FIRST_ITEM);
  await expect.poll(() => editor(page).getAttribute('contenteditable')).toBe('true');
}

afterAll(() => smtp.close());

describe('a cycle administered in the browser', () => {
  let meetingId = '';
  /** A member's and the invited person's pages on the new meeting's agenda, open from test to test. */
  let memberAgenda: Page;
  let invitee: { context: BrowserContext; page: Page; errors: string[] };

  afterAll(() => invitee?.context.close());

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

  it('invites a person by email, who follows the emailed link, sets a password and co-edits the new agenda live with a member', async () => {
    const secretariat = await signIn('secretariat@example.org', '/admin/people');
    const add = secretariat.page.getByRole('region', { name: 'Add a person' });
    await add.getByLabel('Email').fill(INVITEE.email);
    await add.getByLabel('Name', { exact: true }).fill(INVITEE.name);
    await add.getByLabel('Role').selectOption('member');
    await add.getByLabel('Stakeholder group').selectOption('civil-society');
    await add.getByRole('button', { name: 'Add and create the invitation' }).click();
    const shown = await secretariat.page
      .getByRole('region', { name: `Invitation link for ${INVITEE.name}` })
      .getByLabel('Invitation link')
      .inputValue();

    // The email, not the screen, carries the link to the person: the same link, in the inviter's language.
    const mail = await mailTo(INVITEE.email, 'You are invited to the Plenary board');
    expect(mail.text).toContain(`Hello ${INVITEE.name},`);
    const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBe(shown);

    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    invitee = { context, page, errors };
    await page.goto(link!);
    await page.getByLabel('Password', { exact: true }).fill(INVITEE.password);
    await page.getByLabel('Password again').fill(INVITEE.password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText(`Signed in as ${INVITEE.name} (Member)`).waitFor();

    // The invited person and a member on the new meeting's agenda; each sees what the other types, live.
    await openAgenda(page, meetingId);
    const member = keepForLaterTests(await signIn('kwame@example.org', '/timeline'));
    memberAgenda = member.page;
    await openAgenda(memberAgenda, meetingId);
    await typeAtEnd(page, 'Amina proposes a youth track.');
    await expect.poll(() => editor(memberAgenda).textContent(), { timeout: 15_000 }).toContain('Amina proposes a youth track.');
    await typeAtEnd(memberAgenda, 'Kwame seconds it.');
    await expect.poll(() => editor(page).textContent(), { timeout: 15_000 }).toContain('Kwame seconds it.');
    expect(errors).toEqual([]);
    expect(secretariat.errors).toEqual([]);
    expect(member.errors).toEqual([]);
  });

  it('archives it after a confirmation that names what happens, and both open agendas turn read-only', async () => {
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

    // Both open pages: the editor stops being editable, says why, and keeps what both wrote.
    for (const open of [invitee.page, memberAgenda]) {
      await expect.poll(() => editor(open).getAttribute('contenteditable'), { timeout: 15_000 }).toBe('false');
      await expect.poll(() => open.getByText('This meeting is archived').count()).toBeGreaterThan(0);
      expect(await editor(open).textContent()).toContain('Amina proposes a youth track.');
      expect(await editor(open).textContent()).toContain('Kwame seconds it.');
    }
    expect(invitee.errors).toEqual([]);

    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('note').filter({ hasText: 'Archived on' }).waitFor();
    await editor(page).waitFor();
    await expect.poll(() => editor(page).getAttribute('contenteditable')).toBe('false');
    expect(await a11yViolations(page)).toEqual([]);
  });

  it('deletes an empty meeting only after a confirmation that names what happens', async () => {
    const title = 'Informal call on the retreat venue';
    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    // A meeting with content is refused, and the refusal says what it holds (what archiving keeps).
    await page.getByRole('button', { name: `Delete: ${DEMO_MEETING.title}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete the meeting' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'cannot be deleted' });
    await expect.poll(() => refusal.textContent()).toMatch(/It holds: .*proposals: \d+.*polls: \d+.*\.$/);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('First day').fill('2027-05-04');
    await page.getByRole('button', { name: 'Create meeting' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'was created' }).count()).toBe(1);
    // The new outcome replaces the old refusal: one message at a time.
    expect(await refusal.count()).toBe(0);

    const remove = page.getByRole('button', { name: `Delete: ${title}` });
    await remove.click();
    const dialog = page.getByRole('alertdialog', { name: `Delete “${title}”?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('This cannot be undone.');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => remove.evaluate((button) => button === document.activeElement)).toBe(true);
    const cookie = (await login(server.baseUrl, 'secretariat@example.org')).cookie;
    const titles = async () =>
      (await http<MeetingDto[]>(server.baseUrl, 'GET', '/api/meetings', { cookie })).body.map((meeting) => meeting.title);
    expect(await titles()).toContain(title);

    await remove.click();
    await dialog.getByRole('button', { name: 'Delete the meeting' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'was deleted' }).count()).toBe(1);
    expect(await page.getByRole('listitem').filter({ hasText: title }).count()).toBe(0);
    expect(await titles()).not.toContain(title);
    // The console's one error is the browser's line for the refused deletion's 409.
    expect(errors.filter((error) => !/status of 409/.test(error))).toEqual([]);
  });

  it('lets the person reset a forgotten password from an emailed link, after which only the new one works', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill(INVITEE.email);
    await page.getByLabel('Email').press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'a link to choose a new password' }).count()).toBe(1);

    const mail = await mailTo(INVITEE.email, 'Choose a new Plenary password');
    const link = /https?:\/\/\S+\/password-reset\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('amina new password');
    await page.getByLabel('New password again').fill('amina new password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your password is changed' }).count()).toBe(1);
    expect(await a11yViolations(page)).toEqual([]);

    // Every session ended: the person's page still open on the archived agenda is signed out when it loads again.
    await invitee.page.reload();
    await invitee.page.getByRole('button', { name: 'Sign in' }).waitFor();
    const old = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: INVITEE.email, password: INVITEE.password },
    });
    expect(old.status).toBe(401);
    await page.goto('/');
    await page.getByLabel('Email').fill(INVITEE.email);
    await page.getByLabel('Password').fill('amina new password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${INVITEE.name} (Member)`).waitFor();

    // The link worked once.
    await page.goto(link!);
    await page.getByLabel('New password', { exact: true }).fill('another new password');
    await page.getByLabel('New password again').fill('another new password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').filter({ hasText: /link/i }).waitFor();
    await context.close();
  });

  it('links a public meeting’s card to its public page, in the language the reader uses on the board', async () => {
    const { page, errors } = await signIn('kwame@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: DEMO_MEETING.title, exact: true }) });
    await card.getByRole('link', { name: `Page publique : ${DEMO_MEETING.title}` }).click();
    await page.waitForURL(`${server.baseUrl}/public/meetings/${DEMO_MEETING.id}?lang=fr`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(DEMO_MEETING.title);
    // A meeting only for the MAG has no public page to link to.
    await page.goBack();
    const magCards = page.getByRole('listitem').filter({ hasText: 'GCM uniquement' });
    await magCards.first().waitFor();
    expect(await magCards.getByRole('link', { name: /^Page publique/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    // The choice is stored with the person; the next tests expect Kwame's board in English.
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    expect((await http(server.baseUrl, 'PUT', '/api/me', { cookie: kwame.cookie, body: { language: 'en' } })).status).toBe(200);
  });

  it('shows the secretariat who registered for a public meeting, and lets it close and reopen registration', async () => {
    // Someone registers on the public page (through its API; a form sent within 3 s is refused as a bot's).
    const form = await http<{ formToken: string }>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/registrations/form`);
    const formFetchedAt = Date.now();
    // The secretariat signs in meanwhile: the registration is needed only once the page of registrations opens.
    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await sleep(formFetchedAt + 3_200 - Date.now());
    const registrant = { name: 'Lucía Pérez', email: 'lucia.perez@example.net', group: 'civil-society', country: 'Chile' };
    const registered = await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/registrations`, {
      body: { ...registrant, affiliation: 'Derechos Digitales', website: '', formToken: form.body.formToken },
    });
    expect(registered.status).toBe(202);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('link', { name: `Registrations: ${DEMO_MEETING.title}` }).click();
    await page.getByRole('heading', { level: 1, name: `Registrations: \u2068${DEMO_MEETING.title}\u2069` }).waitFor();
    const row = page.getByRole('row').filter({ hasText: registrant.email });
    await expect(row.textContent()).resolves.toMatch(/Lucía Pérez.*Civil society.*Chile.*Derechos Digitales.*Not yet/);
    await expect(page.getByRole('link', { name: 'Public page', exact: true }).getAttribute('href')).resolves.toBe(
      `/public/meetings/${DEMO_MEETING.id}?lang=en`,
    );
    await expect(page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).resolves.toBe(
      `/api/meetings/${DEMO_MEETING.id}/registrations.csv?lang=en`,
    );
    expect(await a11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await overflowing(page)).toEqual([]);

    await page.getByRole('button', { name: 'Close registration' }).click();
    await page.getByRole('status').filter({ hasText: 'Registration is now closed.' }).waitFor();
    const publicForm = async () => (await fetch(`${server.baseUrl}/public/meetings/${DEMO_MEETING.id}/register`)).text();
    expect(await publicForm()).toContain('Registration for this meeting is closed.');
    await page.getByRole('button', { name: 'Open registration' }).click();
    await page.getByRole('status').filter({ hasText: 'Registration is now open.' }).waitFor();
    expect(await publicForm()).toContain('name="formToken"');
    expect(errors).toEqual([]);

    // A member has no link to it, and the server refuses the page's data.
    const member = await signIn('kwame@example.org', '/timeline');
    await member.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await member.page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    expect(await member.page.getByRole('link', { name: /^Registrations/ }).count()).toBe(0);
    await member.page.goto(`${server.baseUrl}/meetings/${DEMO_MEETING.id}/registrations`);
    await member.page.getByRole('alert').waitFor();
    expect(await member.page.getByRole('table').count()).toBe(0);
  });

  it('says the timeline’s titles in the reader’s language, keeping each item’s own words', async () => {
    const { page } = await signIn('kwame@example.org', '/timeline');
    await page.getByRole('heading', { name: 'Cycle timeline' }).waitFor();
    const titles = () => page.locator('.timeline__item a').allTextContents();
    await expect.poll(titles).toContain('Call for Policy Network proposals closes');
    const pollClosed = 'Poll closed: \u2068Continue with last year’s MAG Working Groups for the IGF 2025 cycle?\u2069';
    expect(await titles()).toContain(pollClosed);
    expect(
      (await titles()).some((title) => /^Due \(\u2068mid-February\u2069\): \u2068The IGF Secretariat will/.test(title)),
    ).toBe(true);

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Chronologie du cycle' }).waitFor();
    await expect.poll(titles).toContain('Clôture de l’appel à propositions (Propositions de réseaux politiques)');
    const french = await titles();
    expect(french).toContain('Scrutin clos : \u2068Continue with last year’s MAG Working Groups for the IGF 2025 cycle?\u2069');
    expect(french.some((title) => /^Échéance \(\u2068mid-February\u2069\) : \u2068The IGF Secretariat will/.test(title))).toBe(
      true,
    );
    expect(french.filter((title) => /^(Call for|Poll (open|closed):|Due \()/.test(title))).toEqual([]);
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
    // The subject is the meeting, by its title (its id is for the CSV).
    const archived = page.getByRole('table').getByRole('row').nth(1).getByRole('cell').nth(3);
    expect(await archived.textContent()).toBe(`Meeting${TITLE}`);
    expect(await page.getByRole('table').textContent()).not.toContain(meetingId);
    expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toContain('action=meeting.archive');
    expect(await a11yViolations(page)).toEqual([]);

    await page.goto(`/meetings/${DEMO_MEETING.id}?tab=proposals`);
    await page.getByRole('heading', { name: 'Calls for proposals' }).waitFor();
    await expect.poll(() => page.getByText('Time left:').count()).toBe(2);
    expect(await a11yViolations(page)).toEqual([]);
    // The calls' times in the reader's time zone: the next test, in Tokyo.

    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/', '/timeline', '/admin/audit-log', `/meetings/${DEMO_MEETING.id}?tab=proposals`]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await overflowing(page), path).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  it('takes and shows a call’s times in the reader’s time zone, named, and stores the instants typed in Tokyo', async () => {
    // In the browser's default zone (UTC on CI) a time converted the wrong way would read the same.
    const { page, context, errors } = await signIn('secretariat@example.org', `/meetings/${DEMO_MEETING.id}?tab=proposals`, {
      timezoneId: 'Asia/Tokyo',
    });
    await page.getByRole('heading', { name: 'Calls for proposals' }).waitFor();
    const callsOf = async (): Promise<{ id: string; kind: string; opensAt: string; closesAt: string }[]> =>
      (await context.request.get(`/api/meetings/${DEMO_MEETING.id}/calls`)).json();

    // The zone is named next to each field, and an open call's end is said in Tokyo time.
    const form = page.getByRole('form', { name: 'Open a call' });
    const opens = form.getByLabel('Opens', { exact: true });
    await expect(page.locator(`[id="${await opens.getAttribute('aria-describedby')}"]`).textContent()).resolves.toBe(
      `In your time zone: Japan Standard Time (${isolate('Asia/Tokyo')}).`,
    );
    const open = (await callsOf()).find(
      (call) => Date.parse(call.opensAt) <= Date.now() && Date.now() < Date.parse(call.closesAt),
    )!;
    const inTokyo = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(open.closesAt));
    expect(inTokyo).toMatch(/ GMT\+9$/);
    await expect
      .poll(() => page.getByText('is open until').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(`is open until ${inTokyo}.`)]));

    // 10:00 and 18:00 typed in Tokyo are 01:00 and 09:00 UTC, as stored and as said back.
    await form.getByLabel('Kind', { exact: true }).selectOption('other');
    await opens.fill('2030-03-04T10:00');
    await form.getByLabel('Closes', { exact: true }).fill('2030-03-11T18:00');
    await form.getByRole('button', { name: 'Open the call' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'The call is scheduled' }).textContent())
      .toBe('The call is scheduled: it opens on 4 March 2030 at 10:00 GMT+9.');
    const created = (await callsOf()).find((call) => call.kind === 'other' && call.opensAt.startsWith('2030-03-04'));
    expect(created).toMatchObject({ opensAt: '2030-03-04T01:00:00.000Z', closesAt: '2030-03-11T09:00:00.000Z' });

    // Extending starts from the closing time in Tokyo time, and a new one typed there is stored in UTC.
    const item = page
      .getByRole('listitem')
      .filter({ hasText: 'The call for Other proposals opens on 4 March 2030 at 10:00 GMT+9.' });
    const extendTo = item.getByLabel('New closing date and time');
    expect(await extendTo.inputValue()).toBe('2030-03-11T18:00');
    await extendTo.fill('2030-03-12T08:30');
    await item.getByRole('button', { name: 'Extend the call' }).click();
    await expect
      .poll(async () => (await callsOf()).find((call) => call.id === created!.id)?.closesAt)
      .toBe('2030-03-11T23:30:00.000Z');
    expect(errors).toEqual([]);
  });

  it('says the audit log’s actions and details in the reader’s language, English then French', async () => {
    const { page, errors } = await signIn('secretariat@example.org', '/admin/audit-log');
    await page.getByRole('table').waitFor();
    /** The value of a detail's field, by its label, in the row of the meeting created by the first test. */
    const row = page.getByRole('row').filter({ hasText: TITLE });
    const field = (label: string) =>
      row
        .locator('dt')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]')
        .textContent();
    try {
      // The filter offers the action by its label and keeps its code as the value (the CSV link carries it).
      await page.getByLabel('Action').selectOption({ label: 'Meeting created' });
      expect(await page.getByLabel('Action').inputValue()).toBe('meeting.create');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect
        .poll(() => page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'))
        .toContain('action=meeting.create');
      await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe('Meeting createdmeeting.create');
      // The detail is a list of labelled fields, its dates said the language's way, not raw JSON.
      await expect(field('Title')).resolves.toBe(TITLE);
      await expect(field('Starts on')).resolves.toBe('17 Feb 2027');
      await expect(field('Ends on')).resolves.toBe('18 Feb 2027');
      expect(await row.textContent()).not.toMatch(/2027-02-17|\{"/);
      expect(await a11yViolations(page)).toEqual([]);

      await page.getByLabel('Language').selectOption('fr');
      await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe('Réunion crééemeeting.create');
      await expect(field('Titre')).resolves.toBe(TITLE);
      await expect(field('Début')).resolves.toBe('17 févr. 2027');
      await expect(field('Fin')).resolves.toBe('18 févr. 2027');
      const actions = page.getByLabel('Opération');
      expect(await actions.inputValue()).toBe('meeting.create');
      await expect(actions.locator('option:checked').textContent()).resolves.toBe('Réunion créée');
      await expect(actions.locator('option[value="meeting.archive"]').textContent()).resolves.toBe('Réunion archivée');
      expect(await a11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      // The choice is stored with the person; the next tests expect the secretariat's board in English.
      const secretariat = await login(server.baseUrl, 'secretariat@example.org');
      expect(
        (await http(server.baseUrl, 'PUT', '/api/me', { cookie: secretariat.cookie, body: { language: 'en' } })).status,
      ).toBe(200);
    }
  });

  it('shows a member and the chair no control that writes on any tab of an archived meeting', { timeout: 180_000 }, async () => {
    // A meeting with something on every tab that a member or the chair could act on, then archived.
    const as = async (email: string) => (await login(server.baseUrl, email)).cookie;
    const secretariat = await as('secretariat@example.org');
    const chair = await as('chair@example.org');
    // Sofía: a member whose language the earlier tests left as it was (Kwame reads French by now).
    const sofia = await as('sofia@example.org');
    const mei = await as('mei@example.org');
    const send = <T = any>(cookie: string, method: string, path: string, body?: unknown) =>
      httpOk<T>(server.baseUrl, method, path, { cookie, body });
    const id = await createMeeting(server.baseUrl, {
      title: 'IGF 2025 Retreat, archived',
      startsOn: '2027-03-01',
      endsOn: '2027-03-02',
      timeZone: 'Europe/Zurich',
      format: 'hybrid',
      copyFrom: DEMO_MEETING.id,
    });
    const groups = await send<{ id: string; name: string }[]>(sofia, 'GET', `/api/meetings/${id}/working-groups`);
    const joined = groups[0]!;
    await send(sofia, 'PUT', `/api/working-groups/${joined.id}/members/me`);
    await send(mei, 'PUT', `/api/working-groups/${joined.id}/members/me`);
    const sofiaId = (await send<{ id: string }>(sofia, 'GET', '/api/me')).id;
    await send(sofia, 'POST', `/api/working-groups/${joined.id}/nominations`, { userId: sofiaId });
    await send(sofia, 'POST', `/api/meetings/${id}/actions`, {
      text: 'Sofía circulates the retreat notes',
      owner: { kind: 'person', userId: sofiaId, label: 'Sofía Ramírez' },
    });
    // Questions belong to the current item, and the floor tab shows those of the current item.
    await setCurrentItem(server.baseUrl, 1, { meetingId: id });
    await send(mei, 'POST', `/api/meetings/${id}/questions`, { text: 'Is the retreat report public?' });
    await send(sofia, 'POST', '/api/threads', { doc: agendaDoc(id), body: 'Sofía’s note on the retreat agenda' });
    await send(chair, 'POST', `/api/meetings/${id}/polls`, {
      question: 'Hold the retreat again?',
      kind: 'single',
      options: [{ label: 'Yes' }, { label: 'No' }],
      audience: 'members',
    });
    await send(secretariat, 'POST', `/api/meetings/${id}/archive`);

    const writes: Record<string, (string | RegExp)[]> = {
      agenda: ['Comment', /^Reply/, /^Resolve/, /^Delete comment/, /^Edit comment/],
      proposals: ['Submit a proposal'],
      polls: ['New poll', 'Open', 'Delete'],
      groups: [/^Join/, /^Leave/, /^Withdraw the nomination/, 'Nominate myself', 'Nominate', 'Start an election', /^Appoint/],
      actions: ['New action item', 'Edit'],
      floor: ['Raise hand', 'Point of order', 'Ask', /^Upvote/, 'I am in the room', 'I am online', 'Next speaker', 'Save'],
    };
    /** What each tab shows of the record, archived or not: the tab has loaded once it is there. */
    const shown: Record<string, string> = {
      agenda: 'Sofía’s note on the retreat agenda',
      proposals: 'No proposal has been submitted yet.',
      polls: 'Hold the retreat again?',
      groups: joined.name,
      actions: 'Sofía circulates the retreat notes',
      floor: 'Is the retreat report public?',
    };
    /** Every control that would write, as `who, tab: name`: all of them are listed when the test fails. */
    const offered: string[] = [];
    for (const email of ['sofia@example.org', 'chair@example.org']) {
      const { page, errors } = await signIn(email, `/meetings/${id}`);
      await page.getByRole('note').filter({ hasText: 'Archived on' }).waitFor();
      for (const [tab, names] of Object.entries(writes)) {
        // Each tab chosen on the open page, as a person would: the same panel a load of ?tab= shows, without the page's load.
        await page.locator(`[role="tab"][id$="tab-${tab}"]`).click();
        await expect
          .poll(() => new URL(page.url()).searchParams.get('tab') ?? 'agenda', { message: `${email}, ${tab}` })
          .toBe(tab);
        const panel = page.getByRole('tabpanel');
        await panel.getByText(shown[tab]!).first().waitFor({ timeout: 15_000 });
        if (tab === 'floor') await page.getByRole('heading', { name: 'Attendance' }).waitFor();
        for (const name of names)
          if ((await panel.getByRole('button', { name, exact: typeof name === 'string' }).count()) > 0)
            offered.push(`${email}, ${tab}: ${name}`);
      }
      expect(await a11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    }
    expect(offered).toEqual([]);
  });

  it('takes the writing controls off a member’s open page, without a reload, when the secretariat archives the meeting', async () => {
    const title = 'MAG working session, archived while open';
    const id = await createMeeting(server.baseUrl, {
      title,
      startsOn: '2027-04-05',
      endsOn: '2027-04-05',
      copyFrom: DEMO_MEETING.id,
    });

    // Mei, a member, on the meeting's actions: she may add one, and nothing says the meeting is archived.
    const member = await signIn('mei@example.org', `/meetings/${id}?tab=actions`);
    const open = member.page;
    const newAction = open.getByRole('button', { name: 'New action item' });
    await newAction.waitFor({ timeout: 15_000 });
    const banner = open.getByRole('status').filter({ hasText: 'Archived on' });
    expect(await banner.count()).toBe(0);
    await open.evaluate(() => Object.assign(window, { loadedBeforeArchive: true }));

    const secretariat = await signIn('secretariat@example.org', '/timeline');
    await secretariat.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await secretariat.page.getByRole('button', { name: `Archive: ${title}` }).click();
    await secretariat.page.getByRole('alertdialog').getByRole('button', { name: 'Archive the meeting' }).click();
    await expect.poll(() => secretariat.page.getByRole('status').filter({ hasText: 'was archived' }).count()).toBe(1);

    // Her page, still the one she loaded: the button goes and a polite status says the meeting is archived.
    await expect.poll(() => newAction.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => banner.count()).toBe(1);
    expect(await open.evaluate(() => 'loadedBeforeArchive' in window)).toBe(true);
    // Another tab of the same page offers nothing that writes either.
    await open.getByRole('tab', { name: 'Working groups' }).click();
    const panel = open.getByRole('tabpanel');
    await panel.getByRole('heading').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => panel.getByRole('listitem').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await panel.getByRole('button', { name: /^Join/ }).count()).toBe(0);
    expect(await open.evaluate(() => 'loadedBeforeArchive' in window)).toBe(true);
    expect(await a11yViolations(open)).toEqual([]);
    expect(member.errors).toEqual([]);
    expect(secretariat.errors).toEqual([]);
  });

  it('puts the focus in the new meeting form’s Title, back on its button on Cancel, and on the new meeting’s heading once created', async () => {
    const title = 'Call on the retreat’s keyboard access';
    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    // Enter on "New meeting", then typing: the letters go into the Title (the focus once fell to the page).
    await pressEnterOn(page.getByRole('button', { name: 'New meeting' }));
    await expect.poll(() => focused(page)).toBe('INPUT Title');
    await page.keyboard.type('Not this one');
    expect(await page.getByLabel('Title').inputValue()).toBe('Not this one');
    await pressEnterOn(page.getByRole('button', { name: 'Cancel' }));
    await expect.poll(() => focused(page)).toBe('BUTTON New meeting');

    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('INPUT Title');
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('INPUT First day');
    await page.keyboard.type('05062027');
    expect(await page.getByLabel('First day').inputValue()).toBe('2027-05-06');
    await pressEnterOn(page.getByRole('button', { name: 'Create meeting' }));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'was created' }).count()).toBe(1);
    await expect.poll(() => focused(page)).toBe(`H3 ${title}`);

    // Its Edit form the same way: the Title to begin with, and back on "Edit" when cancelled.
    await pressEnterOn(page.getByRole('button', { name: `Edit: ${title}` }));
    await expect.poll(() => focused(page)).toBe('INPUT Title');
    expect(await page.getByLabel('Title').inputValue()).toBe(title);
    await pressEnterOn(page.getByRole('button', { name: 'Cancel' }));
    await expect.poll(() => focused(page)).toBe(`BUTTON Edit: ${title}`);
    expect(errors).toEqual([]);
  });
});
