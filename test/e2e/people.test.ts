/**
 * People administration in Chromium: the secretariat invites someone and copies the link; the
 * invited person sets a password in another browser context and lands signed in, able to open
 * the demo consultation's agenda; a CSV import previews before writing; deactivation asks first.
 * Every new page is axe-clean.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';

const { server, browser, signIn } = browserSuite();

describe('people administration in the browser', () => {
  it('invites a person whose link, opened in another browser, sets a password and signs them in', async () => {
    const { context, page, errors } = await signIn('secretariat@example.org');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByRole('table', { name: 'People on the board' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    const add = page.getByRole('region', { name: 'Add a person' });
    // Nothing typed: each missing field is named, and focus goes to the first.
    await add.getByRole('button', { name: 'Add and create the invitation' }).click();
    await expect.poll(() => add.getByText('Email is required.').isVisible()).toBe(true);
    expect(await add.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');
    expect(await add.getByText('Name is required.').isVisible()).toBe(true);

    await add.getByLabel('Email').fill('grace.mwangi@igf.example');
    await add.getByLabel('Name', { exact: true }).fill('Grace Mwangi');
    await add.getByLabel('Role').selectOption('member');
    await add.getByLabel('Stakeholder group').selectOption('technical-community');
    await add.getByLabel('Region').fill('Africa');
    await add.getByLabel('Affiliation').fill('KICTANet');
    await add.getByRole('button', { name: 'Add and create the invitation' }).click();
    const invitation = page.getByRole('region', { name: 'Invitation link for Grace Mwangi' });
    await invitation.waitFor();
    const shown = await invitation.getByLabel('Invitation link').inputValue();
    expect(shown).toMatch(new RegExp(`^${server.origin}/invitations/[A-Za-z0-9_-]{40,}$`));
    await invitation.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => invitation.getByRole('status').textContent()).toBe('The link is copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    await expect.poll(() => page.getByRole('row', { name: /Grace Mwangi/ }).textContent()).toContain('Invited');
    expect(await a11yViolations(page)).toEqual([]);

    // The invited person, in a browser of their own, never signed in.
    const guest = await browser.newContext({ baseURL: server.baseUrl });
    const guestPage = await guest.newPage();
    const guestErrors: string[] = [];
    guestPage.on('pageerror', (error) => guestErrors.push(error.message));
    await guestPage.goto(copied);
    await guestPage.getByText('Welcome, Grace Mwangi.').waitFor();
    expect(await a11yViolations(guestPage)).toEqual([]);
    await guestPage.getByLabel('Password', { exact: true }).fill('short');
    await guestPage.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect.poll(() => guestPage.getByText('Password must have at least 10 characters.').isVisible()).toBe(true);
    expect(await a11yViolations(guestPage)).toEqual([]);
    await guestPage.getByLabel('Password', { exact: true }).fill('grace chooses this');
    await guestPage.getByLabel('Password again').fill('grace chooses this');
    await guestPage.getByRole('button', { name: 'Set password and sign in' }).click();
    await guestPage.getByText('Signed in as Grace Mwangi (Member)').waitFor();
    await guestPage.getByRole('link', { name: 'Profile' }).waitFor();
    expect(await guestPage.getByRole('link', { name: 'People' }).count()).toBe(0);

    await guestPage.goto(`/meetings/${DEMO_MEETING.id}`);
    await guestPage.locator('.ProseMirror').waitFor();
    await expect.poll(() => guestPage.locator('[data-state]').getAttribute('data-state')).toBe('online');
    expect(await guestPage.getByRole('tab', { name: 'Agenda' }).getAttribute('aria-selected')).toBe('true');

    // The link worked once.
    const again = await browser.newContext({ baseURL: server.baseUrl });
    const againPage = await again.newPage();
    await againPage.goto(copied);
    await againPage.getByText('This invitation link was already used').waitFor();
    expect(await a11yViolations(againPage)).toEqual([]);
    await again.close();

    // On the secretariat's list the person is now active.
    await page.getByRole('main').getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Grace Mwangi/ }).textContent()).toContain('Active');
    expect(errors).toEqual([]);
    expect(guestErrors).toEqual([]);
    await guest.close();
  });

  it('deactivates only after an accessible confirmation, and Cancel changes nothing', async () => {
    const { page } = await signIn('secretariat@example.org', '/admin/people');
    const row = page.getByRole('row', { name: /Hannah Becker/ });
    // From a phone to a wide screen, the page never scrolls sideways (the table scrolls in its own box).
    for (const width of [360, 2560]) {
      await page.setViewportSize({ width, height: 800 });
      await row.waitFor();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
        `${width} px`,
      ).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await row.getByRole('button', { name: 'Deactivate Hannah Becker' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Deactivate Hannah Becker?' });
    await dialog.waitFor();
    // Focus starts on the safe choice.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Deactivate Hannah Becker');
    expect(await row.textContent()).toContain('Active');

    await row.getByRole('button', { name: 'Deactivate Hannah Becker' }).click();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row.textContent()).toContain('Deactivated');
    // The page's own status line (the header's notification bell is a status too).
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Hannah Becker was deactivated.' }).count()).toBe(1);
    await row.getByRole('button', { name: 'Reactivate Hannah Becker' }).click();
    await page
      .getByRole('alertdialog', { name: 'Reactivate Hannah Becker?' })
      .getByRole('button', { name: 'Reactivate' })
      .click();
    await expect.poll(() => row.textContent()).toContain('Active');
  });

  it('previews a CSV import row by row, writes nothing while a row is wrong, then imports on confirmation', async () => {
    const { page } = await signIn('secretariat@example.org', '/admin/people');
    const section = page.getByRole('region', { name: 'Import from a CSV file' });
    const bad =
      'email,name,role,group,region,affiliation\nlin.chen@igf.example,Lin Chen,member,government,Asia-Pacific,MIIT\nmei@example.org,Mei Lin,chair,technical-community,,\nbroken,Nobody,member,government,,\n';
    await section.getByLabel('Or paste the CSV here').fill(bad);
    await section.getByRole('button', { name: 'Preview' }).click();
    const table = section.getByRole('table', { name: 'Preview' });
    await table.waitFor();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('1 new, 1 updated, 1 with errors.');
    expect(await table.getByRole('row', { name: /^2 / }).textContent()).toContain('New');
    expect(await table.getByRole('row', { name: /^3 / }).textContent()).toContain('Update');
    expect(await table.getByRole('row', { name: /^4 / }).textContent()).toContain('Error: "broken" is not a valid email address');
    expect(await section.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    expect(await a11yViolations(page)).toEqual([]);
    expect(await server.app.store.users.byEmail('lin.chen@igf.example')).toBeUndefined();

    // The fixed file, chosen with the file picker this time.
    await section.getByLabel('CSV file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad.replace('broken,', 'nobody@igf.example,')),
    });
    await expect.poll(() => section.getByLabel('Or paste the CSV here').inputValue()).toContain('nobody@igf.example');
    await section.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('2 new, 1 updated, 0 with errors.');
    expect(await server.app.store.users.byEmail('lin.chen@igf.example')).toBeUndefined();
    await section.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Imported: 2 new people invited, 1 updated.');
    expect(await server.app.store.users.byEmail('lin.chen@igf.example')).toMatchObject({
      status: 'invited',
      affiliation: 'MIIT',
    });
    expect(await server.app.store.users.byEmail('mei@example.org')).toMatchObject({ role: 'chair' });
    await expect.poll(() => page.getByRole('row', { name: /Lin Chen/ }).count()).toBe(2);
  });

  it('has a profile page where a member changes name and affiliation, and the password with the old one', async () => {
    const { page, errors } = await signIn('kwame@example.org');
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Affiliation').fill('Kenya ICT Action Network');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.getByText('Your profile was saved.').isVisible()).toBe(true);
    expect(await server.app.store.users.byEmail('kwame@example.org')).toMatchObject({ affiliation: 'Kenya ICT Action Network' });

    await page.getByLabel('Current password').fill('not the password');
    await page.getByLabel('New password', { exact: true }).fill('kwame new password');
    await page.getByLabel('New password again').fill('kwame new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByText('The current password is not correct.').isVisible()).toBe(true);
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Current password').evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // The browser logs the refused password change (400) itself; nothing else went wrong.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
  });
});
