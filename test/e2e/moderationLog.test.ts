/**
 * The comments' moderation log in a proposal's margin: it gives no count before the log has
 * answered (it said "0 hidden comments" for seconds, under a comment marked hidden), then the count.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { proposalDoc } from '../../shared/documentNames.ts';
import type { ThreadDto } from '../../shared/schemas/comments.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';

const GDC = 'pn-gdc-implementation';
const PROPOSAL = `/meetings/${DEMO_MEETING.id}/proposals/${GDC}`;

const { server, signIn } = browserSuite();

describe('the comments’ moderation log', () => {
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
    // The log's answer is held back, as a slow answer would be, until the page has been read.
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      answer = resolve;
    });
    await page.route('**/moderation-log', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(PROPOSAL);
    const summary = page.locator('.moderation-log summary');
    await summary.waitFor();
    await expect.poll(() => page.locator('.comment__hidden-note').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await summary.textContent()).toBe('Moderation log (loading…)');
    expect(await page.locator('.moderation-log').getAttribute('aria-busy')).toBe('true');

    answer();
    await expect.poll(() => summary.textContent()).toBe('Moderation log (1 hidden comment)');
    expect(await page.locator('.moderation-log').getAttribute('aria-busy')).toBe('false');
  });
});
