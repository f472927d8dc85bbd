/**
 * Running the meeting in Chromium: the chair marks the current item and another person's browser
 * highlights it live; an action created from a comment lands in its owner's "my actions", with
 * overdue ones highlighted; the views pass axe's WCAG checks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, type SignedIn } from '../helpers/browser.ts';

const MEETING_PATH = `/meetings/${DEMO_MEETING.id}`;
const ITEM = 'Selection of IGF MAG Working Groups';

const { signIn } = browserSuite();
let chair: SignedIn;
let kwame: SignedIn;

beforeAll(async () => {
  chair = await signIn('chair@example.org', MEETING_PATH);
  kwame = await signIn('kwame@example.org', MEETING_PATH);
});

describe('running the meeting', () => {
  it('shows every browser the item the chair marks as current, with the time against the plan', async () => {
    await kwame.page.locator('.ProseMirror').waitFor();
    await expect.poll(() => kwame.page.locator('.ProseMirror .agenda-item').count()).toBe(8);
    // Items carry their number and time slot in the editor.
    await expect
      .poll(() => kwame.page.locator('.ProseMirror .agenda-item').nth(4).locator('.agenda-item__meta').textContent())
      .toContain('5.');
    expect(await kwame.page.locator('.ProseMirror .agenda-item--current').count()).toBe(0);

    // The day view is one of the tools beside the text.
    await chair.page.getByRole('tab', { name: 'Day view' }).click();
    const row = chair.page.locator('.day-view__item', { hasText: ITEM });
    await row.getByRole('button', { name: 'Mark as current' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Current' }).getAttribute('aria-pressed')).toBe('true');

    const highlighted = kwame.page.locator('.ProseMirror .agenda-item--current');
    await expect.poll(() => highlighted.count(), { timeout: 10_000 }).toBe(1);
    expect(await highlighted.locator('.agenda-item__title').textContent()).toBe(ITEM);
    expect(await highlighted.getAttribute('aria-current')).toBe('true');
    await kwame.page.getByRole('tab', { name: 'Current item' }).click();
    const now = kwame.page.getByRole('region', { name: 'Current item' });
    await expect.poll(() => now.textContent()).toContain(`5. ${ITEM}`);
    await expect.poll(() => now.textContent()).toContain('of 90 min planned');
    // A member sees it but cannot move it on.
    expect(await now.getByRole('button').count()).toBe(0);
    await kwame.page.getByRole('tab', { name: 'Day view' }).click();
    expect(await kwame.page.locator('.day-view__item', { hasText: ITEM }).getAttribute('aria-current')).toBe('true');

    // Item details open in a dialog from the day view, labelled, with room for the form.
    await row.getByRole('button', { name: 'Details' }).click();
    const dialog = chair.page.getByRole('dialog', { name: 'Details of item 5' });
    const details = dialog.getByRole('form', { name: 'Details of item 5' });
    const box = await dialog.boundingBox();
    const viewport = chair.page.viewportSize()!;
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    expect(await details.getByLabel('Minutes').inputValue()).toBe('90');
    expect(await a11yViolations(chair.page)).toEqual([]);
    await details.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // The chair moves on: the highlight follows on the other screen.
    await chair.page.getByRole('tab', { name: 'Current item' }).click();
    await chair.page.getByRole('button', { name: 'Move on to item 6' }).click();
    await expect
      .poll(() => highlighted.locator('.agenda-item__title').textContent(), { timeout: 10_000 })
      .toContain('Best Practice Forums');
    expect(await a11yViolations(kwame.page)).toEqual([]);
    expect(await a11yViolations(chair.page)).toEqual([]);
    expect([...kwame.errors, ...chair.errors]).toEqual([]);
  });

  it('warns in the day view when a day runs past its end', async () => {
    await chair.page.getByRole('tab', { name: 'Day view' }).click();
    const warning = chair.page.locator('.day-view__warning');
    expect(await warning.count()).toBe(0);
    await chair.page.getByLabel('A meeting day ends at').fill('11:30');
    await chair.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => kwame.page.locator('.day-view__warning').first().textContent(), { timeout: 10_000 })
      .toContain('past its end (11:30)');
    await expect.poll(() => kwame.page.locator('.ProseMirror .agenda-item__overrun').count()).toBeGreaterThan(0);
  });

  it('puts an action created from a comment in the owner’s “my actions”, overdue ones highlighted', async () => {
    await chair.page.getByRole('tab', { name: 'Actions and pack' }).click();
    await chair.page.getByRole('button', { name: 'New action item' }).click();
    const form = chair.page.getByRole('form', { name: 'New action item' });
    await form
      .getByLabel('What is to be done')
      .fill('Kwame Asante to reserve ten minutes for the Youth Engagement co-facilitator.');
    await form.getByLabel('The owner is').selectOption('person');
    await form.getByLabel('Person').fill('Kwame Asante');
    await form.getByLabel('Source', { exact: true }).selectOption('comment');
    const comment = form.getByLabel('Comment', { exact: true });
    const option = comment.locator('option', { hasText: 'Could we reserve ten minutes' });
    await expect.poll(() => option.count()).toBe(1);
    await comment.selectOption({ label: (await option.textContent())! });
    await form.getByLabel('As said in the meeting').fill('by 14 March 2099');
    await expect.poll(() => form.getByText(/^Means .*2099\.$/).count()).toBe(1);
    expect(await a11yViolations(chair.page)).toEqual([]);
    await form.getByRole('button', { name: 'Record the action' }).click();
    await expect.poll(() => chair.page.getByRole('status').filter({ hasText: 'Action item recorded' }).count()).toBe(1);

    await kwame.page.getByRole('tab', { name: 'Actions and pack' }).click();
    await kwame.page.getByRole('button', { name: 'My actions' }).click();
    const mine = kwame.page.getByRole('list', { name: 'My actions' });
    const created = mine.locator('.action', { hasText: 'reserve ten minutes for the Youth Engagement co-facilitator' });
    await expect.poll(() => created.count(), { timeout: 10_000 }).toBe(1);
    expect(await created.textContent()).toContain('A comment');
    expect(await created.getAttribute('class')).not.toContain('action--overdue');
    // Kwame's action from the demo, due in March 2025 and in progress, is overdue.
    const overdue = mine.locator('.action--overdue', { hasText: 'Kwame Asante to circulate the revised proposal' });
    expect(await overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain('Overdue');
    // Only his own: none of Olena's.
    expect(await mine.locator('.action', { hasText: 'Olena Kovalenko' }).count()).toBe(0);
    // The pack is one click away.
    expect(await kwame.page.getByRole('link', { name: 'Word document (DOCX)' }).getAttribute('href')).toBe(
      `/api/meetings/${DEMO_MEETING.id}/pack.docx?lang=en`,
    );
    expect(await a11yViolations(kwame.page)).toEqual([]);
    expect(await a11yViolations(chair.page)).toEqual([]);
    expect([...kwame.errors, ...chair.errors]).toEqual([]);
  });

  it('shows what changed since a version, and who did it, in an accessible dialog', async () => {
    await kwame.page.getByRole('tab', { name: 'Agenda' }).click();
    await kwame.page.locator('.ProseMirror').waitFor();
    await kwame.page.getByRole('tab', { name: 'Versions' }).click();
    await kwame.page.getByLabel('Name the agenda as it is now').fill('Before Kwame’s note');
    await kwame.page.getByRole('button', { name: 'Save version' }).click();
    await expect.poll(() => kwame.page.getByRole('region', { name: 'Versions' }).textContent()).toContain('Saved the version');
    await kwame.page.locator('.ProseMirror .agenda-item__title', { hasText: ITEM }).click();
    await kwame.page.keyboard.press('End');
    await kwame.page.keyboard.type(' (with the youth WG)');
    await expect.poll(() => kwame.page.locator('[data-state]').first().getAttribute('data-state')).toBe('online');
    await kwame.page
      .locator('.versions__item', { hasText: 'Before Kwame’s note' })
      .getByRole('button', { name: 'Changes since' })
      .click();
    const dialog = kwame.page.getByRole('dialog');
    await expect.poll(() => dialog.locator('ins').first().textContent()).toContain('(with the youth WG)');
    expect(await dialog.locator('ins').first().getAttribute('title')).toBe('Added by Kwame Asante');
    expect(await a11yViolations(kwame.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(kwame.errors).toEqual([]);
  });
});
