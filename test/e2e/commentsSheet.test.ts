/**
 * The comments as a sheet, on a phone (360 px), where they are closed until opened from the bar at
 * the bottom: Ctrl+Alt+M on a selection opens the sheet with the focus in the new comment's field
 * (on a proposal and on the agenda), so what is typed next goes into the comment and not into the
 * shared text; Escape on the mention suggestions and on a comment's delete confirmation closes only
 * them, and leaves the sheet open. A search result for a comment (`#thread-<id>`) opens the sheet and
 * focuses its thread, as it focuses it in the margin at 1366 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, proposalDoc } from '../../shared/documentNames.ts';
import type { ThreadDto } from '../../shared/schemas/comments.ts';
import { browserSuite, focused, selectInEditor } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';

const GDC = 'pn-gdc-implementation';
const PROPOSAL = `/meetings/${DEMO_MEETING.id}/proposals/${GDC}`;
const PASSAGE = 'compare national and regional approaches';

const { server, signIn } = browserSuite();

async function onPhone(email: string, path: string, text: string) {
  const session = await signIn(email, path);
  await session.page.setViewportSize({ width: 360, height: 740 });
  await expect.poll(() => session.page.locator('.ProseMirror').textContent(), { timeout: 15_000 }).toContain(text);
  return session;
}

/** The text the editor holds as its selection (what Ctrl+Alt+M comments on). */
const sheetOpen = (page: Page) => page.locator('#sheet-margin').getAttribute('data-open');

describe('the comments sheet on a phone', () => {
  it('opens on Ctrl+Alt+M with the focus in the new comment’s field, on a proposal and on the agenda', async () => {
    const kwame = await onPhone('kwame@example.org', PROPOSAL, PASSAGE);
    const { page } = kwame;
    expect(await sheetOpen(page)).toBeNull();
    const before = await page.locator('.ProseMirror').textContent();
    await selectInEditor(page, PASSAGE);
    await page.keyboard.press('Control+Alt+m');
    await expect.poll(() => sheetOpen(page)).toBe('true');
    await expect.poll(() => focused(page)).toBe('TEXTAREA Your comment');
    expect(await page.getByLabel('Passage').inputValue()).toBe(PASSAGE);
    // What is typed next is the comment; the proposal's shared text is as it was.
    await page.keyboard.type('Which approaches?');
    expect(await page.getByLabel('Your comment').inputValue()).toBe('Which approaches?');
    expect(await page.locator('.ProseMirror').textContent()).toBe(before);

    // Closed with the form still open, the sheet stays closed; a new Ctrl+Alt+M opens it again.
    await page.keyboard.press('Escape');
    await expect.poll(() => sheetOpen(page)).toBeNull();
    expect(await focused(page)).toBe('BUTTON Comments');
    await page.waitForTimeout(300);
    expect(await sheetOpen(page)).toBeNull();
    await selectInEditor(page, 'national');
    await page.keyboard.press('Control+Alt+m');
    await expect.poll(() => sheetOpen(page)).toBe('true');
    await expect.poll(() => focused(page)).toBe('TEXTAREA Your comment');
    expect(await page.getByLabel('Passage').inputValue()).toBe('national');
    expect(await page.getByLabel('Your comment').inputValue()).toBe('Which approaches?');
    expect(await page.locator('.ProseMirror').textContent()).toBe(before);

    // The agenda's comments are a sheet too, opened the same way.
    await page.goto(`/meetings/${DEMO_MEETING.id}`);
    const title = 'Short introduction of MAG members';
    await expect.poll(() => page.locator('.ProseMirror').textContent(), { timeout: 15_000 }).toContain(title);
    expect(await sheetOpen(page)).toBeNull();
    const agenda = await page.locator('.ProseMirror').textContent();
    await selectInEditor(page, title);
    await page.keyboard.press('Control+Alt+m');
    await expect.poll(() => sheetOpen(page)).toBe('true');
    await expect.poll(() => focused(page)).toBe('TEXTAREA Your comment');
    expect(await page.getByLabel('Passage').inputValue()).toBe(title);
    await page.keyboard.type('Ten minutes less?');
    expect(await page.getByLabel('Your comment').inputValue()).toBe('Ten minutes less?');
    expect(await page.locator('.ProseMirror').textContent()).toBe(agenda);
    expect(kwame.errors).toEqual([]);
  });

  it('closes only the mention suggestions on Escape, the focus kept in the reply', async () => {
    const kwame = await onPhone('kwame@example.org', PROPOSAL, PASSAGE);
    const { page } = kwame;
    await page.locator('#sheet-button-margin').click();
    await expect.poll(() => sheetOpen(page)).toBe('true');
    await page.locator('#sheet-margin article.thread').first().getByRole('button', { name: 'Reply' }).click();
    const reply = page.getByLabel('Your reply');
    await expect.poll(() => reply.evaluate((field) => field === document.activeElement)).toBe(true);
    await page.keyboard.type('Thanks @Me');
    await page.getByRole('option', { name: /Mei Lin/ }).waitFor();
    await page.keyboard.press('Escape');
    const list = page.locator(`[id="${await reply.getAttribute('aria-controls')}"]`);
    await expect.poll(() => list.isHidden()).toBe(true);
    expect(await list.count()).toBe(1);
    expect(await sheetOpen(page)).toBe('true');
    expect(await reply.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await reply.inputValue()).toBe('Thanks @Me');
    // Escape once the list is closed is the sheet's again.
    await page.keyboard.press('Escape');
    await expect.poll(() => sheetOpen(page)).toBeNull();
    expect(await focused(page)).toBe('BUTTON Comments');
    expect(kwame.errors).toEqual([]);
  });

  it('closes only a comment’s delete confirmation on Escape, the focus back on its Delete', async () => {
    const session = await login(server.baseUrl, 'kwame@example.org');
    const started = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
      cookie: session.cookie,
      body: { doc: proposalDoc(GDC), body: 'A comment to keep after all.' },
    });
    expect(started.status).toBe(201);

    const kwame = await onPhone('kwame@example.org', PROPOSAL, PASSAGE);
    const { page } = kwame;
    await page.locator('#sheet-button-margin').click();
    await expect.poll(() => sheetOpen(page)).toBe('true');
    const comment = page.locator('li.comment', { hasText: 'A comment to keep after all.' });
    await comment.getByRole('button', { name: /^Delete/ }).click();
    const confirmation = comment.getByRole('group');
    await confirmation.waitFor();
    await expect.poll(() => focused(page)).toBe('BUTTON Cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirmation.count()).toBe(0);
    expect(await sheetOpen(page)).toBe('true');
    await expect
      .poll(() => comment.getByRole('button', { name: /^Delete/ }).evaluate((button) => button === document.activeElement))
      .toBe(true);
    // Nothing was deleted.
    expect(await comment.locator('.comment__body').textContent()).toBe('A comment to keep after all.');
    expect(kwame.errors).toEqual([]);
  });

  it('opens a search result’s comment: the sheet opens on a phone, the thread is in view with the focus', async () => {
    const session = await login(server.baseUrl, 'kwame@example.org');
    const start = async (doc: string, body: string) => {
      const started = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
        cookie: session.cookie,
        body: { doc, body },
      });
      expect(started.status).toBe(201);
      return started.body.id;
    };
    const onAgenda = await start(agendaDoc(DEMO_MEETING.id), 'Could the zanzibarite session start earlier?');
    const onProposal = await start(proposalDoc(GDC), 'The quetzalcoatl clause needs a source.');

    const kwame = await signIn('kwame@example.org', '/');
    const { page } = kwame;
    const landsOn = async (word: string, threadId: string, width: number) => {
      await page.setViewportSize({ width, height: 740 });
      await expect
        .poll(async () => JSON.stringify(await (await kwame.context.request.get(`/api/search?q=${word}`)).json()), {
          timeout: 20_000,
        })
        .toContain(threadId);
      await page.goto(`/search?q=${word}`);
      // A click on the result is the app's own navigation (no reload), as from the search box.
      await page.locator(`a[href$="#thread-${threadId}"]`).click();
      const thread = page.locator(`article.thread[data-thread-id="${threadId}"]`);
      await expect.poll(() => thread.evaluate((element) => element === document.activeElement), { timeout: 15_000 }).toBe(true);
      await expect
        .poll(() =>
          thread.evaluate((element) => {
            const box = element.getBoundingClientRect();
            return box.top < window.innerHeight && box.bottom > 0 && box.width > 0;
          }),
        )
        .toBe(true);
      return thread;
    };

    // On a phone, the agenda's thread: the Comments sheet opens first.
    await landsOn('zanzibarite', onAgenda, 360);
    expect(await sheetOpen(page)).toBe('true');
    // At 1366 px, the proposal's thread in the margin, where no sheet is to be opened.
    const proposalThread = await landsOn('quetzalcoatl', onProposal, 1366);
    expect(await proposalThread.locator('.comment__body').textContent()).toBe('The quetzalcoatl clause needs a source.');
    expect(kwame.errors).toEqual([]);
  });
});
