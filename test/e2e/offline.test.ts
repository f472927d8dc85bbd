/**
 * Offline editing: the indicator says so, edits stay in the browser (IndexedDB) and merge with
 * what others wrote meanwhile when the connection returns.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { browserSuite, typeAtEnd } from '../helpers/browser.ts';

const { signIn } = browserSuite();

describe('offline editing', () => {
  it('keeps edits made offline and merges them when the connection returns', async () => {
    const path = `/meetings/${DEMO_MEETING.id}`;
    const olena = await signIn('olena@example.org', path);
    const rahul = await signIn('rahul@example.org', path);
    const state = (page: typeof olena.page) => page.locator('[data-state]').getAttribute('data-state');
    await expect.poll(() => state(olena.page)).toBe('online');
    await expect.poll(() => state(rahul.page)).toBe('online');

    await olena.context.setOffline(true);
    await expect.poll(() => state(olena.page)).toBe('offline');
    await expect.poll(() => olena.page.getByRole('status').filter({ hasText: 'Offline' }).count()).toBeGreaterThan(0);

    await typeAtEnd(olena.page, 'Written on the train');
    await typeAtEnd(rahul.page, 'Written in the room');
    await expect.poll(() => rahul.page.locator('.ProseMirror').textContent()).toContain('Written in the room');
    // Nothing leaks while offline.
    expect(await rahul.page.locator('.ProseMirror').textContent()).not.toContain('Written on the train');

    // The offline edit is in the browser's IndexedDB, not only in memory.
    const stored = await olena.page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((db) => db.name ?? '');
      return names.some((name) => name.includes('agenda:'));
    });
    expect(stored).toBe(true);

    await olena.context.setOffline(false);
    await expect.poll(() => state(olena.page), { timeout: 15_000 }).toBe('online');
    await expect
      .poll(() => rahul.page.locator('.ProseMirror').textContent(), { timeout: 15_000 })
      .toContain('Written on the train');
    await expect.poll(() => olena.page.locator('.ProseMirror').textContent()).toContain('Written in the room');
    await olena.context.close();
    await rahul.context.close();
  });
});
