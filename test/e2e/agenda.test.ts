/** Two people co-edit the agenda in Chromium; an observer follows it read-only. */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { browserSuite, type SignedIn, typeAtEnd } from '../helpers/browser.ts';

const { signIn } = browserSuite();
/** Signed in by the first test; the others type as him. */
let kwame: SignedIn;

describe('the agenda in the browser', () => {
  it('lands a member in the demo consultation after sign-in', async () => {
    kwame = await signIn('kwame@example.org');
    await kwame.page.waitForURL(`**/meetings/${DEMO_MEETING.id}`);
    await expect.poll(() => kwame.page.locator('#meeting-title').textContent()).toBe(DEMO_MEETING.title);
    await expect.poll(() => kwame.page.locator('.ProseMirror').textContent()).toContain('Selection of IGF MAG Working Groups');
    await expect.poll(() => kwame.page.locator('[data-state]').getAttribute('data-state')).toBe('online');
  });

  it('shows each editor the other’s text and named caret as they type', async () => {
    const mei = await signIn('mei@example.org', `/meetings/${DEMO_MEETING.id}`);
    await mei.page.locator('.ProseMirror').waitFor();

    await typeAtEnd(kwame.page, 'Kwame proposes a break at 15:00');
    await expect
      .poll(() => mei.page.locator('.ProseMirror').textContent(), { timeout: 10_000 })
      .toContain('Kwame proposes a break at 15:00');

    await typeAtEnd(mei.page, 'Mei agrees');
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

  it('turns a typed web address into a link once the link finder has loaded (after the editor)', async () => {
    // The finder (linkifyjs) comes after the editor's code (client/src/editor/linkifyLater.ts).
    await expect
      .poll(() =>
        kwame.page.evaluate(() =>
          performance.getEntriesByType('resource').some((entry) => /\/linkify-[^/]+\.js$/.test(entry.name)),
        ),
      )
      .toBe(true);
    await typeAtEnd(kwame.page, 'Notes at https://www.intgovforum.org/notes ');
    await expect
      .poll(() => kwame.page.locator('.ProseMirror a[href="https://www.intgovforum.org/notes"]').count(), { timeout: 10_000 })
      .toBe(1);
    expect(kwame.errors).toEqual([]);
  });

  it('lets an observer follow the agenda live but not change it, and says so', async () => {
    const tomas = await signIn('tomas@example.org', `/meetings/${DEMO_MEETING.id}`);
    const editor = tomas.page.locator('.ProseMirror');
    await expect.poll(() => editor.textContent()).toContain('Mei agrees');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('false');
    expect(await editor.getAttribute('aria-readonly')).toBe('true');
    await expect.poll(() => tomas.page.getByText('You are an observer').isVisible()).toBe(true);
    expect(await tomas.page.getByRole('toolbar').count()).toBe(0);

    await typeAtEnd(kwame.page, 'Live for observers too');
    await expect.poll(() => editor.textContent(), { timeout: 10_000 }).toContain('Live for observers too');
  });

  it('takes a person who closes or leaves their page off “Here now” within seconds', async () => {
    const presence = kwame.page.getByRole('region', { name: /Here now/ });
    const sofia = await signIn('sofia@example.org', `/meetings/${DEMO_MEETING.id}`);
    const olena = await signIn('olena@example.org', `/meetings/${DEMO_MEETING.id}`);
    await sofia.page.locator('.ProseMirror').waitFor();
    await olena.page.locator('.ProseMirror').waitFor();
    await expect.poll(() => presence.textContent()).toContain('Sofía Ramírez');
    await expect.poll(() => presence.textContent()).toContain('Olena');

    // The tab is closed: its socket closes with it.
    await sofia.page.close({ runBeforeUnload: true });
    await expect.poll(() => presence.textContent(), { timeout: 5_000 }).not.toContain('Sofía Ramírez');

    // The page is left but kept by the browser (the back/forward cache), its socket still open:
    // the provider takes its presence back at `pagehide`, and the server passes that on (it
    // dropped it, and the person stayed listed until the awareness timed out, 30 s later).
    await olena.page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
    await expect.poll(() => presence.textContent(), { timeout: 5_000 }).not.toContain('Olena');
    expect(await presence.textContent()).toContain('Kwame Asante (you)');
  });
});
