/**
 * /settings/tokens in Chromium: create a token (seen once, copied), use it, see when it was last
 * used, revoke it; by keyboard, without axe violations, at 360 px without sideways scroll.
 */
import { describe, expect, it } from 'vitest';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';

const { server, signIn } = browserSuite();

describe('API tokens page', () => {
  it('creates, shows once, lists with last use, and revokes a token', async () => {
    const { page, context, errors } = await signIn('mei@example.org');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    // The heading shows at once; the list (here its empty state) once the tokens have loaded.
    await page.getByText('You have no tokens yet.').waitFor();
    // A member is not offered the admin scope.
    expect(await page.getByLabel(/^Admin/).count()).toBe(0);
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByLabel('What it is for').fill('Agenda feed');
    await page.getByLabel(/^Write/).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent())!;
    expect(token).toMatch(/^plt_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    expect(await a11yViolations(page)).toEqual([]);

    // The token works, and the list says when it was last used (never the token itself).
    const me = await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Agenda feed' }).waitFor();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(token);
    await expect.poll(() => page.locator('.card').first().textContent()).toContain('last used');

    // Revoked from the keyboard, after a confirmation that names what happens; keeping it changes nothing.
    const revoke = page.getByRole('button', { name: 'Revoke “Agenda feed”' });
    await revoke.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Revoke “Agenda feed”?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('stops working at once');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => revoke.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await page.locator('.card').first().textContent()).not.toContain('revoked');
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Revoke the token');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.card').first().textContent()).toContain('revoked');
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('offers the admin scope to the secretariat, saying it is needed for meetings, calls and working groups', async () => {
    const { page } = await signIn('secretariat@example.org', '/settings/tokens');
    // Their administration needs it on the API (SECRETARIAT_ONLY): the label says so, not only people and settings.
    await page.getByLabel(/^Admin: .*meetings, calls, working groups/).waitFor();
  });
});
