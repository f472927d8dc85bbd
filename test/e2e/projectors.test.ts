/**
 * What the room reads in Chromium, in Arabic: a question written in French keeps its own direction
 * (its question mark at its end) on the Floor tab and on the floor projector; the poll projector's
 * join address reads left to right under a label in the page's direction; and the floor
 * projector's text grows with the screen, yet fits a phone and a small laptop.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { isolate } from '../../shared/i18n/format.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';
import { setCurrentItem } from '../helpers/currentItem.ts';
import { createPoll, openPoll } from '../helpers/pollClients.ts';

const { server, signIn } = browserSuite();
const meetingPath = `/meetings/${DEMO_MEETING.id}`;
const QUESTION = 'Quelle est la date limite pour les contributions ouvertes ?';

/** The computed direction of an element, and where its first word and its last character are drawn. */
const drawn = (element: Locator) =>
  element.evaluate((node) => {
    const text = node.firstChild?.nodeType === Node.TEXT_NODE ? node.firstChild : node.querySelector('*')?.firstChild;
    if (!text?.textContent) throw new Error('no text drawn');
    const box = (start: number, end: number) => {
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, end);
      return range.getBoundingClientRect();
    };
    const content = text.textContent;
    const first = box(content.indexOf('Quelle'), content.indexOf('Quelle') + 'Quelle'.length);
    const mark = box(content.lastIndexOf('?'), content.lastIndexOf('?') + 1);
    return { direction: getComputedStyle(node).direction, markAfterFirstWord: mark.left >= first.right };
  });

const fontSize = (element: Locator) => element.evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize));

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the projectors and what people wrote, in Arabic', () => {
  it('shows a question written in French in its own direction, on the Floor tab and on the floor projector', {
    timeout: 120_000,
  }, async () => {
    const chair = await setCurrentItem(server.baseUrl, 1);
    await http(server.baseUrl, 'PUT', `/api/meetings/${DEMO_MEETING.id}/questions/settings`, {
      cookie: chair.cookie,
      body: { requireApproval: false },
    });
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const asked = await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/questions`, {
      cookie: kwame.cookie,
      body: { text: QUESTION },
    });
    expect(asked.status).toBe(201);

    const reader = await signIn('secretariat@example.org', `${meetingPath}?tab=floor`, { language: 'ar' });
    const { page } = reader;
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const onTab = page.getByTestId('questions').locator('.floor-question__text', { hasText: QUESTION });
    await onTab.waitFor();
    expect(await drawn(onTab)).toEqual({ direction: 'ltr', markAfterFirstWord: true });
    // In the chair's list of people to add, a name beside its group is isolated (an option holds no <bdi>).
    const option = page.locator('select option', { hasText: 'Kwame Asante' }).first();
    await expect.poll(() => option.textContent()).toMatch(/^\u2068Kwame Asante\u2069 \(/);

    await page.goto(`${meetingPath}/floor/present`);
    const projected = page.locator('.floor-question__text', { hasText: QUESTION });
    await projected.waitFor();
    expect(await drawn(projected)).toEqual({ direction: 'ltr', markAfterFirstWord: true });
    expect(reader.errors).toEqual([]);
  });

  it('writes the poll projector’s join address left to right, under a label in the page’s direction', {
    timeout: 120_000,
  }, async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const poll = await createPoll(server.baseUrl, chair, DEMO_MEETING.id, {
      question: 'Tenir la réunion conjointe en février ?',
      kind: 'single',
      options: [{ label: 'Oui' }, { label: 'Non' }],
      audience: 'members',
    });
    await openPoll(server.baseUrl, chair, poll.id);

    const reader = await signIn('secretariat@example.org', meetingPath, { language: 'ar' });
    const { page } = reader;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${meetingPath}/polls/${poll.id}/present`);
    const link = page.locator('.present__link');
    await link.waitFor();
    expect(await link.textContent()).toBe(`${new URL(server.baseUrl).host}/p/${poll.id}`);
    expect(await link.evaluate((node) => getComputedStyle(node).direction)).toBe('ltr');
    expect(await page.locator('.present__join-text').evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
    expect(reader.errors).toEqual([]);
  });

  it('grows the floor projector’s text with the screen, and fits it at 360 and 1024 px', { timeout: 120_000 }, async () => {
    const chair = await setCurrentItem(server.baseUrl, 1);
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    expect(
      (await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/floor/hands`, { cookie: kwame.cookie, body: {} }))
        .status,
    ).toBe(201);
    expect(
      (await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/floor/next`, { cookie: chair.cookie })).status,
    ).toBe(200);

    const mei = await login(server.baseUrl, 'mei@example.org');
    const meiHand = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/floor/hands`, {
      cookie: mei.cookie,
      body: {},
    });
    expect(meiHand.status).toBe(201);

    const reader = await signIn('secretariat@example.org', meetingPath, { language: 'ar' });
    const { page } = reader;
    await page.goto(`${meetingPath}/floor/present`);
    // "Next: Mei Lin" in Arabic, the name isolated so that it reads in its own direction inside the sentence.
    await expect.poll(() => page.locator('.floor-present__next').textContent()).toBe(`التالي: ${isolate('Mei Lin')}`);
    const speaker = page.getByTestId('floor-speaker');
    await expect.poll(() => speaker.textContent()).toContain('Kwame Asante');
    // The name is isolated, in its own direction, from the group's name in Arabic beside it.
    expect(await speaker.locator('bdi').evaluate((node) => [node.textContent, getComputedStyle(node).direction])).toEqual([
      'Kwame Asante',
      'ltr',
    ]);
    const question = page.locator('.floor-question__text').first();
    await question.waitFor();

    const sizes: Record<number, { speaker: number; question: number }> = {};
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
      [2560, 1440],
    ] as const) {
      await page.setViewportSize({ width, height });
      sizes[width] = { speaker: await fontSize(speaker), question: await fontSize(question) };
    }
    // Readable from the back of the room on a 1920 px projector, and larger still on a larger one.
    expect(sizes[1920]!.speaker).toBeGreaterThanOrEqual(32);
    expect(sizes[1920]!.question).toBeGreaterThanOrEqual(28);
    expect(sizes[2560]!.speaker).toBeGreaterThan(sizes[1280]!.speaker);
    expect(sizes[2560]!.question).toBeGreaterThan(sizes[1920]!.question);

    for (const width of [360, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await overflow(page), `at ${width} px`).toBeLessThanOrEqual(0);
      const box = await speaker.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width, `the speaker’s name within ${width} px`).toBe(true);
    }
    await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/floor/end-turn`, { cookie: chair.cookie });
    await http(server.baseUrl, 'DELETE', `/api/meetings/${DEMO_MEETING.id}/floor/hands/${meiHand.body.id}`, {
      cookie: mei.cookie,
    });
    expect(reader.errors).toEqual([]);
  });
});
