/**
 * A cycle administered in Chromium, as one story: the secretariat creates a meeting from the demo
 * one; invites a person, whose invitation arrives by email (a real SMTP server in this process);
 * the person follows the emailed link, sets a password, opens the new meeting and co-edits its
 * agenda live with a member; the secretariat archives the meeting through the confirmation
 * dialog and both open agendas turn read-only. Then the same person forgets the password and
 * resets it from the emailed link. The new pages (start page with the form and dialog, timeline,
 * audit log, calls on the proposals page, password reset) pass axe and fit a 360 px screen.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENDA, DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { MeetingDto } from '../../shared/schemas/meetings.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login, sleep, waitFor } from '../helpers/clients.ts';
import { freePort } from '../helpers/freePort.ts';
import { type ReceivedMail, startSmtpSink } from '../helpers/smtpSink.ts';

const smtp = await startSmtpSink(await freePort());
const { server, browser, signIn } = browserSuite({ env: { SMTP_URL: smtp.url, NOTIFY_TICK_MS: '100' } });
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

/** Types a new paragraph at the end of the agenda (focused, not clicked: a click lands wherever the centre is). */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editor(page).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

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
    const member = await signIn('kwame@example.org', '/timeline');
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
    await card.getByRole('link', { name: `Page publique: ${DEMO_MEETING.title}` }).click();
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
    await sleep(3_200);
    const registrant = { name: 'Lucía Pérez', email: 'lucia.perez@example.net', group: 'civil-society', country: 'Chile' };
    const registered = await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/registrations`, {
      body: { ...registrant, affiliation: 'Derechos Digitales', website: '', formToken: form.body.formToken },
    });
    expect(registered.status).toBe(202);

    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('link', { name: `Registrations: ${DEMO_MEETING.title}` }).click();
    await page.getByRole('heading', { level: 1, name: `Registrations: \u2068${DEMO_MEETING.title}\u2069` }).waitFor();
    const row = page.getByRole('row').filter({ hasText: registrant.email });
    await expect(row.textContent()).resolves.toMatch(/Lucía Pérez.*Civil society.*Chile.*Derechos Digitales.*Not yet/);
    await expect(page.getByRole('link', { name: 'Public page', exact: true }).getAttribute('href')).resolves.toBe(
      `/public/meetings/${DEMO_MEETING.id}?lang=en`,
    );
    await expect(page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).resolves.toBe(
      `/api/meetings/${DEMO_MEETING.id}/registrations.csv`,
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
