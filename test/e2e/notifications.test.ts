/**
 * The bell, in Chromium: member A mentions member B in a comment on the agenda; B's unread count
 * rises without a reload, B opens the list, and the notification's link lands on the thread.
 * The open panel and the settings page pass axe.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { EMAIL_CATALOGUES } from '../../server/src/notifications/emailCatalogue.ts';
import { unsubscribeToken } from '../../server/src/notifications/signing.ts';
import { agendaDoc, proposalDoc } from '../../shared/documentNames.ts';
import type { ThreadDto } from '../../shared/schemas/comments.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { createUser, http, login } from '../helpers/clients.ts';

// Each test opens its own pages, closed after it. Signed in through the form: those at / land, as a person does, on the
// newest meeting, where the bell's links are followed.
const { server, browser, signIn } = browserSuite({}, { closeContextsAfterEachTest: true });

describe('notifications in the browser', () => {
  it('raises B’s bell count live when A mentions B, and the link lands on the thread', { timeout: 120_000 }, async () => {
    const mei = await signIn('mei@example.org', '/');
    const bell = mei.page.getByRole('button', { name: /^Notifications, / });
    await bell.waitFor();
    const unread = async () => Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    const before = await unread();

    const kwame = await signIn('kwame@example.org', `/meetings/${DEMO_MEETING.id}`);
    await kwame.page.locator('.ProseMirror').waitFor();
    await kwame.page.getByRole('button', { name: 'Comment', exact: true }).click();
    const field = kwame.page.getByLabel('Your comment');
    await field.waitFor();
    await field.click();
    await kwame.page.keyboard.type('Could @Mei');
    await kwame.page.getByRole('option', { name: /Mei Lin/ }).waitFor();
    await kwame.page.keyboard.press('Enter');
    await kwame.page.keyboard.type('check the session list before Friday?');
    await kwame.page.getByRole('button', { name: 'Post comment' }).click();
    await kwame.page.locator('article.thread', { hasText: 'check the session list before Friday?' }).waitFor({ timeout: 10_000 });

    // Without a reload, within one polling period.
    await expect.poll(unread, { timeout: 25_000, interval: 500 }).toBe(before + 1);
    expect(await mei.page.getByTestId('notification-count').textContent()).toBe(String(before + 1));

    await bell.click();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    const panel = mei.page.getByRole('region', { name: 'Notifications' });
    const link = panel.getByRole('link', { name: /Kwame Asante mentioned you/ }).first();
    await link.waitFor();
    expect(await a11yViolations(mei.page)).toEqual([]);
    // The panel lies inside the window, at a desk's width and on a phone (it once opened past the
    // window's start edge, its links cut off, at every width).
    const insideWindow = async () => {
      const box = (await panel.boundingBox())!;
      return box.x >= 0 && box.x + box.width <= mei.page.viewportSize()!.width;
    };
    expect(await insideWindow()).toBe(true);
    // The header folds below 768 px and the bell moves (a new element): close, resize, wait for the fold, open.
    const menu = mei.page.getByRole('button', { name: 'Menu' });
    await mei.page.keyboard.press('Escape');
    await mei.page.setViewportSize({ width: 360, height: 740 });
    await menu.waitFor();
    await bell.click();
    await link.waitFor();
    expect(await insideWindow()).toBe(true);
    expect(await a11yViolations(mei.page)).toEqual([]);
    await mei.page.keyboard.press('Escape');
    await mei.page.setViewportSize({ width: 1280, height: 720 });
    await menu.waitFor({ state: 'detached' });
    await bell.click();
    await link.click();

    await expect.poll(() => new URL(mei.page.url()).searchParams.get('thread')).toMatch(/^[A-Za-z0-9_-]+$/);
    const thread = mei.page.locator('article.thread', { hasText: 'check the session list before Friday?' });
    await thread.waitFor({ timeout: 15_000 });
    const threadId = new URL(mei.page.url()).searchParams.get('thread');
    expect(await thread.getAttribute('data-thread-id')).toBe(threadId);
    await expect.poll(() => thread.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await thread.getAttribute('class')).toContain('thread--active');
    // Following it marked it read.
    await expect.poll(unread, { timeout: 10_000 }).toBe(before);

    // The settings page: a person changes a kind and the digest time, and passes axe.
    await mei.page.goto('/settings/notifications');
    await mei.page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    await mei.page.getByLabel('A reply in a thread I wrote in').selectOption('off');
    await mei.page.getByLabel('Time of day').fill('07:30');
    await mei.page.getByRole('button', { name: 'Save settings' }).click();
    await mei.page.getByText('Settings saved.').waitFor();
    expect(await a11yViolations(mei.page)).toEqual([]);
    // At 400 % zoom of a 1280 px screen (320 CSS px), the table of kinds reflows instead of scrolling sideways.
    await mei.page.setViewportSize({ width: 320, height: 640 });
    await expect
      .poll(() => mei.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth))
      .toBe(true);
    await mei.page.setViewportSize({ width: 1280, height: 800 });
    const saved = await mei.page.evaluate(() => fetch('/api/me/notification-settings').then((response) => response.json()));
    expect(saved).toEqual(
      expect.objectContaining({ digestTime: '07:30', email: expect.objectContaining({ reply: 'off', mention: 'immediate' }) }),
    );

    expect(mei.errors).toEqual([]);
    expect(kwame.errors).toEqual([]);
  });

  it('says “more than 99” when the bell shows 99+, not the exact count nobody sees, in English and in Arabic', {
    timeout: 120_000,
  }, async () => {
    // A member of their own (the other tests count Mei’s notifications) with 142 unread: an action
    // given to them, and 141 more notices of it.
    const member = await createUser(server.app.store, { name: 'Ama Mensah', role: 'member' });
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const action = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/actions`, {
      cookie: secretariat.cookie,
      body: { text: 'Read every comment on the programme', owner: { kind: 'person', label: '', userId: member.id } },
    });
    expect(action.status).toBe(201);
    const secretariatId = (await server.app.store.users.byEmail('secretariat@example.org'))!.id;
    for (let index = 0; index < 141; index++) {
      await server.app.store.db.transaction((tx) =>
        server.app.notify.emit(tx, {
          type: 'action.assigned',
          actorId: secretariatId,
          actionId: action.body.id,
          userId: member.id,
        }),
      );
    }

    const { page, errors } = await signIn(member.email, '/');
    const badge = page.getByTestId('notification-count');
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toBe('99+');
    const bell = page.locator('.notification-bell__button');
    const status = page.locator('.notification-bell [role="status"]');
    expect(await bell.getAttribute('aria-label')).toBe('Notifications, more than 99 unread');
    expect(await status.textContent()).toBe('Notifications, more than 99 unread');

    // In Arabic, the same digits as the badge’s, in the words for “more than 99”.
    await page.locator('.language-picker select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('الإشعارات، أكثر من 99 إشعاراً غير مقروء');
    expect(await badge.textContent()).toBe('99+');
    expect(await status.textContent()).toBe('الإشعارات، أكثر من 99 إشعاراً غير مقروء');
    expect(errors).toEqual([]);
  });

  it('opens the Comments sheet on a phone when a mention’s link names a thread, and focuses the thread in it', {
    timeout: 120_000,
  }, async () => {
    // Kwame mentions Mei in a thread on a proposal; Mei follows the notification on a 360 px phone,
    // where the comments are a sheet opened from the bar at the bottom (the link once left it
    // closed, the focus on the page and the thread unseen).
    const meiUser = (await server.app.store.users.byEmail('mei@example.org'))!;
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const posted = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
      cookie: kwame.cookie,
      body: { doc: proposalDoc('pn-gdc-implementation'), body: `<@${meiUser.id}> could you read the scope once more?` },
    });
    expect(posted.status).toBeLessThan(300);
    const threadId = posted.body.id;

    const mei = await signIn('mei@example.org', '/');
    // A slow phone: the passages are placed after the thread has taken the focus, and the threads
    // above it change (CI once read the thread 860 px below the window while they did).
    const cdp = await mei.context.newCDPSession(mei.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
    await mei.page.setViewportSize({ width: 360, height: 740 });
    await mei.page.getByRole('button', { name: 'Menu' }).waitFor();
    await mei.page.getByRole('button', { name: /^Notifications, / }).click();
    await mei.page.locator(`a[href$="thread=${threadId}"]`).first().click();

    await expect.poll(() => new URL(mei.page.url()).searchParams.get('thread')).toBe(threadId);
    const thread = mei.page.locator(`article.thread[data-thread-id="${threadId}"]`);
    await thread.waitFor({ state: 'attached', timeout: 15_000 });
    await expect.poll(() => thread.evaluate((element) => element === document.activeElement), { timeout: 10_000 }).toBe(true);
    expect(await mei.page.getByRole('button', { name: 'Comments', exact: true }).getAttribute('aria-expanded')).toBe('true');
    // Seen, not only focused: shown, and inside the window, once the passages are placed.
    await expect.poll(() => mei.page.locator('article.thread[data-placement="unknown"]').count()).toBe(0);
    const box = await thread.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(740);
    expect(mei.errors).toEqual([]);
    await mei.context.close();
  });

  it('unfolds the resolved threads when a link names a resolved one, and focuses it, at a desk and on a phone', {
    timeout: 120_000,
  }, async () => {
    // A thread resolved after the notification went out: its link (`?thread=`) still names it, but
    // it sits in the folded "Resolved" list, where it could take no focus and was not seen.
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const resolvedThread = async (doc: string, body: string) => {
      const posted = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', { cookie: kwame.cookie, body: { doc, body } });
      expect(posted.status).toBeLessThan(300);
      const resolved = await http<ThreadDto>(server.baseUrl, 'POST', `/api/threads/${posted.body.id}/resolve`, {
        cookie: kwame.cookie,
      });
      expect(resolved.body.resolved).toBeTruthy();
      return posted.body.id;
    };
    const onProposal = await resolvedThread(proposalDoc('pn-gdc-implementation'), 'The scope is settled, see the chair’s note.');
    const onAgenda = await resolvedThread(agendaDoc(DEMO_MEETING.id), 'The timing of the opening is settled.');

    const mei = await signIn('mei@example.org', '/');
    const landsOn = async (path: string, threadId: string, height: number) => {
      await mei.page.goto(path);
      const thread = mei.page.locator(`article.thread[data-thread-id="${threadId}"]`);
      await thread.waitFor({ state: 'attached', timeout: 15_000 });
      await expect.poll(() => thread.evaluate((element) => element === document.activeElement), { timeout: 10_000 }).toBe(true);
      expect(await thread.evaluate((element) => element.closest('details')?.open)).toBe(true);
      expect(await thread.isVisible()).toBe(true);
      const box = (await thread.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(height);
    };

    await mei.page.setViewportSize({ width: 1280, height: 800 });
    await landsOn(`/meetings/${DEMO_MEETING.id}/proposals/pn-gdc-implementation?thread=${onProposal}`, onProposal, 800);
    await landsOn(`/meetings/${DEMO_MEETING.id}?thread=${onAgenda}`, onAgenda, 800);

    // On a phone the Comments sheet opens too.
    await mei.page.setViewportSize({ width: 360, height: 740 });
    await mei.page.getByRole('button', { name: 'Menu' }).waitFor();
    await landsOn(`/meetings/${DEMO_MEETING.id}?thread=${onAgenda}`, onAgenda, 740);
    expect(await mei.page.getByRole('button', { name: 'Comments', exact: true }).getAttribute('aria-expanded')).toBe('true');
    await landsOn(`/meetings/${DEMO_MEETING.id}/proposals/pn-gdc-implementation?thread=${onProposal}`, onProposal, 740);
    expect(await mei.page.getByRole('button', { name: 'Comments', exact: true }).getAttribute('aria-expanded')).toBe('true');
    expect(mei.errors).toEqual([]);
    await mei.context.close();
  });

  it('turns a kind of email off from the unsubscribe page, opened from an email in a browser that is not signed in', async () => {
    const mei = (await server.app.store.users.byEmail('mei@example.org'))!;
    const key = await server.app.store.settings.secret('notifications.unsubscribeKey');
    const token = unsubscribeToken(key, { userId: mei.id, kind: 'action.assigned' });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/api/unsubscribe/${token}`);
      const say = EMAIL_CATALOGUES.en.unsubscribePage;
      await page.getByRole('button', { name: say.button }).click();
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').textContent()).toContain('Done: you will no longer receive emails about');
      const session = await login(server.baseUrl, 'mei@example.org');
      const settings = await http<{ email: Record<string, string> }>(server.baseUrl, 'GET', '/api/me/notification-settings', {
        cookie: session.cookie,
      });
      expect(settings.body.email['action.assigned']).toBe('off');
      // As it was, for the tests after this one.
      const restored = await http(server.baseUrl, 'PUT', '/api/me/notification-settings', {
        cookie: session.cookie,
        body: { email: { 'action.assigned': 'immediate' } },
      });
      expect(restored.status).toBe(200);
    } finally {
      await context.close();
    }
  });

  it('keeps the focus in the list when a keyboard user marks a notification read, and then all of them', {
    timeout: 120_000,
  }, async () => {
    // Three unread notifications for Mei: actions the secretariat assigns to her.
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const mei = (await server.app.store.users.byEmail('mei@example.org'))!;
    for (const text of ['Circulate the focus draft', 'Book the focus room', 'Send the focus minutes']) {
      const created = await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/actions`, {
        cookie: secretariat.cookie,
        body: { text, owner: { kind: 'person', label: '', userId: mei.id } },
      });
      expect(created.status).toBe(201);
    }
    const { page, errors } = await signIn('mei@example.org', '/');
    const bell = page.getByRole('button', { name: /^Notifications, / });
    await expect
      .poll(async () => (await bell.getAttribute('aria-label')) ?? '', { timeout: 20_000 })
      .toMatch(/[3-9]\d* unread|\d{2,} unread/);
    await bell.click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const marks = panel.getByRole('button', { name: 'Mark read' });
    await marks.first().waitFor();
    const count = await marks.count();
    expect(count).toBeGreaterThanOrEqual(3);
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return {
          tag: element?.tagName,
          text: element?.textContent?.trim(),
          row: element?.closest('li')?.dataset.notificationId ?? null,
        };
      });

    // Mark read with the keyboard: the row's button goes, and the focus moves to the next unread row's button.
    await marks.first().focus();
    const firstRow = await marks.first().evaluate((button) => button.closest('li')!.dataset.notificationId);
    await page.keyboard.press('Enter');
    await panel.getByRole('status').getByText('Marked read.').waitFor();
    await expect.poll(() => marks.count()).toBe(count - 1);
    const after = await focused();
    expect(after).toEqual(expect.objectContaining({ tag: 'BUTTON', text: 'Mark read' }));
    expect(after.row).not.toBe(firstRow);

    // Mark all read: its button goes, and the focus is on the list's heading, not the page.
    await panel.getByRole('button', { name: 'Mark all read' }).focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('status').getByText('All notifications marked read.').waitFor();
    await expect.poll(() => marks.count()).toBe(0);
    expect(await focused()).toEqual(expect.objectContaining({ tag: 'H2', text: 'Notifications' }));
    expect(errors).toEqual([]);
  });
  it('shows every select’s whole value on the settings page in Arabic at 360 px, each under its label', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await signIn('mei@example.org', '/settings/notifications');
    await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    await page.locator('.language-picker select').selectOption('ar');
    try {
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByRole('button', { name: 'القائمة' }).waitFor();
      const selects = page.locator('.notification-settings__table select');
      expect(await selects.count()).toBeGreaterThan(3);
      // Each select is wide enough for the words of its chosen value (measured in its own font),
      // with room for its padding and arrow, and sits below its label, not beside it.
      const cut = await selects.evaluateAll((elements) =>
        (elements as HTMLSelectElement[]).flatMap((select) => {
          const style = getComputedStyle(select);
          const context = document.createElement('canvas').getContext('2d')!;
          context.font = style.font;
          const text = select.selectedOptions[0]!.text;
          const room =
            select.clientWidth - Number.parseFloat(style.paddingInlineStart) - Number.parseFloat(style.paddingInlineEnd) - 20;
          const label = document.querySelector(`label[for="${select.id}"]`)!.getBoundingClientRect();
          const below = label.bottom <= select.getBoundingClientRect().top + 1;
          return context.measureText(text).width > room || !below
            ? [`${text}: ${Math.round(context.measureText(text).width)} > ${room}, below ${below}`]
            : [];
        }),
      );
      expect(cut).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    } finally {
      // Mei reads English again, for the tests after this one.
      await page.evaluate(() =>
        fetch('/api/me', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ language: 'en' }),
        }),
      );
    }
    expect(errors).toEqual([]);
  });
});
