/**
 * The floor in Chromium: a member raises a hand, the chair gives the floor, the countdown runs on
 * both screens and on the projector view (agreeing to within a second, warning and announcing at
 * the end); an observer's question that needs approval shows to others only once the chair
 * approves it; a member checks in for the meeting day, said as a date in the reader's language.
 * Every page is axe-clean.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { intlLocale } from '../../shared/i18n/format.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';

const { server, signIn } = browserSuite();
const meetingPath = `/meetings/${DEMO_MEETING.id}`;
const QUESTION = 'Will the remote hub in Nairobi get a speaking slot?';

const secondsShown = async (page: import('playwright-core').Page): Promise<number> => {
  const text = (await page.getByTestId('floor-countdown').first().textContent()) ?? '';
  const match = /(−?)(\d+):(\d\d)/.exec(text);
  if (!match) throw new Error(`no countdown in ${JSON.stringify(text)}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
};

describe('the floor in the browser', () => {
  it('gives the floor to a raised hand, with the countdown on every screen, and shows approved questions only', {
    timeout: 240_000,
  }, async () => {
    const session = await login(server.baseUrl, 'chair@example.org');
    const items = (
      await http<{ id: string; title: string }[]>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/agenda-items`, {
        cookie: session.cookie,
      })
    ).body;
    await http(server.baseUrl, 'PUT', `/api/meetings/${DEMO_MEETING.id}/current-item`, {
      cookie: session.cookie,
      body: { itemId: items[1]!.id },
    });

    const kwame = await signIn('kwame@example.org', `${meetingPath}?tab=floor`);
    await kwame.page.getByRole('button', { name: 'Raise hand' }).click();
    await expect.poll(() => kwame.page.getByText('You are number 1 on the list.').isVisible()).toBe(true);

    const chair = await signIn('chair@example.org', `${meetingPath}?tab=floor`);
    const queue = chair.page.getByTestId('floor-queue');
    await expect.poll(() => queue.textContent()).toContain('Kwame Asante');
    // A short speaking time, so that the warnings come quickly.
    await chair.page.getByLabel('Speaking time (seconds)').fill('45');
    await chair.page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => chair.page.getByText('The speaking time and balance rule are saved.').isVisible()).toBe(true);
    await chair.page.getByRole('button', { name: 'Next speaker' }).click();

    const projector = await signIn('secretariat@example.org', `${meetingPath}/floor/present`);
    for (const page of [kwame.page, chair.page, projector.page]) {
      await expect.poll(() => page.getByTestId('floor-speaker').first().textContent()).toContain('Kwame Asante');
      await page.getByTestId('floor-countdown').first().waitFor();
    }
    const shown = await Promise.all([secondsShown(kwame.page), secondsShown(chair.page), secondsShown(projector.page)]);
    expect(Math.max(...shown) - Math.min(...shown)).toBeLessThanOrEqual(1);
    expect(shown[0]).toBeGreaterThan(0);
    expect(shown[0]).toBeLessThanOrEqual(45);
    // Under 30 seconds: the warning shows and is announced; at zero, time is up.
    await expect
      .poll(() => kwame.page.getByTestId('floor-countdown').getAttribute('data-phase'), { timeout: 45_000 })
      .toBe('warning');
    await expect
      .poll(() => kwame.page.getByRole('status').filter({ hasText: '30 seconds left for Kwame Asante.' }).count())
      .toBe(1);
    await expect
      .poll(() => projector.page.getByTestId('floor-countdown').getAttribute('data-phase'), { timeout: 60_000 })
      .toBe('over');
    await expect
      .poll(() => projector.page.getByRole('status').filter({ hasText: 'Time is up for Kwame Asante.' }).count())
      .toBe(1);
    expect(await a11yViolations(kwame.page)).toEqual([]);
    expect(await a11yViolations(chair.page)).toEqual([]);
    expect(await a11yViolations(projector.page)).toEqual([]);
    await chair.page.getByRole('button', { name: 'End turn' }).click();
    await expect.poll(() => projector.page.getByText('Nobody has the floor.').isVisible()).toBe(true);

    // Questions need approval; an observer asks one.
    // The box follows the server's answer (the live document), so it changes a moment after the
    // click: click, then wait for it, rather than check(), which wants the change at once.
    await chair.page.getByLabel('New questions need approval').click();
    await expect.poll(() => chair.page.getByLabel('New questions need approval').isChecked()).toBe(true);
    const observer = await signIn('tomas@example.org', `${meetingPath}?tab=floor`);
    await observer.page.getByLabel('Your question').fill(QUESTION);
    await observer.page.getByRole('button', { name: 'Ask' }).click();
    await expect.poll(() => observer.page.getByText('Your question waits for the chair’s approval.').isVisible()).toBe(true);
    const chairList = chair.page.getByTestId('questions');
    await expect.poll(() => chairList.textContent(), { timeout: 10_000 }).toContain(QUESTION);
    // Not shown to a member while it waits.
    await kwame.page.waitForTimeout(1_000);
    expect(await kwame.page.locator('.floor-question__text', { hasText: QUESTION }).count()).toBe(0);
    await chair.page.getByRole('button', { name: `Approve ${QUESTION}` }).click();
    await expect.poll(() => kwame.page.locator('.floor-question__text', { hasText: QUESTION }).count()).toBe(1);
    await expect.poll(() => projector.page.locator('.floor-question__text', { hasText: QUESTION }).count()).toBe(1);
    await kwame.page.getByRole('button', { name: `Upvote ${QUESTION}` }).click();
    await expect.poll(() => projector.page.getByText('1 vote', { exact: true }).count()).toBe(1);
    expect(await a11yViolations(observer.page)).toEqual([]);
    // On a phone: no sideways scroll on the tab or the projector view.
    for (const page of [kwame.page, projector.page]) {
      await page.setViewportSize({ width: 360, height: 740 });
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    }
    expect(await a11yViolations(chair.page)).toEqual([]);
  });

  it('checks a member in for the meeting day, which it says as a date in the reader’s language', async () => {
    const { page, context } = await signIn('sofia@example.org', `${meetingPath}?tab=floor`);
    const panel = page.getByRole('region', { name: 'Attendance' });
    const sentence = panel.locator('p').first();
    const { body } = await http<{ quorum: { day: string } }>(
      server.baseUrl,
      'GET',
      `/api/meetings/${DEMO_MEETING.id}/attendance`,
      {
        cookie: (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; '),
      },
    );
    const said = (language: string) =>
      new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${body.quorum.day}T00:00:00Z`),
      );
    await expect.poll(() => sentence.textContent()).toBe(`You have not checked in for ${said('en')}.`);

    await panel.getByRole('button', { name: 'I am in the room' }).click();
    await expect.poll(() => sentence.textContent()).toBe(`You are checked in in the room for ${said('en')}.`);
    expect(await panel.getByRole('button', { name: 'I am in the room' }).getAttribute('aria-pressed')).toBe('true');
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByLabel('Language').selectOption('fr');
    const french = page.getByRole('region', { name: 'Présence' }).locator('p').first();
    await expect
      .poll(() => french.textContent())
      .toBe(`Votre présence dans la salle est enregistrée pour la journée du ${said('fr')}.`);
    await context.close();
  });
});
