/**
 * Offline editing: the indicator says so, edits stay in the browser (IndexedDB) and merge with
 * what others wrote meanwhile when the connection returns; a browser store that never opens does
 * not keep the document off the page.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_AGENDA, DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { browserSuite, caretToEnd, typeAtEnd } from '../helpers/browser.ts';
import { collabToken, connectPeer, login, synced } from '../helpers/clients.ts';

const { server, signIn } = browserSuite();

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

  it('keeps the connection state in view, clear of the caret, while one types offline at the end of a long agenda', async () => {
    const kwame = await signIn('kwame@example.org', `/meetings/${DEMO_MEETING.id}`);
    const { page } = kwame;
    const status = page.locator('.connection');
    await expect.poll(() => status.getAttribute('data-state')).toBe('online');
    // The agenda drawn in the editor before the caret is sent to its end (else the lines go above it).
    await expect.poll(() => page.locator('.ProseMirror').textContent()).toContain(DEMO_AGENDA.at(-1)!.items.at(-1)!.title);
    await kwame.context.setOffline(true);
    await expect.poll(() => status.getAttribute('data-state')).toBe('offline');
    await page.setViewportSize({ width: 1440, height: 900 });
    await caretToEnd(page);
    for (let line = 1; line <= 40; line++) {
      await page.keyboard.press('Enter');
      await page.keyboard.insertText(`Offline line ${line}`);
    }
    /** Where the status, the bar it sits in and the caret are, and the window's height. */
    const geometry = () =>
      page.evaluate(() => {
        const box = (element: Element | null) => {
          const rect = element!.getBoundingClientRect();
          return { top: rect.top, bottom: rect.bottom };
        };
        const caret =
          window.getSelection()!.getRangeAt(0).getClientRects()[0] ??
          window.getSelection()!.getRangeAt(0).getBoundingClientRect();
        return {
          status: box(document.querySelector('.connection')),
          // What stays at the top while the text scrolls: the status and the formatting toolbar.
          bar: {
            bottom: Math.max(box(document.querySelector('.connection')).bottom, box(document.querySelector('.toolbar')).bottom),
          },
          caret: { top: caret.top, bottom: caret.bottom },
          // Where the window's view of the text ends: above the comments and tools buttons on a phone.
          height: document.querySelector('.sheet-bar')?.getBoundingClientRect().top ?? window.innerHeight,
          scrolled: window.scrollY,
        };
      });
    /** What is wrong with where things are, once ProseMirror has read the selection (a task after the key). */
    const outOfView = async () => {
      const where = await geometry();
      return [
        where.scrolled > 300 ? '' : 'the page has not scrolled down the long agenda',
        where.status.top >= 0 && where.status.bottom <= where.height ? '' : 'the status is out of the window',
        // Not over the caret: the caret is below the bar, within the window.
        where.caret.top >= where.bar.bottom ? '' : `the caret (top ${where.caret.top}) is under the bar (${where.bar.bottom})`,
        where.caret.bottom <= where.height ? '' : 'the caret is below the window',
      ].filter(Boolean);
    };
    const inView = () => expect.poll(outOfView, { timeout: 2_000 }).toEqual([]);
    await inView();
    expect(await status.textContent()).toMatch(/Offline.*\d+ changes? not yet confirmed by the server/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Offline' }).count()).toBe(1);

    // On a phone, the bar (status and toolbar) is taller, and the comments and tools buttons are
    // fixed at the bottom; going down and up line by line, the caret is scrolled into view between them.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' (on the phone)');
    await inView();
    // Line by line: each line the caret reaches is in view (it once stopped under the bar).
    for (let step = 0; step < 30; step++) {
      await page.keyboard.press('ArrowUp');
      await inView();
    }
    for (let step = 0; step < 20; step++) {
      await page.keyboard.press('ArrowDown');
      await inView();
    }
    await page.keyboard.press('Enter');
    await page.keyboard.type('Typed above the end');
    await inView();

    await kwame.context.setOffline(false);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => status.textContent()).toContain('All changes saved');
    await kwame.context.close();
  });

  it('opens the document, editable, when the browser’s store neither opens nor fails', async () => {
    const sofia = await signIn('sofia@example.org');
    const { page, errors } = sofia;
    // A stuck IndexedDB: every open is a request whose success, error or upgrade never comes.
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => new EventTarget() as IDBOpenDBRequest;
    });
    const opened = Date.now();
    await page.goto(`/meetings/${DEMO_MEETING.id}`);
    // The local copy is waited for before the document opens, 8 s at most: then it opens without it.
    const editor = page.locator('.ProseMirror[contenteditable="true"]');
    await editor.waitFor({ timeout: 20_000 });
    expect(Date.now() - opened).toBeGreaterThan(7_000);
    expect(await page.evaluate(() => indexedDB.open('probe') instanceof IDBRequest)).toBe(false);
    await expect.poll(() => page.locator('.connection').getAttribute('data-state')).toBe('online');
    await expect.poll(() => editor.textContent()).toContain(DEMO_AGENDA.at(-1)!.items.at(-1)!.title);

    // What is typed reaches the others.
    const agenda = agendaDoc(DEMO_MEETING.id);
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const reader = connectPeer(server.wsUrl, agenda, () => collabToken(server.baseUrl, secretariat, agenda));
    try {
      await synced(reader);
      await typeAtEnd(page, 'Typed while the browser’s store was stuck');
      await expect
        .poll(() => reader.doc.getXmlFragment(RICH_TEXT_FIELD).toString(), { timeout: 10_000 })
        .toContain('Typed while the browser’s store was stuck');
    } finally {
      reader.destroy();
    }
    expect(errors).toEqual([]);
    await sofia.context.close();
  });
});
