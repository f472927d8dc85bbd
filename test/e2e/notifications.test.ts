/**
 * The bell, in Chromium: member A mentions member B in a comment on the agenda; B's unread count
 * rises without a reload, B opens the list, and the notification's link lands on the thread.
 * The open panel and the settings page pass axe.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';

const { signIn } = browserSuite();

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
    const saved = await mei.page.evaluate(() => fetch('/api/me/notification-settings').then((response) => response.json()));
    expect(saved).toEqual(
      expect.objectContaining({ digestTime: '07:30', email: expect.objectContaining({ reply: 'off', mention: 'immediate' }) }),
    );

    expect(mei.errors).toEqual([]);
    expect(kwame.errors).toEqual([]);
  });
});
