/** Two people co-edit the agenda in Chromium; an observer follows it read-only. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { launchBrowser, signIn, type SignedIn } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

let server: TestServer;
let browser: Browser;
const open: SignedIn[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const session of open) await session.context.close();
  await browser?.close();
  await server?.close();
});

async function typeAtEnd(session: SignedIn, text: string) {
  const editor = session.page.locator('.ProseMirror');
  await editor.click();
  await session.page.keyboard.press('Control+End');
  await session.page.keyboard.press('Enter');
  await session.page.keyboard.type(text);
}

describe('the agenda in the browser', () => {
  it('lands a member in the demo consultation after sign-in', async () => {
    const kwame = await signIn(browser, server.baseUrl, 'kwame@example.org');
    open.push(kwame);
    await kwame.page.waitForURL(`**/meetings/${DEMO_MEETING.id}`);
    await expect.poll(() => kwame.page.locator('#meeting-title').textContent()).toBe(DEMO_MEETING.title);
    await expect.poll(() => kwame.page.locator('.ProseMirror').textContent()).toContain('Selection of IGF MAG Working Groups');
    await expect.poll(() => kwame.page.locator('[data-state]').getAttribute('data-state')).toBe('online');
  });

  it('shows each editor the other’s text and named caret as they type', async () => {
    const kwame = open[0]!;
    const mei = await signIn(browser, server.baseUrl, 'mei@example.org', `/meetings/${DEMO_MEETING.id}`);
    open.push(mei);
    await mei.page.locator('.ProseMirror').waitFor();

    await typeAtEnd(kwame, 'Kwame proposes a break at 15:00');
    await expect.poll(() => mei.page.locator('.ProseMirror').textContent(), { timeout: 10_000 }).toContain('Kwame proposes a break at 15:00');

    await typeAtEnd(mei, 'Mei agrees');
    await expect.poll(() => kwame.page.locator('.ProseMirror').textContent(), { timeout: 10_000 }).toContain('Mei agrees');

    // Carets carry the server-stamped names.
    await expect.poll(() => kwame.page.locator('.collaboration-carets__label').allTextContents()).toContain('Mei Lin');
    await expect.poll(() => mei.page.locator('.collaboration-carets__label').allTextContents()).toContain('Kwame Asante');
    // Both are listed as here now.
    const presence = mei.page.getByRole('region', { name: /Here now/ });
    await expect.poll(() => presence.textContent()).toContain('Kwame Asante');
    await expect.poll(() => presence.textContent()).toContain('Mei Lin (you)');
    expect([...kwame.errors, ...mei.errors]).toEqual([]);
  });

  it('lets an observer follow the agenda live but not change it, and says so', async () => {
    const tomas = await signIn(browser, server.baseUrl, 'tomas@example.org', `/meetings/${DEMO_MEETING.id}`);
    open.push(tomas);
    const editor = tomas.page.locator('.ProseMirror');
    await expect.poll(() => editor.textContent()).toContain('Mei agrees');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('false');
    expect(await editor.getAttribute('aria-readonly')).toBe('true');
    await expect.poll(() => tomas.page.getByText('You are an observer').isVisible()).toBe(true);
    expect(await tomas.page.getByRole('toolbar').count()).toBe(0);

    await typeAtEnd(open[0]!, 'Live for observers too');
    await expect.poll(() => editor.textContent(), { timeout: 10_000 }).toContain('Live for observers too');
  });
});
