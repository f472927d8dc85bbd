/**
 * Forms that open in place (ui/useInlineForm.ts) and the toggles beside them: Escape closes a form
 * like Cancel, and only the form (a side sheet opened over it meanwhile closes on its own Escape); the focus comes back
 * to the control that opened it, never to the page.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { browserSuite, focused, pressEnterOn } from '../helpers/browser.ts';
import { login } from '../helpers/clients.ts';
import { createPoll, openPoll, vote } from '../helpers/pollClients.ts';

const { server, signIn } = browserSuite();
const meetingPath = `/meetings/${DEMO_MEETING.id}`;

const hasFocus = (control: Locator) => control.evaluate((element) => element === document.activeElement);

describe('forms that open in place', () => {
  it('close on Escape like Cancel: the new poll, the new meeting and the new working group', { timeout: 90_000 }, async () => {
    const chair = await signIn('chair@example.org', `${meetingPath}?tab=polls`);
    await pressEnterOn(chair.page.getByRole('button', { name: 'New poll' }));
    await expect.poll(() => focused(chair.page)).toBe('INPUT Question');
    await chair.page.keyboard.type('Meet in the spring?');
    await chair.page.keyboard.press('Escape');
    await expect.poll(() => focused(chair.page)).toBe('BUTTON New poll');
    expect(await chair.page.getByLabel('Question').count()).toBe(0);
    // Escaped, what was typed is gone, as after Cancel.
    await chair.page.keyboard.press('Enter');
    await expect.poll(() => focused(chair.page)).toBe('INPUT Question');
    expect(await chair.page.getByLabel('Question').inputValue()).toBe('');

    // The start page opens the meeting happening now: the list is reached through the header's link.
    const secretariat = await signIn('secretariat@example.org', '/timeline');
    const { page } = secretariat;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    await pressEnterOn(page.getByRole('button', { name: 'New meeting' }));
    await expect.poll(() => focused(page)).toBe('INPUT Title');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('BUTTON New meeting');
    expect(await page.getByLabel('Title').count()).toBe(0);

    await page.goto(`${meetingPath}?tab=groups`);
    await pressEnterOn(page.getByRole('button', { name: 'New working group' }));
    await expect.poll(() => focused(page)).toBe('INPUT Name');
    await page.keyboard.type('Not this one');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('BUTTON New working group');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('INPUT Name');
    expect(await page.getByRole('form', { name: 'New working group' }).getByLabel('Name').inputValue()).toBe('');
    expect([...chair.errors, ...secretariat.errors]).toEqual([]);
  });

  it('keeps the new action item form under the meeting pack’s sheet at 1024 px: each Escape closes only its own', async () => {
    const { page, errors } = await signIn('secretariat@example.org', `${meetingPath}?tab=actions`);
    await page.setViewportSize({ width: 1024, height: 768 });
    await pressEnterOn(page.getByRole('button', { name: 'New action item' }));
    const text = page.getByRole('form', { name: 'New action item' }).getByLabel('What is to be done');
    await expect.poll(() => hasFocus(text)).toBe(true);
    await page.keyboard.type('Send the pack');
    await page.locator('#sheet-button-pack').click();
    const sheet = page.locator('#sheet-pack');
    await expect.poll(() => sheet.getAttribute('data-open')).toBe('true');
    // The sheet lies over the page, which is inert meanwhile (ui/useSideSheet.tsx): the form cannot take the focus.
    await text.focus();
    expect(await hasFocus(text)).toBe(false);
    // Escape is the sheet's: it closes, the focus back on its button, and the form is as it was.
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.getAttribute('data-open')).toBeNull();
    expect(await focused(page)).toBe('BUTTON Meeting pack');
    expect(await text.inputValue()).toBe('Send the pack');
    // Escape in the form closes the form only.
    await text.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('BUTTON New action item');
    expect(await page.getByRole('form', { name: 'New action item' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('gives the focus back to an action item’s Edit after Cancel, Escape and “Save changes”', async () => {
    const { page, errors } = await signIn('secretariat@example.org', `${meetingPath}?tab=actions`);
    const action = page.locator('li.action').first();
    const edit = action.getByRole('button', { name: 'Edit' });
    const form = action.getByRole('form', { name: 'Change the action item' });
    const text = form.getByLabel('What is to be done');

    await pressEnterOn(edit);
    await expect.poll(() => hasFocus(text)).toBe(true);
    await pressEnterOn(form.getByRole('button', { name: 'Cancel' }));
    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => hasFocus(edit), { message: 'the focus after Cancel' }).toBe(true);
    expect(await edit.getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(text)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => hasFocus(edit), { message: 'the focus after Escape' }).toBe(true);

    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(text)).toBe(true);
    const changed = 'Circulate the revised list of activities by the end of the month.';
    await text.fill(changed);
    await pressEnterOn(form.getByRole('button', { name: 'Save changes' }));
    await expect.poll(() => form.count()).toBe(0);
    await action.getByText(changed).waitFor();
    await expect.poll(() => hasFocus(edit), { message: 'the focus after saving' }).toBe(true);
    expect(errors).toEqual([]);
  });

  it('keeps the focus on a poll’s “Who has voted” and roll call as they open, load, follow a new ballot and close', async () => {
    const question = 'Publish the session recordings?';
    const chairSession = await login(server.baseUrl, 'chair@example.org');
    const poll = await createPoll(server.baseUrl, chairSession, DEMO_MEETING.id, {
      question,
      kind: 'single',
      audience: 'members',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    await openPoll(server.baseUrl, chairSession, poll.id);
    const yes = poll.options[0]?.id ?? '';
    await vote(server.baseUrl, await login(server.baseUrl, 'kwame@example.org'), poll.id, [yes]);

    const { page, errors } = await signIn('chair@example.org', `${meetingPath}?tab=polls`);
    const card = page.getByRole('article', { name: question });
    for (const [name, nextVoter, nextName] of [
      ['Who has voted', 'mei@example.org', 'Mei'],
      ['How each person voted (named vote)', 'sofia@example.org', 'Sofía'],
    ] as const) {
      const toggle = card.locator('summary', { hasText: name });
      const details = toggle.locator('xpath=..');
      const isOpen = () => details.evaluate((element) => (element as HTMLDetailsElement).open);
      await pressEnterOn(toggle);
      await details.getByText('Kwame').waitFor();
      expect(await isOpen()).toBe(true);
      expect(await hasFocus(toggle), `the focus once “${name}” has loaded`).toBe(true);
      // A ballot cast meanwhile loads the list again, under the focus.
      await vote(server.baseUrl, await login(server.baseUrl, nextVoter), poll.id, [yes]);
      await details.getByText(nextName).waitFor();
      expect(await hasFocus(toggle), `the focus once “${name}” has followed a ballot`).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(isOpen).toBe(false);
      expect(await hasFocus(toggle), `the focus once “${name}” is closed`).toBe(true);
    }
    expect(errors).toEqual([]);
  });
});
