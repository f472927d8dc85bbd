/**
 * Where the keyboard's focus is once an action pressed with Enter has run: on the button itself
 * while and after its request runs (it says it is busy with aria-disabled, not `disabled`, which
 * makes Chromium drop the focus to the page), and on a sensible neighbour when the button goes
 * away with what it acted on (a removed document, a revoked token, an answered or hidden question).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { browserSuite, focused, pressEnterOn } from '../helpers/browser.ts';
import { http, httpOk, login } from '../helpers/clients.ts';
import { setCurrentItem } from '../helpers/currentItem.ts';
import { tinyPdf } from '../helpers/documents.ts';
import { createPoll } from '../helpers/pollClients.ts';

// Each test opens its own pages, closed after it, and signs in through the API: none is about the sign-in form.
const { server, signIn } = browserSuite({}, { closeContextsAfterEachTest: true, signInThroughApi: true });
const meetingPath = `/meetings/${DEMO_MEETING.id}`;

/** The focus is not on the page; polled, as a live update can take a control away a moment before the focus is moved. */
async function expectFocusKept(page: Page, action: string): Promise<void> {
  await expect.poll(() => focused(page), { message: `the focus fell to the page after ${action}` }).not.toBe('BODY');
}

async function hasFocus(control: Locator): Promise<boolean> {
  return control.evaluate((element) => element === document.activeElement);
}

describe('the focus after an action pressed with Enter', () => {
  it('stays on “Save profile” and “Save settings” while and after they save', async () => {
    const { page, errors } = await signIn('sofia@example.org', '/profile');
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    await page.getByLabel('Affiliation').fill('Coalition for digital rights');
    const saveProfile = page.getByRole('button', { name: 'Save profile' });
    await pressEnterOn(saveProfile);
    await expect.poll(() => page.getByText('Your profile was saved.').isVisible()).toBe(true);
    await expectFocusKept(page, 'saving the profile');
    expect(await hasFocus(saveProfile)).toBe(true);

    await page.goto('/settings/notifications');
    await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    await page.getByLabel('Time of day').fill('19:30');
    const saveSettings = page.getByRole('button', { name: 'Save settings' });
    // The save is held on its way: meanwhile the button says it is busy, keeps the focus and a second Enter sends nothing.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let sent = 0;
    await page.route('**/api/me/notification-settings', async (route) => {
      if (route.request().method() === 'GET') return route.fallback();
      sent += 1;
      await held;
      await route.fallback();
    });
    await pressEnterOn(saveSettings);
    await expect.poll(() => sent).toBe(1);
    expect(await saveSettings.getAttribute('aria-disabled')).toBe('true');
    await expectFocusKept(page, 'pressing “Save settings” (while it saves)');
    await page.keyboard.press('Enter');
    release();
    await page.getByText('Settings saved.').waitFor();
    expect(sent).toBe(1);
    expect(await saveSettings.getAttribute('aria-disabled')).toBeNull();
    await expectFocusKept(page, 'saving the notification settings');
    expect(await hasFocus(saveSettings)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('stays on “Create token”, and goes to the revoked token’s name once it is revoked', async () => {
    const { page, errors } = await signIn('sofia@example.org', '/settings/tokens');
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByText('You have no tokens yet.').waitFor();
    await page.getByLabel('What it is for').fill('Calendar feed');
    const create = page.getByRole('button', { name: 'Create token' });
    await pressEnterOn(create);
    await page.getByTestId('new-token').waitFor();
    await page.getByRole('heading', { name: 'Calendar feed' }).waitFor();
    await expectFocusKept(page, 'creating a token');
    expect(await hasFocus(create)).toBe(true);

    await pressEnterOn(page.getByRole('button', { name: 'Revoke “Calendar feed”' }));
    const dialog = page.getByRole('alertdialog', { name: 'Revoke “Calendar feed”?' });
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.card').first().textContent()).toContain('revoked');
    await expectFocusKept(page, 'revoking a token');
    expect(await hasFocus(page.getByRole('heading', { name: 'Calendar feed' }))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('goes to the documents’ heading once a removed document’s row is gone', async () => {
    const item = 'oc1-aob';
    const mei = await signIn('mei@example.org', `${meetingPath}?tab=attachments`);
    for (const name of ['first-draft.pdf', 'second-draft.pdf']) {
      const added = await mei.context.request.post(`/api/meetings/${DEMO_MEETING.id}/attachments?itemId=${item}`, {
        multipart: { file: { name, mimeType: 'application/pdf', buffer: tinyPdf([`The ${name}`]) } },
      });
      expect(added.status()).toBe(201);
    }
    const panel = mei.page.locator(`#item-${item}`);
    await panel.getByRole('link', { name: 'second-draft.pdf' }).waitFor();
    await pressEnterOn(panel.getByRole('button', { name: 'Remove first-draft.pdf' }));
    const dialog = mei.page.getByRole('alertdialog', { name: 'Remove “first-draft.pdf”?' });
    await dialog.waitFor();
    await mei.page.keyboard.press('Tab');
    await mei.page.keyboard.press('Enter');
    await expect.poll(() => panel.getByRole('link', { name: 'first-draft.pdf' }).count(), { timeout: 10_000 }).toBe(0);
    // The row went with the live document, a moment after the dialog closed.
    await expect
      .poll(() => focused(mei.page), { message: 'the focus fell to the page after removing a document' })
      .not.toBe('BODY');
    expect(await hasFocus(panel.getByRole('heading').first())).toBe(true);
    expect(mei.errors).toEqual([]);
  });

  it('stays in the questions after Ask, Mark answered and Hide on the Floor tab', { timeout: 120_000 }, async () => {
    const session = await setCurrentItem(server.baseUrl, 2);
    await http(server.baseUrl, 'PUT', `/api/meetings/${DEMO_MEETING.id}/questions/settings`, {
      cookie: session.cookie,
      body: { requireApproval: false },
    });
    const kwame = await signIn('kwame@example.org', `${meetingPath}?tab=floor`);
    const chair = await signIn('chair@example.org', `${meetingPath}?tab=floor`);
    const first = 'Is the remote hub in Dakar confirmed?';
    const second = 'Will the session be interpreted into Portuguese?';

    for (const asked of [first, second]) {
      await kwame.page.getByLabel('Your question').fill(asked);
      const ask = kwame.page.getByRole('button', { name: 'Ask' });
      await pressEnterOn(ask);
      await expect.poll(() => kwame.page.locator('.floor-question', { hasText: asked }).count()).toBe(1);
      await expectFocusKept(kwame.page, 'asking a question');
      expect(await hasFocus(ask)).toBe(true);
    }

    const question = (text: string) => chair.page.locator('.floor-question', { hasText: text });
    await question(first).waitFor({ timeout: 10_000 });
    await question(second).waitFor({ timeout: 10_000 });
    await pressEnterOn(chair.page.getByRole('button', { name: `Mark answered ${first}` }));
    await expect.poll(() => question(first).textContent()).toContain('Answered');
    await expectFocusKept(chair.page, 'marking a question answered');
    await expect.poll(() => hasFocus(question(first))).toBe(true);

    const hide = chair.page.getByRole('button', { name: `Hide ${second}` });
    await pressEnterOn(hide);
    await expectFocusKept(chair.page, 'opening the form to hide a question');
    expect(await hasFocus(chair.page.getByLabel('Why hide it?'))).toBe(true);
    await pressEnterOn(chair.page.getByRole('button', { name: 'Cancel' }));
    await expect
      .poll(() => focused(chair.page), { message: 'the focus fell to the page after cancelling the hiding' })
      .not.toBe('BODY');
    expect(await hasFocus(hide)).toBe(true);
    await chair.page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(chair.page.getByLabel('Why hide it?'))).toBe(true);
    await chair.page.keyboard.type('Asked twice');
    await pressEnterOn(chair.page.getByRole('button', { name: 'Hide the question' }));
    await expect.poll(() => question(second).count()).toBe(0);
    await expectFocusKept(chair.page, 'hiding a question');
    await expect.poll(() => hasFocus(chair.page.getByRole('heading', { name: 'Questions' }))).toBe(true);
    expect([...kwame.errors, ...chair.errors]).toEqual([]);
  });

  it('goes to the poll now in a deleted draft’s place, and says the draft was deleted', async () => {
    const session = await login(server.baseUrl, 'chair@example.org');
    const older = 'Meet again in the autumn?';
    const newer = 'Invite the regional networks?';
    for (const question of [older, newer]) {
      await createPoll(server.baseUrl, session, DEMO_MEETING.id, {
        question,
        kind: 'single',
        audience: 'members',
        options: [{ label: 'Yes' }, { label: 'No' }],
      });
    }
    const { page, errors } = await signIn('chair@example.org', `${meetingPath}?tab=polls`);
    const card = (question: string) => page.getByRole('article', { name: question });
    await card(older).waitFor();
    /** Deletes a draft by keyboard: "Delete the draft", then Tab from "Cancel" to the dialog's own "Delete the draft". */
    const deleteByKeyboard = async (question: string) => {
      await pressEnterOn(card(question).getByRole('button', { name: 'Delete the draft' }));
      await page.getByRole('alertdialog', { name: `Delete the draft “${question}”?` }).waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => card(question).count(), { timeout: 10_000 }).toBe(0);
    };

    // The newest comes first: the older draft is now in its place.
    await deleteByKeyboard(newer);
    await expectFocusKept(page, 'deleting a draft poll');
    await expect.poll(() => hasFocus(page.getByRole('heading', { name: older }))).toBe(true);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The draft was deleted.' }).count()).toBe(1);

    // Then the demo meeting's own poll after it.
    const next = await page.locator('.poll-list > li').nth(1).locator('.poll-card__question').textContent();
    await deleteByKeyboard(older);
    await expectFocusKept(page, 'deleting the second draft');
    await expect.poll(() => hasFocus(page.getByRole('heading', { level: 3, name: next ?? '' }))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('goes from “Open the poll” to “Close the poll”, and from that to the projector view’s link', async () => {
    const question = 'Hold the next retreat online?';
    const session = await login(server.baseUrl, 'chair@example.org');
    await createPoll(server.baseUrl, session, DEMO_MEETING.id, {
      question,
      kind: 'single',
      audience: 'members',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    const { page, errors } = await signIn('chair@example.org', `${meetingPath}?tab=polls`);
    const card = page.getByRole('article', { name: question });
    await pressEnterOn(card.getByRole('button', { name: 'Open the poll' }));
    await expect.poll(() => focused(page), { message: 'the focus fell to the page after opening a poll' }).not.toBe('BODY');
    const close = card.getByRole('button', { name: 'Close the poll' });
    await expect.poll(() => hasFocus(close)).toBe(true);

    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByRole('button', { name: 'Close the poll' }).count()).toBe(0);
    await expect.poll(() => focused(page), { message: 'the focus fell to the page after closing a poll' }).not.toBe('BODY');
    expect(await hasFocus(card.getByRole('link', { name: 'Projector view' }))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('goes into the new proposal form’s Title, and back to “Submit a proposal” when the form is cancelled', async () => {
    const { page, errors } = await signIn('kwame@example.org', `${meetingPath}?tab=proposals`);
    await pressEnterOn(page.getByRole('button', { name: 'Submit a proposal' }));
    await expect.poll(() => focused(page)).toBe('INPUT Title');
    await pressEnterOn(page.getByRole('form', { name: 'New proposal' }).getByRole('button', { name: 'Cancel' }));
    await expect.poll(() => focused(page)).toBe('BUTTON Submit a proposal');
    expect(errors).toEqual([]);
  });

  it('goes to the meetings’ heading once a deleted meeting’s card is gone', async () => {
    const title = 'Informal call on interpretation';
    const { page, errors } = await signIn('secretariat@example.org', '/timeline');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('First day').fill('2027-06-08');
    const create = page.getByRole('button', { name: 'Create meeting' });
    await pressEnterOn(create);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'was created' }).count()).toBe(1);

    await pressEnterOn(page.getByRole('button', { name: `Delete: ${title}` }));
    await page.getByRole('alertdialog', { name: `Delete “${title}”?` }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'was deleted' }).count()).toBe(1);
    // Said once the list no longer holds it.
    expect(await page.getByRole('listitem').filter({ hasText: title }).count()).toBe(0);
    await expectFocusKept(page, 'deleting a meeting');
    expect(await hasFocus(page.getByRole('heading', { level: 1, name: 'Consultations' }))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('goes from a deleted comment to its thread, and to the comments’ heading once the thread is gone', {
    timeout: 60_000,
  }, async () => {
    const session = await login(server.baseUrl, 'sofia@example.org');
    const started = await http<{ id: string }>(server.baseUrl, 'POST', '/api/threads', {
      cookie: session.cookie,
      body: { doc: agendaDoc(DEMO_MEETING.id), body: 'Could the hybrid session start earlier?' },
    });
    expect(started.status).toBe(201);
    const replied = await http(server.baseUrl, 'POST', `/api/threads/${started.body.id}/comments`, {
      cookie: session.cookie,
      body: { body: 'Or move the coffee break instead.' },
    });
    expect(replied.status).toBe(201);
    const { page, errors } = await signIn('sofia@example.org', meetingPath);
    const thread = page.locator(`article[data-thread-id="${started.body.id}"]`);
    const comment = (text: string) => thread.getByRole('listitem').filter({ hasText: text });
    await comment('Or move the coffee break instead.').waitFor({ timeout: 15_000 });

    /** "Delete", then "Yes, delete" by keyboard: the confirmation opens on "Cancel", the safe choice. */
    const deleteByKeyboard = async (text: string) => {
      await pressEnterOn(comment(text).getByRole('button', { name: 'Delete comment by Sofía Ramírez' }));
      await expectFocusKept(page, 'asking to delete a comment');
      expect(await hasFocus(comment(text).getByRole('button', { name: 'Cancel' }))).toBe(true);
      await page.keyboard.press('Shift+Tab');
      expect(await hasFocus(comment(text).getByRole('button', { name: 'Yes, delete' }))).toBe(true);
      await page.keyboard.press('Enter');
    };

    // "Cancel" gives the focus back to "Delete".
    await pressEnterOn(comment('Or move').getByRole('button', { name: 'Delete comment by Sofía Ramírez' }));
    await expect.poll(() => hasFocus(comment('Or move').getByRole('button', { name: 'Cancel' }))).toBe(true);
    await page.keyboard.press('Enter');
    await expectFocusKept(page, 'cancelling the deletion of a comment');
    expect(await hasFocus(comment('Or move').getByRole('button', { name: 'Delete comment by Sofía Ramírez' }))).toBe(true);

    await deleteByKeyboard('Or move the coffee break instead.');
    await expect.poll(() => comment('Or move the coffee break instead.').count(), { timeout: 10_000 }).toBe(0);
    await expectFocusKept(page, 'deleting a reply');
    await expect.poll(() => hasFocus(thread)).toBe(true);

    await deleteByKeyboard('Could the hybrid session start earlier?');
    await expect.poll(() => thread.count(), { timeout: 10_000 }).toBe(0);
    await expectFocusKept(page, 'deleting the last comment of a thread');
    await expect.poll(() => hasFocus(page.getByRole('heading', { level: 2, name: /^Comments/ }))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('stays on “Move up” and “Move down” in the speakers’ list, which refuse at the top and the bottom', {
    timeout: 120_000,
  }, async () => {
    await setCurrentItem(server.baseUrl, 2);
    for (const email of ['kwame@example.org', 'mei@example.org', 'sofia@example.org']) {
      await httpOk(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/floor/hands`, {
        cookie: (await login(server.baseUrl, email)).cookie,
        body: {},
      });
    }
    const { page, errors } = await signIn('chair@example.org', `${meetingPath}?tab=floor`);
    const queue = page.getByTestId('floor-queue');
    // Each name ends with a comma for screen readers only (it separates the name from the group).
    const names = async () => (await queue.locator('.floor-hand__name').allTextContents()).map((name) => name.replace(/,$/, ''));
    await expect.poll(names).toEqual(['Kwame Asante', 'Mei Lin', 'Sofía Ramírez']);
    const button = (name: string, person: string) => queue.getByRole('button', { name: `${name} ${person}` });

    // Mei goes up to the top: her "Move up" keeps the focus, and a second Enter only says she is already first.
    await pressEnterOn(button('Move up', 'Mei Lin'));
    await expect.poll(names).toEqual(['Mei Lin', 'Kwame Asante', 'Sofía Ramírez']);
    await expectFocusKept(page, 'moving a hand to the top');
    expect(await hasFocus(button('Move up', 'Mei Lin'))).toBe(true);
    expect(await button('Move up', 'Mei Lin').getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Mei Lin is already first' }).count()).toBe(1);
    expect(await names()).toEqual(['Mei Lin', 'Kwame Asante', 'Sofía Ramírez']);

    // Kwame goes down to the bottom: his "Move down" keeps the focus, and now refuses.
    await pressEnterOn(button('Move down', 'Kwame Asante'));
    await expect.poll(names).toEqual(['Mei Lin', 'Sofía Ramírez', 'Kwame Asante']);
    await expectFocusKept(page, 'moving a hand to the bottom');
    expect(await hasFocus(button('Move down', 'Kwame Asante'))).toBe(true);
    expect(await button('Move down', 'Kwame Asante').getAttribute('aria-disabled')).toBe('true');

    // Removed, Sofía's row goes: the focus goes to "Remove" of the hand now in her place.
    await pressEnterOn(button('Remove', 'Sofía Ramírez'));
    await expect.poll(names).toEqual(['Mei Lin', 'Kwame Asante']);
    await expectFocusKept(page, 'removing a hand');
    expect(await hasFocus(button('Remove', 'Kwame Asante'))).toBe(true);

    // Kwame's row was the last: the focus goes to "Remove" in the row before. The list is left empty for the other tests.
    await pressEnterOn(button('Remove', 'Kwame Asante'));
    await expect.poll(names).toEqual(['Mei Lin']);
    await expectFocusKept(page, 'removing the last hand of the list');
    expect(await hasFocus(button('Remove', 'Mei Lin'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Nobody is waiting to speak.').isVisible()).toBe(true);
    await expectFocusKept(page, 'removing the only hand');
    expect(await focused(page)).toBe('H3 Waiting to speak (0)');
    expect(errors).toEqual([]);
  });

  it('goes to the speakers’ list’s heading when the meeting moves on and every row goes at once', {
    timeout: 120_000,
  }, async () => {
    await setCurrentItem(server.baseUrl, 2);
    for (const email of ['kwame@example.org', 'mei@example.org', 'sofia@example.org']) {
      await httpOk(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/floor/hands`, {
        cookie: (await login(server.baseUrl, email)).cookie,
        body: {},
      });
    }
    const { page, errors } = await signIn('chair@example.org', `${meetingPath}?tab=floor`);
    const queue = page.getByTestId('floor-queue');
    await expect.poll(() => queue.locator('.floor-hand').count()).toBe(3);
    // The focus on the middle row: its neighbours on both sides leave in the same live update.
    await queue.getByRole('button', { name: 'Remove Mei Lin' }).focus();
    await setCurrentItem(server.baseUrl, 3, { email: 'secretariat@example.org' });
    await expect.poll(() => queue.locator('.floor-hand').count(), { timeout: 10_000 }).toBe(0);
    await expectFocusKept(page, 'the meeting moving on');
    expect(await focused(page)).toBe('H3 Waiting to speak (0)');
    expect(errors).toEqual([]);
  });

  it('goes from Raise hand to Lower hand and back, and from the chair’s Next speaker to End turn to its heading', {
    timeout: 120_000,
  }, async () => {
    // An item of its own, whose list is empty.
    await setCurrentItem(server.baseUrl, 3);
    const member = await signIn('rahul@example.org', `${meetingPath}?tab=floor`);
    /** Enter once the focused button no longer waits for the last request (a busy button refuses it). */
    const pressWhenReady = async (page: import('playwright-core').Page, name: string) => {
      const button = page.getByRole('button', { name });
      await expect.poll(() => button.getAttribute('aria-disabled')).toBeNull();
      await page.keyboard.press('Enter');
    };
    await pressEnterOn(member.page.getByRole('button', { name: 'Raise hand' }));
    await expect.poll(() => focused(member.page)).toBe('BUTTON Lower hand');
    await pressWhenReady(member.page, 'Lower hand');
    await expect.poll(() => focused(member.page)).toBe('BUTTON Raise hand');
    await pressWhenReady(member.page, 'Raise hand');
    await expect.poll(() => focused(member.page)).toBe('BUTTON Lower hand');

    // The chair gives Rahul the floor: "Next speaker" turns disabled with the list empty, so the
    // focus goes to "End turn"; ending the turn disables both, and the focus goes to their heading.
    const chair = await signIn('chair@example.org', `${meetingPath}?tab=floor`);
    await pressEnterOn(chair.page.getByRole('button', { name: 'Next speaker' }));
    await expect.poll(() => focused(chair.page)).toBe('BUTTON End turn');
    // The focus comes to End turn while Next speaker's request may still be on its way (a CI run
    // pressed it then, and the busy button let the key go by).
    await pressWhenReady(chair.page, 'End turn');
    await expect.poll(() => focused(chair.page)).toBe('H3 Run the floor');
    expect([...member.errors, ...chair.errors]).toEqual([]);
  });
});
