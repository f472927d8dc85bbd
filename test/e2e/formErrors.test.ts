/**
 * Errors said beside the field they are about, in Chromium: bad input to several forms puts the
 * message next to the named field (aria-invalid, aria-describedby pointing at the message) and the
 * focus on it, whether the client refused before sending or the server refused and named the field.
 * Nothing is created by refused input. The forms: sign-in, meeting, poll, working group, API token,
 * an agenda item's details, the day's end, version naming, the floor's question and speaking time,
 * the audit log's dates, the CSV import and a working group's election.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import frenchMeetings from '../../client/src/i18n/locales/fr/meetingAdmin.json' with { type: 'json' };
import frenchGroups from '../../client/src/i18n/locales/fr/workingGroups.json' with { type: 'json' };
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, launchBrowser, pressEnterOn } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';
import { createMeeting } from '../helpers/meetings.ts';

const { server, signIn } = browserSuite();
const meetingPath = `/meetings/${DEMO_MEETING.id}`;

/** The field is marked invalid, described by a message with these words, and has the focus. */
async function expectFieldError(page: Page, field: Locator, words: string | RegExp): Promise<void> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const message = await field.evaluate((control) =>
    (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
  expect(message).toMatch(words);
  expect(await field.evaluate((control) => control === document.activeElement)).toBe(true);
  expect(await a11yViolations(page)).toEqual([]);
}

describe('field-named errors', () => {
  it('signs in only with both fields, naming the empty one', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ baseURL: server.baseUrl });
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectFieldError(page, page.getByLabel('Email'), 'Enter your email address.');
      // The password is wrong too, but the first wrong field has the focus.
      expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Email').fill('mei@example');
      await page.getByLabel('Password').fill('whatever');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectFieldError(page, page.getByLabel('Email'), /valid email address/);

      await page.getByLabel('Email').fill('mei@example.org');
      await page.getByLabel('Password').fill('');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectFieldError(page, page.getByLabel('Password'), 'Enter your password.');
      expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBeNull();

      // Wrong credentials: which of the two is wrong is not said, so both are marked and both point at the one message.
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();
      for (const label of ['Email', 'Password']) {
        const field = page.getByLabel(label);
        expect(await field.getAttribute('aria-invalid')).toBe('true');
        const described = await field.evaluate((control) =>
          (control.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        );
        expect(described).toContain('The email or password is not correct.');
      }
    } finally {
      await browser.close();
    }
  });

  it('names the field in the meeting, poll and working-group forms, from the client and from the server', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    const meetingsBefore = await server.app.store.meetings.list();

    // A new meeting without a title, then ending before it starts.
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByLabel('First day').fill('2027-03-10');
    await page.getByRole('button', { name: 'Create meeting' }).click();
    await expectFieldError(page, page.getByLabel('Title'), 'Title is required.');
    await page.getByLabel('Title').fill('Open consultation on data flows');
    await page.getByLabel('Last day').fill('2027-03-09');
    await page.getByRole('button', { name: 'Create meeting' }).click();
    await expectFieldError(page, page.getByLabel('Last day'), 'The last day cannot be before the first.');
    expect(await page.getByLabel('Title').getAttribute('aria-invalid')).toBeNull();
    expect((await server.app.store.meetings.list()).length).toBe(meetingsBefore.length);

    // A poll without a question, then with one option only.
    await page.goto(`${meetingPath}?tab=polls`);
    await page.getByRole('button', { name: 'New poll' }).click();
    await page.getByLabel('Option 1', { exact: true }).fill('Yes');
    await page.getByRole('button', { name: 'Create the poll' }).click();
    await expectFieldError(page, page.getByLabel('Question'), 'Question is required.');
    await page.getByLabel('Question').fill('Adopt the outline?');
    await page.getByRole('button', { name: 'Create the poll' }).click();
    await expectFieldError(page, page.getByLabel('Option 1', { exact: true }), 'Give at least 2 options.');

    // The same option twice, as the server compares them (case and spaces aside), with an empty one
    // between: the repeat is marked, not the first of the pair, and nothing is sent.
    const pollsBefore = (await server.app.store.audit.list({ action: 'poll.created' })).length;
    await page.getByLabel('Option 1', { exact: true }).fill('Digital trust');
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.getByLabel('Option 3', { exact: true }).fill(' digital  Trust');
    await page.getByRole('button', { name: 'Create the poll' }).click();
    await expectFieldError(page, page.getByLabel('Option 3', { exact: true }), 'Another option already has this label');
    expect(await page.getByLabel('Option 1', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByLabel('Option 2', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').filter({ hasText: 'not valid' }).count()).toBe(0);

    // More seats than an election can fill passes the form; the server names the seats, in the form's words.
    await page.getByLabel('Option 3', { exact: true }).fill('Access');
    await page.getByLabel('Kind of poll').selectOption('ranked');
    await page.getByLabel('Seats to fill').fill('2');
    await page.getByRole('button', { name: 'Create the poll' }).click();
    await expectFieldError(page, page.getByLabel('Seats to fill'), 'Give fewer seats than options.');
    expect(await page.getByLabel('Option 3', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect((await server.app.store.audit.list({ action: 'poll.created' })).length).toBe(pollsBefore);

    // A working group with no name (the client says it), then one whose name is taken (the server does).
    await page.goto(`${meetingPath}?tab=groups`);
    await page.getByRole('button', { name: 'New working group' }).click();
    const createForm = page.getByRole('form', { name: 'New working group' });
    await createForm.getByRole('button', { name: 'Create the working group' }).click();
    await expectFieldError(page, createForm.getByLabel('Name'), 'Name is required.');
    await createForm.getByLabel('Name').fill('Working Group on Access');
    await createForm.getByRole('button', { name: 'Create the working group' }).click();
    await page.getByRole('article', { name: 'Working Group on Access', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New working group' }).click();
    await createForm.getByLabel('Name').fill('Working Group on Access');
    await createForm.getByRole('button', { name: 'Create the working group' }).click();
    await expectFieldError(
      page,
      createForm.getByLabel('Name'),
      'This meeting already has a working group called “Working Group on Access”: choose another name.',
    );
    expect(await page.getByRole('article', { name: 'Working Group on Access', exact: true }).count()).toBe(1);
    // The browser logs the refused requests (400, 409) itself; nothing else went wrong.
    expect(errors.filter((error) => !/status of (400|409)/.test(error))).toEqual([]);
  });

  it('says, beside the last day and in French, which agenda items keep a meeting from losing a day, and changes nothing', {
    timeout: 120_000,
  }, async () => {
    const cookie = (await login(server.baseUrl, 'secretariat@example.org')).cookie;
    const title = 'Consultation ouverte sur trois jours';
    const meetingId = await createMeeting(server.baseUrl, {
      title,
      startsOn: '2027-06-08',
      endsOn: '2027-06-10',
      copyFrom: DEMO_MEETING.id,
    });
    const items = await http<{ title: string; day: number }[]>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/agenda-items`, {
      cookie,
    });
    const onDayThree = items.body.filter((item) => item.day === 3).map((item) => item.title);
    expect(onDayThree.length).toBeGreaterThan(1);

    const { page, errors } = await signIn('secretariat@example.org', '/timeline', { language: 'fr' });
    await page.goto('/');
    await pressEnterOn(page.getByRole('button', { name: `${frenchMeetings.edit} : ${title}` }));
    const lastDay = page.getByLabel(frenchMeetings.form.endsOn);
    await lastDay.fill('2027-06-09');
    await page.getByRole('button', { name: frenchMeetings.form.save }).click();
    await expectFieldError(page, lastDay, `${onDayThree.length} points de l’ordre du jour se trouvent sur des jours`);
    const message = await page.locator(`[id="${(await lastDay.getAttribute('aria-describedby'))?.split(' ')[0]}"]`).textContent();
    for (const itemTitle of onDayThree) expect(message).toContain(itemTitle);
    const stored = await http<{ endsOn: string }>(server.baseUrl, 'GET', `/api/meetings/${meetingId}`, { cookie });
    expect(stored.body.endsOn).toBe('2027-06-10');
    expect(errors.filter((error) => !/status of 409/.test(error))).toEqual([]);
  });

  it('names the field the server refused in the API token form', async () => {
    const { page, errors } = await signIn('mei@example.org', '/settings/tokens');
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create token' }).click();
    await expectFieldError(page, page.getByLabel('What it is for'), 'What it is for is required.');

    await page.getByLabel('What it is for').fill('Agenda feed');
    await page.getByLabel(/^Read/).uncheck();
    await page.getByRole('button', { name: 'Create token' }).click();
    await expectFieldError(page, page.getByLabel(/^Read/), 'Choose at least one scope.');

    // A day in the past passes the client (the picker would not offer it) and the server names the field.
    await page.getByLabel(/^Read/).check();
    await page.getByLabel('Expires on').fill('2020-01-01');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expectFieldError(page, page.getByLabel('Expires on'), 'Choose a day from tomorrow to a year from today.');
    expect(await page.getByText('You have no tokens yet.').isVisible()).toBe(true);
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
  });

  it('names the due-date field the server refused in the action form, and records nothing', { timeout: 120_000 }, async () => {
    const { page, errors } = await signIn('kwame@example.org', `${meetingPath}?tab=actions`);
    await page.getByRole('button', { name: 'New action item' }).click();
    const form = page.getByRole('form', { name: 'New action item' });
    await form.getByLabel('What is to be done').fill('Circulate the revised terms of reference.');
    await form.getByLabel('The owner is').selectOption('person');
    await form.getByLabel('Person').fill('Mei Lin');
    // Words the date reader does not know, and no dates: the server asks for the dates, beside the words.
    await form.getByLabel('As said in the meeting').fill('by next Friday');
    await form.getByRole('button', { name: 'Record the action' }).click();
    await expectFieldError(
      page,
      form.getByLabel('As said in the meeting'),
      'Give the dates that “by next Friday” means (start and end).',
    );
    expect(await form.getByRole('alert').filter({ hasText: 'Some of what was sent is not valid.' }).count()).toBe(0);

    // A period that ends before it starts is named at its end.
    await form.getByLabel('From (or the exact date)').fill('2099-03-10');
    await form.getByLabel('Until').fill('2099-03-01');
    await form.getByRole('button', { name: 'Record the action' }).click();
    await expectFieldError(page, form.getByLabel('Until'), 'The end must be on or after the start.');
    expect(await form.getByLabel('As said in the meeting').getAttribute('aria-invalid')).toBeNull();

    const actions = await http<{ text: string }[]>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/actions`, {
      cookie: (await login(server.baseUrl, 'kwame@example.org')).cookie,
    });
    expect(actions.body.some((action) => action.text.startsWith('Circulate the revised terms'))).toBe(false);
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
  });

  it('names the field in the agenda item details, the day end and version naming, and changes nothing refused', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await signIn('chair@example.org', meetingPath);
    await page.locator('.ProseMirror .agenda-item').first().waitFor();
    const itemsBefore = (await page
      .context()
      .request.get(`/api/meetings/${DEMO_MEETING.id}/agenda-items`)
      .then((answer) => answer.json())) as { id: string; day: number; duration: number }[];

    // The item's details are written into the shared agenda, not sent: the form itself refuses.
    await page.getByRole('tab', { name: 'Day view' }).click();
    await page.locator('.day-view__item').first().getByRole('button', { name: 'Details' }).click();
    const dialog = page.getByRole('dialog');
    // The open consultation has three days (25–27 February): day 9 is none of them.
    expect(await dialog.getByLabel('Day', { exact: true }).getAttribute('max')).toBe('3');
    await dialog.getByLabel('Day', { exact: true }).fill('9');
    await dialog.getByLabel('Minutes', { exact: true }).fill('-5');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expectFieldError(page, dialog.getByLabel('Day', { exact: true }), 'Give a day from 1 to 3.');
    // The length is wrong too, but the first wrong field has the focus.
    expect(await dialog.getByLabel('Minutes', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Day', { exact: true }).fill('2');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expectFieldError(page, dialog.getByLabel('Minutes', { exact: true }), 'Give the length in minutes, from 0 to 1440.');
    expect(await dialog.getByLabel('Day', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const itemsAfter = (await page
      .context()
      .request.get(`/api/meetings/${DEMO_MEETING.id}/agenda-items`)
      .then((answer) => answer.json())) as { id: string; day: number; duration: number }[];
    expect(itemsAfter[0]).toMatchObject({ day: itemsBefore[0]!.day, duration: itemsBefore[0]!.duration });

    // The day's end emptied.
    const runOf = () =>
      page
        .context()
        .request.get(`/api/meetings/${DEMO_MEETING.id}/run`)
        .then((answer) => answer.json());
    const runBefore = await runOf();
    await page.getByLabel('A meeting day ends at').fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectFieldError(page, page.getByLabel('A meeting day ends at'), 'Give the time a meeting day ends, like 18:00.');
    expect(await runOf()).toMatchObject({ dayEnd: (runBefore as { dayEnd: string }).dayEnd });

    // A version without a name.
    await page.getByRole('tab', { name: 'Versions' }).click();
    const versionsBefore = (await page
      .context()
      .request.get(`/api/meetings/${DEMO_MEETING.id}/versions`)
      .then((answer) => answer.json())) as unknown[];
    await page.getByLabel('Name the agenda as it is now').fill('   ');
    await page.getByRole('button', { name: 'Save version' }).click();
    await expectFieldError(page, page.getByLabel('Name the agenda as it is now'), 'Give the version a name.');
    const versionsAfter = (await page
      .context()
      .request.get(`/api/meetings/${DEMO_MEETING.id}/versions`)
      .then((answer) => answer.json())) as unknown[];
    expect(versionsAfter.length).toBe(versionsBefore.length);
    expect(errors).toEqual([]);
  });

  it('names the field in the floor: an empty question, a speaking time out of range, and the server names it too', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await signIn('chair@example.org', `${meetingPath}?tab=floor`);
    const questionsBefore = await page
      .context()
      .request.get(`/api/meetings/${DEMO_MEETING.id}/questions`)
      .then((answer) => answer.json());
    await page.getByRole('button', { name: 'Ask' }).click();
    await expectFieldError(page, page.getByLabel('Your question'), 'Write your question first.');
    expect(
      await page
        .context()
        .request.get(`/api/meetings/${DEMO_MEETING.id}/questions`)
        .then((answer) => answer.json()),
    ).toEqual(questionsBefore);

    await page.getByLabel('Speaking time (seconds)').fill('5');
    await page.getByRole('group', { name: 'Run the floor' }).getByRole('button', { name: 'Save' }).click();
    await expectFieldError(page, page.getByLabel('Speaking time (seconds)'), 'Give a speaking time from 10 to 3600 seconds.');
    expect(await page.getByText('The speaking time and balance rule are saved.').count()).toBe(0);

    // The server refuses the same (a client that does not check) and names the field.
    const refused = await page.context().request.put(`/api/meetings/${DEMO_MEETING.id}/floor/settings`, {
      data: { limitSeconds: 5, balanceRule: 'none' },
    });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { details?: { field?: string } } }).error.details?.field).toBe('limitSeconds');
    const empty = await page.context().request.post(`/api/meetings/${DEMO_MEETING.id}/questions`, { data: { text: '   ' } });
    expect(empty.status()).toBe(400);
    expect(((await empty.json()) as { error: { details?: { field?: string } } }).error.details?.field).toBe('text');
    expect(errors).toEqual([]);
  });

  it('names the file in the CSV import and the dates in the audit log', { timeout: 120_000 }, async () => {
    const { page, errors } = await signIn('secretariat@example.org', '/admin/people');
    const section = page.getByRole('region', { name: 'Import from a CSV file' });
    await section.getByRole('button', { name: 'Preview' }).click();
    await expectFieldError(page, section.getByLabel('CSV file'), 'Choose a file or paste its contents first.');

    // A file with a row in error: the file's field says so, the table says which row.
    const header = 'email,name,role,group,region,affiliation\n';
    await section.getByLabel('CSV file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}aiko@igf.example,Aiko Sato,member,government,,\nbroken,Nobody,member,government,,\n`),
    });
    await expect.poll(() => section.getByLabel('Or paste the CSV here').inputValue()).toContain('aiko@igf.example');
    await section.getByRole('button', { name: 'Preview' }).click();
    await expectFieldError(page, section.getByLabel('CSV file'), /Fix the rows with errors/);
    expect(await section.getByRole('table', { name: 'Preview' }).getByRole('row', { name: /^3 / }).textContent()).toContain(
      'Error:',
    );
    expect(await section.getByRole('button', { name: /^Import/ }).count()).toBe(0);

    // A file the server refuses whole (no rows under its header): said beside the file too.
    await section.getByLabel('CSV file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from(header) });
    await expect.poll(() => section.getByLabel('CSV file').getAttribute('aria-invalid')).toBeNull();
    await section.getByRole('button', { name: 'Preview' }).click();
    await expectFieldError(page, section.getByLabel('CSV file'), 'The file was not imported');
    expect(await server.app.store.users.byEmail('aiko@igf.example')).toBeUndefined();

    // The audit log's dates, the wrong way round.
    await page.goto('/admin/audit-log');
    const filters = page.getByRole('search', { name: 'Filter the audit log' });
    await filters.getByLabel('From').fill('2026-03-10');
    await filters.getByLabel('To').fill('2026-03-01');
    await filters.getByRole('button', { name: 'Show' }).click();
    await expectFieldError(page, filters.getByLabel('To'), 'The end date cannot be before the start date.');
    expect(await filters.getByLabel('From').getAttribute('aria-invalid')).toBeNull();
    // The browser logs the refused import (400) itself; nothing else went wrong.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
  });

  it('names the seats of an election, whether the client refuses them or the server does', { timeout: 120_000 }, async () => {
    const { page, errors } = await signIn('secretariat@example.org', `${meetingPath}?tab=groups`);
    const created = await page.context().request.post(`/api/meetings/${DEMO_MEETING.id}/working-groups`, {
      data: { name: 'Working Group on Elections' },
    });
    expect(created.status()).toBe(201);
    await page.reload();
    const card = page.getByRole('article', { name: 'Working Group on Elections', exact: true });
    await card.getByRole('button', { name: 'Start an election' }).click();
    const seats = card.getByLabel('Co-facilitators to elect');
    await seats.fill('9');
    await card.getByRole('button', { name: 'Create the election' }).click();
    await expectFieldError(page, seats, 'Give from 1 to 5 seats.');

    // In range, but nobody is nominated: the server refuses and names the seats.
    await seats.fill('1');
    await card.getByRole('button', { name: 'Create the election' }).click();
    await expectFieldError(page, seats, 'An election needs more nominees than seats');
    const group = (await created.json()) as { id: string };
    const after = (await page
      .context()
      .request.get(`/api/meetings/${DEMO_MEETING.id}/working-groups`)
      .then((answer) => answer.json())) as { id: string; elections: string[] }[];
    expect(after.find((entry) => entry.id === group.id)?.elections).toEqual([]);

    // Two members nominate themselves; the election is created, its question naming the role and the group.
    for (const email of ['kwame@example.org', 'mei@example.org']) {
      const member = await login(server.baseUrl, email);
      const path = `/api/working-groups/${group.id}`;
      expect((await http(server.baseUrl, 'PUT', `${path}/members/me`, { cookie: member.cookie })).status).toBe(200);
      const nominated = await http(server.baseUrl, 'POST', `${path}/nominations`, {
        cookie: member.cookie,
        body: { userId: member.user.id },
      });
      expect(nominated.status).toBe(201);
    }
    // Created by a secretariat reading the board in French: the question is said in French, as one they typed would be.
    const french = frenchGroups.electionForm;
    expect((await page.context().request.put('/api/me', { data: { language: 'fr' } })).status()).toBe(200);
    await page.reload();
    try {
      await card.getByRole('button', { name: frenchGroups.startElection }).click();
      await card.getByRole('button', { name: french.create }).click();
      await card.getByText(french.created).waitFor();
    } finally {
      expect((await page.context().request.put('/api/me', { data: { language: 'en' } })).status()).toBe(200);
    }
    const polls = (await page
      .context()
      .request.get(`/api/meetings/${DEMO_MEETING.id}/polls`)
      .then((answer) => answer.json())) as { question: string; workingGroupId?: string | null }[];
    expect(polls.filter((poll) => poll.workingGroupId === group.id).map((poll) => poll.question)).toEqual([
      'Cofacilitateur\u00a0: Working Group on Elections',
    ]);
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
  });

  it('says when a field is full instead of cutting what is typed or pasted without a word', async () => {
    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('button', { name: 'New meeting' }).click();
    const title = page.getByLabel('Title');
    await title.fill('Open consultation on data flows');
    expect(await page.getByText('anything beyond is not kept').count()).toBe(0);
    // A pasted title of 250 characters: the field keeps 200 and says so, read with the field.
    await title.fill('');
    await title.focus();
    await page.keyboard.insertText('A'.repeat(250));
    expect((await title.inputValue()).length).toBe(200);
    const line = page.getByText('At most 200 characters: anything beyond is not kept.');
    await line.waitFor();
    expect((await title.getAttribute('aria-describedby'))?.split(' ')).toContain(await line.getAttribute('id'));
    expect(await a11yViolations(page)).toEqual([]);
    // Shorter again: the line goes.
    await title.press('Backspace');
    await expect.poll(() => line.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('takes a pasted name that fits once its spaces are single, and says one that does not is too long', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await signIn('secretariat@example.org', `${meetingPath}?tab=groups`);
    const tooLong = 'This is too long: at most 200 characters, once spaces and letters are written the ordinary way.';
    // 22 themes: 197 characters once normal, 281 as pasted from a word processor (no-break and ideographic spaces).
    const themes = (count: number) => Array.from({ length: count }, (_, index) => `Theme ${String(index).padStart(2, '0')}`);
    const fits = themes(22);
    await page.getByRole('button', { name: 'New working group' }).click();
    const createForm = page.getByRole('form', { name: 'New working group' });
    const name = createForm.getByLabel('Name');
    await name.focus();
    await page.keyboard.insertText(fits.join(' \u00a0 \u3000 '));
    // Nothing cut, nothing said: the name fits as it will be stored.
    expect(await name.inputValue()).toBe(fits.join(' \u00a0 \u3000 '));
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    expect(await createForm.getByText(tooLong).count()).toBe(0);
    await createForm.getByRole('button', { name: 'Create the working group' }).click();
    await page.getByRole('article', { name: fits.join(' '), exact: true }).waitFor();

    // 25 themes: 224 characters with single spaces. The field keeps them all and says, with the field, that it is over.
    const groupsBefore = (await server.app.store.audit.list({ action: 'workingGroup.created' })).length;
    await page.getByRole('button', { name: 'New working group' }).click();
    await name.focus();
    await page.keyboard.insertText(themes(25).join(' '));
    expect(await name.inputValue()).toBe(themes(25).join(' '));
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const line = createForm.getByText(tooLong);
    expect((await name.getAttribute('aria-describedby'))?.split(' ')).toContain(await line.getAttribute('id'));
    // Sent anyway, the server refuses it, and the form says why beside the name (not "Name is required."), the focus on it.
    await createForm.getByRole('button', { name: 'Create the working group' }).click();
    await createForm.locator('.form__error').filter({ hasText: tooLong }).waitFor();
    await expectFieldError(page, name, tooLong);
    expect(await createForm.getByText('Name is required.').count()).toBe(0);
    expect((await server.app.store.audit.list({ action: 'workingGroup.created' })).length).toBe(groupsBefore);

    // A poll option's label likewise: kept whole, refused by the server beside the option.
    await page.goto(`${meetingPath}?tab=polls`);
    await page.getByRole('button', { name: 'New poll' }).click();
    await page.getByLabel('Question').fill('Which themes first?');
    await page.getByLabel('Option 1', { exact: true }).fill('None');
    const option = page.getByLabel('Option 2', { exact: true });
    await option.focus();
    await page.keyboard.insertText(themes(25).join(' '));
    expect(await option.inputValue()).toBe(themes(25).join(' '));
    await page.getByRole('button', { name: 'Create the poll' }).click();
    await page.locator('.poll-form__option .form__error').filter({ hasText: tooLong }).waitFor();
    await expectFieldError(page, option, tooLong);

    // The first option too (the server names it options.0): said at its input, not above the list
    // as if every option were wrong.
    const first = page.getByLabel('Option 1', { exact: true });
    await option.fill('None');
    await first.fill('');
    await first.focus();
    await page.keyboard.insertText(themes(25).join(' '));
    await page.getByRole('button', { name: 'Create the poll' }).click();
    await page.locator('.poll-form__option').first().locator('.form__error').filter({ hasText: tooLong }).waitFor();
    await expectFieldError(page, first, tooLong);
    expect(await option.getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('.poll-form fieldset > .form__error').count()).toBe(0);
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
  });
});
