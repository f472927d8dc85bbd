/**
 * The moderation logs, of a proposal's comments and of the floor's questions: each gives no count
 * before the log has answered (the comments' said "0 hidden comments" for seconds, under a comment
 * marked hidden), then the count.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { proposalDoc } from '../../shared/documentNames.ts';
import type { ThreadDto } from '../../shared/schemas/comments.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';
import { setCurrentItem } from '../helpers/currentItem.ts';

const GDC = 'pn-gdc-implementation';
const PROPOSAL = `/meetings/${DEMO_MEETING.id}/proposals/${GDC}`;

const { server, signIn } = browserSuite();

/** Holds the page's moderation-log request until the returned function is called, as a slow answer would be. */
async function holdModerationLog(page: import('playwright-core').Page): Promise<() => void> {
  let answer: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    answer = resolve;
  });
  await page.route('**/moderation-log', async (route) => {
    await held;
    await route.continue();
  });
  return answer;
}

describe('the moderation logs', () => {
  it('says it is loading, not "0 hidden comments", until the log has answered, then counts the hidden comment', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const posted = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
      cookie: mei.cookie,
      body: { doc: proposalDoc(GDC), body: 'A remark the moderator will hide.' },
    });
    expect(posted.status).toBe(201);
    const hidden = await http(server.baseUrl, 'DELETE', `/api/comments/${posted.body.comments[0]!.id}`, {
      cookie: secretariat.cookie,
      body: { reason: 'off topic' },
    });
    expect(hidden.status).toBe(204);

    const { page } = await signIn('kwame@example.org');
    const answer = await holdModerationLog(page);
    await page.goto(PROPOSAL);
    const summary = page.locator('.moderation-log summary');
    await summary.waitFor();
    await expect.poll(() => page.locator('.comment__hidden-note').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await summary.textContent()).toBe('Moderation log (loading…)');
    expect(await page.locator('.moderation-log').getAttribute('aria-busy')).toBe('true');

    answer();
    // Every hidden comment of the meeting (another test of this file may have hidden some before).
    const logged = await http<unknown[]>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/moderation-log`, {
      cookie: mei.cookie,
    });
    const count = logged.body.length;
    await expect.poll(() => summary.textContent()).toBe(`Moderation log (${count} hidden comment${count === 1 ? '' : 's'})`);
    expect(await page.locator('.moderation-log').getAttribute('aria-busy')).toBe('false');
  });

  it('asks for the log once at a proposal’s load, and again only when a comment is hidden afterwards', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const hide = async (body: string) => {
      const posted = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
        cookie: mei.cookie,
        body: { doc: proposalDoc(GDC), body },
      });
      expect(posted.status).toBe(201);
      const hidden = await http(server.baseUrl, 'DELETE', `/api/comments/${posted.body.comments[0]!.id}`, {
        cookie: secretariat.cookie,
        body: { reason: 'off topic' },
      });
      expect(hidden.status).toBe(204);
    };
    // A hidden comment before the page loads: the live list's hidden count then moves from 0 (before
    // the live document has arrived) to what it is, which once asked for the log a second time.
    await hide('Hidden before the page loads.');

    const { page } = await signIn('kwame@example.org');
    const logPath = `/api/meetings/${DEMO_MEETING.id}/moderation-log`;
    let asked = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === logPath) asked += 1;
    });
    await page.goto(PROPOSAL);
    const summary = page.locator('.moderation-log summary');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/^Moderation log \(\d+ hidden comments?\)$/);
    await expect.poll(() => page.locator('.comment__hidden-note').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const shown = Number(/\((\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
    // The live document has arrived and been drawn; give a second request time to go, if one would.
    await page.waitForTimeout(1_500);
    expect(asked).toBe(1);

    // A comment hidden while the page is open: the log is asked for again, once, and counts it.
    await hide('Hidden while the page is open.');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toBe(`Moderation log (${shown + 1} hidden comments)`);
    await page.waitForTimeout(1_500);
    expect(asked).toBe(2);
  });

  it('does not ask again for a comment hidden while its first answer was on the way, which that answer lists', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const { page } = await signIn('kwame@example.org');
    const logPath = `/api/meetings/${DEMO_MEETING.id}/moderation-log`;
    let asked = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === logPath) asked += 1;
    });
    const answer = await holdModerationLog(page);
    await page.goto(PROPOSAL);
    await expect.poll(() => asked, { timeout: 15_000 }).toBe(1);
    const posted = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
      cookie: mei.cookie,
      body: { doc: proposalDoc(GDC), body: 'Hidden while the first log request waits.' },
    });
    const commentId = posted.body.comments[0]!.id;
    expect(
      (
        await http(server.baseUrl, 'DELETE', `/api/comments/${commentId}`, {
          cookie: secretariat.cookie,
          body: { reason: 'off topic' },
        })
      ).status,
    ).toBe(204);
    // The live threads show it hidden before the held answer goes; the answer, read now, lists it.
    await expect.poll(() => page.locator('.comment__hidden-note').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    answer();
    const summary = page.locator('.moderation-log summary');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/^Moderation log \(\d+ hidden comments?\)$/);
    // The live document changed after it arrived (the old rule asked again for that change).
    await page.waitForTimeout(1_500);
    expect(asked).toBe(1);
  });

  it('the floor’s questions log says it is loading until it has answered, then counts the hidden question', async () => {
    await setCurrentItem(server.baseUrl, 1);
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const chair = await login(server.baseUrl, 'chair@example.org');
    const asked = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/questions`, {
      cookie: kwame.cookie,
      body: { text: 'A question the chair will hide.' },
    });
    expect(asked.status).toBe(201);
    const hidden = await http(server.baseUrl, 'POST', `/api/questions/${asked.body.id}/hide`, {
      cookie: chair.cookie,
      body: { reason: 'off topic' },
    });
    expect(hidden.status).toBe(200);

    const { page } = await signIn('chair@example.org');
    const answer = await holdModerationLog(page);
    await page.goto(`/meetings/${DEMO_MEETING.id}?tab=floor`);
    const log = page.getByTestId('questions-moderation-log');
    await log.locator('summary').waitFor();
    expect(await log.locator('summary').textContent()).toBe('Moderation log (loading…)');
    expect(await log.getAttribute('aria-busy')).toBe('true');

    answer();
    await expect.poll(() => log.locator('summary').textContent()).toBe('Moderation log (1 hidden question)');
    expect(await log.getAttribute('aria-busy')).toBe('false');
  });
});
