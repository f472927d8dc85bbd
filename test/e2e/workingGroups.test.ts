/**
 * Working groups administered in the browser: the secretariat creates a group and a sub-group in
 * the Working groups tab, a member joins the sub-group from her own screen and the secretariat
 * sees it live; the secretariat archives the group (asked to confirm first) and it moves, with
 * its sub-group, to the archived list on both screens. axe finds nothing on either page.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';

const { signIn } = browserSuite();
const groupsPath = `/meetings/${DEMO_MEETING.id}?tab=groups`;
const GROUP = 'Working Group on Data Governance';
const SUB = 'Sub-group on Data Localisation';

describe('working groups in the browser', () => {
  it('lets the secretariat create a group and a sub-group that a member joins, then archive them', {
    timeout: 120_000,
  }, async () => {
    const secretariat = await signIn('secretariat@example.org', groupsPath);
    const page = secretariat.page;
    await page.getByRole('heading', { name: 'Working groups', level: 2 }).waitFor();

    await page.getByRole('button', { name: 'New working group' }).click();
    const createForm = page.getByRole('form', { name: 'New working group' });
    await createForm.getByLabel('Name').fill(GROUP);
    await createForm.getByLabel('Description').fill('Cross-border data flows and trust.');
    await createForm.getByRole('button', { name: 'Create the working group' }).click();
    const card = page.getByRole('article', { name: GROUP, exact: true });
    await card.waitFor();
    await expect.poll(() => card.getByText('Cross-border data flows and trust.').isVisible()).toBe(true);

    // The secretariat's controls are folded under each group. The sub-group, by keyboard: its form
    // is submitted with Enter.
    const administer = (article: typeof card) => article.locator('summary', { hasText: 'Administer (secretariat)' }).click();
    await administer(card);
    await card.getByRole('button', { name: `New sub-group of ${GROUP}` }).click();
    const subForm = card.getByRole('form', { name: `New sub-group of ${GROUP}` });
    await subForm.getByLabel('Name').fill(SUB);
    await subForm.getByLabel('Name').press('Enter');
    const subCard = page.getByRole('list', { name: `Sub-groups of ${GROUP}` }).getByRole('article', { name: SUB, exact: true });
    await subCard.waitFor();
    await expect.poll(() => subCard.getByText(`A sub-group of ${GROUP}.`).isVisible()).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);

    // Mei joins the sub-group from her screen; the secretariat's screen shows it at once.
    const mei = await signIn('mei@example.org', groupsPath);
    const meiSub = mei.page.getByRole('article', { name: SUB, exact: true });
    await meiSub.getByRole('button', { name: `Join ${SUB}` }).click();
    await expect.poll(() => meiSub.getByText('1 member You are a member.').isVisible()).toBe(true);
    await expect.poll(() => subCard.getByText('1 member', { exact: true }).isVisible()).toBe(true);
    // Only the sub-group: the group itself still has nobody.
    await expect.poll(() => card.getByText('0 members', { exact: true }).isVisible()).toBe(true);
    // A member sees no secretariat controls.
    expect(await mei.page.getByRole('button', { name: 'New working group' }).count()).toBe(0);
    expect(await a11yViolations(mei.page)).toEqual([]);

    // On a 360 px phone, with the secretariat's forms open, nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    await card.getByRole('button', { name: `Rename or describe ${GROUP}` }).click();
    await card.getByRole('form', { name: `Rename or describe ${GROUP}` }).waitFor();
    await administer(subCard);
    await subCard.getByLabel('Role', { exact: true }).selectOption('liaison');
    await subCard.getByLabel('Title of the liaison').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await card.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });

    // Archiving asks first; keeping it changes nothing.
    await card.getByRole('button', { name: `Archive… ${GROUP}` }).click();
    const question = card.getByText(`Archive ${GROUP} and its sub-groups?`);
    await expect.poll(() => question.evaluate((element) => element === document.activeElement)).toBe(true);
    await card.getByRole('button', { name: 'Keep it' }).click();
    await card.getByRole('button', { name: `Archive… ${GROUP}` }).click();
    await card.getByRole('button', { name: 'Archive it' }).click();

    const archived = page.getByRole('list', { name: 'Archived working groups' });
    await archived.getByRole('article', { name: GROUP, exact: true }).waitFor();
    await archived.getByRole('article', { name: SUB, exact: true }).waitFor();
    const meiArchived = mei.page
      .getByRole('list', { name: 'Archived working groups' })
      .getByRole('article', { name: SUB, exact: true });
    await meiArchived.waitFor();
    // Mei may still leave it, but nobody may join it any more.
    expect(await meiArchived.getByRole('button', { name: `Leave ${SUB}` }).count()).toBe(1);
    expect(await mei.page.getByRole('button', { name: `Join ${GROUP}` }).count()).toBe(0);
    expect(await a11yViolations(page)).toEqual([]);
    expect(await a11yViolations(mei.page)).toEqual([]);
  });
});
