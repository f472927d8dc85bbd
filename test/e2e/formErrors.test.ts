/**
 * Errors said beside the field they are about, in Chromium: bad input to several forms puts the
 * message next to the named field (aria-invalid, aria-describedby pointing at the message) and the
 * focus on it, whether the client refused before sending or the server refused and named the field.
 * Nothing is created by refused input.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, launchBrowser } from '../helpers/browser.ts';

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
    await expectFieldError(page, createForm.getByLabel('Name'), 'This already exists.');
    expect(await page.getByRole('article', { name: 'Working Group on Access', exact: true }).count()).toBe(1);
    // The browser logs the refused request (409) itself; nothing else went wrong.
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
});
