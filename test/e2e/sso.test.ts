/**
 * Single sign-on in Chromium: the sign-in page offers "Sign in with Acme ID", the provider's pages
 * (oidc-provider in this process) sign the person in, and the board opens signed in as the person
 * with the same verified email; signing out returns to the sign-in page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations } from '../helpers/a11y.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { freePort } from '../helpers/freePort.ts';
import { startOidcProvider, type TestProvider } from '../helpers/oidcProvider.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

let server: TestServer | undefined;
let browser: Browser | undefined;
let provider: TestProvider | undefined;

beforeAll(async () => {
  const providerPort = await freePort();
  server = await startServer({
    env: {
      OIDC_PROVIDERS: 'acme',
      OIDC_ACME_ISSUER: `http://127.0.0.1:${providerPort}`,
      OIDC_ACME_CLIENT_ID: 'plenary',
      OIDC_ACME_CLIENT_SECRET: 'a test client secret',
      OIDC_ACME_LABEL: 'Acme ID',
    },
  });
  provider = await startOidcProvider({
    port: providerPort,
    clientId: 'plenary',
    clientSecret: 'a test client secret',
    redirectUri: `${server.baseUrl}/api/auth/oidc/acme/callback`,
    accounts: { 'sub-kwame': { email: 'kwame@example.org', email_verified: true } },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
});

describe('single sign-on in the browser', () => {
  it('signs in with the organisation’s provider from the sign-in page', async () => {
    const context = await browser!.newContext({ baseURL: server!.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    const button = page.getByRole('link', { name: 'Sign in with Acme ID' });
    await button.waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    await button.focus();
    await page.keyboard.press('Enter');
    // The provider's own (development) sign-in and consent pages.
    await page.getByPlaceholder('Enter any login').fill('sub-kwame');
    await page.getByPlaceholder('and password').fill('anything');
    await page.getByRole('button', { name: /sign-in/i }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(new URL(page.url()).origin).toBe(server!.baseUrl);
    expect(await page.locator('.site-header__user').textContent()).toContain('Kwame Asante');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
    await context.close();
  });
});
