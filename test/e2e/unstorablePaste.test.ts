/**
 * Text the server cannot store (a lone UTF-16 surrogate, a NUL), in Chromium. An ordinary paste is
 * cleaned by the editor (U+FFFD), so the server never refuses it; a change that still carries such
 * text (written through the editor's API, as an extension could) is refused: the page says why, drops
 * it from the browser's copy and opens the agenda again from the server's copy, which a reload keeps.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser.ts';
import { openNewAgenda } from '../helpers/newAgenda.ts';

const { server, signIn } = browserSuite();

/** Pastes HTML (and its plain text) into the agenda's editor, as the browser does on Ctrl+V. */
async function pasteHtml(page: Page, html: string, plain: string): Promise<void> {
  await page.evaluate(
    ([h, p]) => {
      const data = new DataTransfer();
      data.setData('text/plain', p!);
      data.setData('text/html', h!);
      document
        .querySelector('.ProseMirror')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [html, plain],
  );
}

/** Hocuspocus's message type for the close of one document on a socket that stays open. */
const CLOSE_MESSAGE = 7;

/**
 * Makes the page's socket carry, instead of each document Close's reason, one this page was built
 * without: what a page older than its server receives (a tab left open across a deployment).
 */
async function closeReasonsFromANewerServer(page: Page): Promise<void> {
  await page.context().routeWebSocket(/\/collab$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (typeof message === 'string') return socket.send(message);
      const decoder = decoding.createDecoder(new Uint8Array(message));
      const address = decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) !== CLOSE_MESSAGE) return socket.send(message);
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, address);
      encoding.writeVarUint(encoder, CLOSE_MESSAGE);
      encoding.writeVarString(encoder, 'a-reason-from-a-newer-server');
      socket.send(Buffer.from(encoding.toUint8Array(encoder)));
    });
  });
}

/** Writes, through the editor's API (a paste is cleaned), a link whose address holds a lone surrogate. */
async function writeBrokenLink(page: Page, text: string): Promise<void> {
  await page.evaluate((linkText) => {
    type Editor = { commands: { insertContent(content: unknown): boolean } };
    const editor = (document.querySelector('.ProseMirror') as HTMLElement & { editor: Editor }).editor;
    editor.commands.insertContent({
      type: 'text',
      text: linkText,
      marks: [{ type: 'link', attrs: { href: 'https://example.org/a\uD800b' } }],
    });
  }, text);
}

/**
 * Writes a line, then a refused broken link: the page says `reason`, and Reconnect drops the refused
 * change (kept, the browser's copy sent it again at once, for ever) and goes on from the server's
 * copy, editable, which a reload keeps.
 */
async function refusedThenGoesOn(opened: Awaited<ReturnType<typeof openNewAgenda>>, reason: string): Promise<void> {
  const { page, errors, editor, indicator, connectReader } = opened;
  const reader = await connectReader();
  try {
    await editor.focus();
    await page.keyboard.insertText('Kept line');
    await expect.poll(reader.text, { timeout: 10_000 }).toContain('Kept line');
    await writeBrokenLink(page, ' refused link');
    await expect.poll(() => indicator.textContent(), { timeout: 10_000 }).toContain(reason);
    expect(await indicator.getAttribute('data-state')).toBe('closed');
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    expect(await editor.textContent()).not.toContain('refused link');
    expect(await indicator.textContent()).not.toContain(reason);
    await editor.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' typed after');
    await expect.poll(reader.text, { timeout: 10_000 }).toContain('typed after');
    expect(reader.text()).not.toContain('refused link');
    // A reload opens it online and editable: the browser's copy no longer holds the refused change.
    await page.reload();
    await page.locator('.ProseMirror[contenteditable="true"]').waitFor();
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    expect(await page.locator('.ProseMirror').textContent()).toContain('typed after');
    expect(await page.locator('.ProseMirror').textContent()).not.toContain('refused link');
  } finally {
    reader.destroy();
  }
  expect(errors).toEqual([]);
}

describe('text the server cannot store', () => {
  it('accepts a pasted link and text holding a lone surrogate, as U+FFFD', async () => {
    const { page, errors, editor, indicator, connectReader } = await openNewAgenda(
      { server, signIn },
      'A broken character pasted',
    );
    const reader = await connectReader();
    try {
      await editor.focus();
      await page.keyboard.insertText('Before ');
      await expect.poll(reader.text, { timeout: 10_000 }).toContain('Before');
      await pasteHtml(page, '<p>see <a href="https://example.org/a\uD800b">li\uDC00nk</a></p>', 'see li\uDC00nk');
      await page.keyboard.insertText(' after');
      await expect.poll(reader.text, { timeout: 10_000 }).toContain('li\uFFFDnk after');
      expect(reader.text()).toContain('https://example.org/a\uFFFDb');
      expect(await indicator.getAttribute('data-state')).toBe('online');
      expect(await editor.getAttribute('contenteditable')).toBe('true');
    } finally {
      reader.destroy();
    }
    expect(errors).toEqual([]);
  });

  it('says why the server refused a change holding a lone surrogate, drops it and goes on from the server’s copy, after a reload too', async () => {
    const opened = await openNewAgenda({ server, signIn }, 'A broken link refused');
    await refusedThenGoesOn(opened, 'This change held a character that cannot be saved');
  });

  it('says so when a page older than its server is refused a change for a reason it does not know, and goes on from the server’s copy', async () => {
    const opened = await openNewAgenda({ server, signIn }, 'A page older than its server');
    await closeReasonsFromANewerServer(opened.page);
    await opened.page.reload();
    await opened.page.locator('.ProseMirror[contenteditable="true"]').waitFor();
    await expect.poll(() => opened.indicator.getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    // The reason is one the page was built without: it says so, rather than nothing.
    await refusedThenGoesOn(opened, 'The server closed this document for a reason this page does not know');
  });
});
