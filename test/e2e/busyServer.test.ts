/**
 * A server too busy for one writer, in Chromium: its share of the server's time for updates is set
 * to 1 ms per 10 s (UPDATE_CPU_BUDGET_MS), so a few pasted paragraphs use it up and the server
 * closes the agenda's connection with the busy reason. The page says so, then opens the document
 * again by itself, without a click, editable, and what was typed reaches the server; the caret is
 * where the person left it, so what they type next goes there, not at the top of the agenda.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, caretAfter } from '../helpers/browser.ts';
import { openNewAgenda } from '../helpers/newAgenda.ts';

const { server, signIn } = browserSuite({ env: { UPDATE_CPU_BUDGET_MS: '1' } });

/** The numbered markers (`[3]`) of the paragraphs in a text. */
const markers = (text: string) => text.match(/\[\d+\]/g) ?? [];

describe('a document the busy server closed', () => {
  it('opens again by itself after a while, editable, online, with what was typed sent and the caret where it was', async () => {
    const { page, errors, editor, indicator, connectReader } = await openNewAgenda({ server, signIn }, 'A busy afternoon');
    const reader = await connectReader();
    const stored = () => reader.text();
    try {
      await editor.focus();
      await page.keyboard.insertText('Opening remarks by the chair');
      await expect.poll(stored, { timeout: 10_000 }).toContain('Opening remarks by the chair');
      // The caret in the middle of the line: what is pasted goes there, and the caret after it.
      await caretAfter(page, 'Opening remarks');
      // Pasted paragraphs, one update each, until the server refuses one as too much of its time.
      let pasted = 0;
      await expect
        .poll(
          async () => {
            if ((await indicator.getAttribute('data-state')) === 'closed') return true;
            await page.keyboard.insertText(`[${pasted++}] ${'A long statement on the agenda. '.repeat(100)}`);
            return false;
          },
          { timeout: 60_000, interval: 50 },
        )
        .toBe(true);
      expect(await indicator.textContent()).toContain('You are sending changes faster than the server can take them.');
      expect(await editor.getAttribute('contenteditable')).toBe('false');
      // What the page holds: the refused paragraph included, kept in the local copy to be sent again.
      const shown = markers((await editor.textContent()) ?? '');
      expect(shown.length).toBeGreaterThan(0);

      // Nobody presses Reconnect: the document opens again by itself (after 5 s), editable and online.
      await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 20_000 }).toBe('online');
      await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
      expect(await indicator.textContent()).not.toContain('faster than the server can take them');
      expect(await page.getByRole('button', { name: 'Reconnect' }).count()).toBe(0);
      // Every paragraph the page showed reached the server, the refused one too.
      await expect.poll(() => markers(stored()), { timeout: 10_000 }).toEqual(shown);

      // The keyboard is back in the text, and what is typed now goes where the caret was: after the
      // last paste, before the rest of the line (a new editor's caret stood at the top of the agenda).
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
      await page.keyboard.insertText('[end of the statements]');
      // (20 s: should the paragraph sent again use up the server's time once more, the page reopens once more.)
      await expect.poll(stored, { timeout: 20_000 }).toContain('[end of the statements] by the chair');
      expect(stored()).toContain('Opening remarks[0]');
      expect(markers(stored())).toEqual(shown);
    } finally {
      reader.destroy();
    }
    expect(errors).toEqual([]);
  });
});
