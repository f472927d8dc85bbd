/**
 * People administration in Chromium: the secretariat invites someone and copies the link; the
 * invited person sets a password in another browser context and lands signed in, able to open
 * the demo consultation's agenda; a CSV import previews before writing; deactivation asks first.
 * Every new page is axe-clean.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { LANGUAGE_NAMES } from '../../shared/i18n/languages.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { createUser, http, login } from '../helpers/clients.ts';

// Each test opens its own pages: closed after it, so that the later tests do not run beside the earlier ones' pages.
// Signed in through the API: no test here is about the sign-in form but the one that lands from it (throughApi: false).
const { server, browser, signIn } = browserSuite({}, { closeContextsAfterEachTest: true, signInThroughApi: true });

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

  it('invites a person in the language chosen for them: the email and the invitation page are in it, and Edit changes it', async () => {
    const { page, errors } = await signIn('secretariat@example.org', '/admin/people');
    const add = page.getByRole('region', { name: 'Add a person' });
    const language = add.getByLabel('Their language');
    // The secretariat's own language to begin with; each language is written in its own.
    expect(await language.inputValue()).toBe('en');
    expect(await language.locator('option').allTextContents()).toEqual([
      'العربية',
      '中文',
      'English',
      'Français',
      'Русский',
      'Español',
    ]);
    await add.getByLabel('Email').fill('amelie.durand@igf.example');
    await add.getByLabel('Name', { exact: true }).fill('Amélie Durand');
    await language.selectOption('fr');
    await add.getByRole('button', { name: 'Add and create the invitation' }).click();
    const link = await page
      .getByRole('region', { name: 'Invitation link for Amélie Durand' })
      .getByLabel('Invitation link')
      .inputValue();
    const amelie = (await server.app.store.users.byEmail('amelie.durand@igf.example'))!;
    expect(amelie.language).toBe('fr');
    expect(await a11yViolations(page)).toEqual([]);

    // The email (written to DATA_DIR/mail without an SMTP server) is in French.
    const mailDir = path.join(server.dataDir, 'mail');
    const mail = async () => {
      for (const file of await fs.readdir(mailDir).catch(() => [])) {
        const text = await fs.readFile(path.join(mailDir, file), 'utf8');
        if (text.includes('amelie.durand@igf.example')) return text;
      }
      return '';
    };
    await expect.poll(mail, { timeout: 20_000 }).toContain('Content-Language: fr');

    // The invitation page, in a browser that never chose a language, greets her in French.
    const guest = await browser.newContext({ baseURL: server.baseUrl });
    const guestPage = await guest.newPage();
    await guestPage.goto(link);
    await guestPage.getByText('Bienvenue, Amélie Durand.', { exact: false }).waitFor();
    expect(await guestPage.evaluate(() => document.documentElement.lang)).toBe('fr');
    await guestPage.getByRole('button', { name: 'Enregistrer le mot de passe et se connecter' }).waitFor();
    await guest.close();

    // Editing shows her language and changes it.
    await page.getByRole('button', { name: 'Edit Amélie Durand' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Amélie Durand' });
    expect(await dialog.getByLabel('Their language').inputValue()).toBe('fr');
    await dialog.getByLabel('Their language').selectOption('es');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await server.app.store.users.byEmail('amelie.durand@igf.example'))!.language).toBe('es');
    expect(errors).toEqual([]);
  });

  it('lists each person’s language in its own words, and finds people by it', async () => {
    const users = server.app.store.users;
    const youssef = (await users.byEmail('youssef@example.org'))!;
    const olena = (await users.byEmail('olena@example.org'))!;
    await users.update(youssef.id, { language: 'ar' });
    await users.update(olena.id, { language: 'ru' });
    const { page, errors } = await signIn('secretariat@example.org', '/admin/people');
    const table = page.getByRole('table', { name: 'People on the board' });
    await table.waitFor();
    const header = await table.getByRole('columnheader').allTextContents();
    const column = header.indexOf('Language');
    expect(column).toBeGreaterThan(0);
    const cell = (name: string) =>
      table
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('cell')
        .nth(column - 1);
    // The row's first cell is its header (the name): cells count from the second column.
    await expect.poll(() => cell('Youssef Benali').textContent()).toBe('العربية');
    expect(await cell('Youssef Benali').getAttribute('lang')).toBe('ar');
    expect(await cell('Youssef Benali').getAttribute('dir')).toBe('rtl');
    expect(await cell('Olena Kovalenko').textContent()).toBe('Русский');
    expect(await cell('Hannah Becker').textContent()).toBe('Not chosen');

    const filters = page.locator('form.people__filters');
    await filters.getByLabel('Their language').selectOption({ label: 'Русский' });
    await filters.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.getByRole('row', { name: /Olena Kovalenko/ }).count()).toBe(1);

    await filters.getByLabel('Their language').selectOption({ label: 'Not chosen' });
    await filters.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => table.getByRole('row', { name: /Hannah Becker/ }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /Olena Kovalenko|Youssef Benali/ }).count()).toBe(0);
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens an Arabic invitee’s link in an English browser in Arabic from its first visible text, right to left', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const name = 'ليلى حداد';
    const email = 'layla.haddad@igf.example';
    const invited = await http<{ invitation: { url: string } }>(server.baseUrl, 'POST', '/api/users', {
      cookie: secretariat.cookie,
      body: { email, name, role: 'member', group: 'civil-society', language: 'ar' },
    });
    expect(invited.status).toBe(201);

    const guest = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US' });
    // Before the page's first byte: every state of the page that could be painted, with its lang and dir then.
    await guest.addInitScript(() => {
      const seen: { lang: string; dir: string; text: string }[] = [];
      Object.assign(window, { seenStates: seen });
      const note = () => {
        // biome-ignore lint/performance/useDomNodeTextContent: what is visible, not the DOM's text (<noscript> has English)
        const text = document.body?.innerText ?? '';
        if (text.trim()) seen.push({ lang: document.documentElement.lang, dir: document.documentElement.dir, text });
      };
      new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const page = await guest.newPage();
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.goto(invited.body.invitation.url);
    await page.getByText(`مرحباً ${name}.`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'وضع كلمة المرور وتسجيل الدخول' }).waitFor();

    const seen = (await page.evaluate(() => (window as unknown as { seenStates: unknown[] }).seenStates)) as {
      lang: string;
      dir: string;
      text: string;
    }[];
    expect(seen.length).toBeGreaterThan(0);
    for (const state of seen) {
      expect(state).toMatchObject({ lang: 'ar', dir: 'rtl' });
      // Latin letters only in what is not a word of the page: her email address, the board's name and the
      // header's language picker, which names each language in itself.
      const words = [email, 'Plenary', ...Object.values(LANGUAGE_NAMES)].reduce(
        (text, name) => text.replaceAll(name, ''),
        state.text,
      );
      expect(words, state.text).not.toMatch(/[A-Za-z]/);
    }
    expect(await a11yViolations(page)).toEqual([]);
    await guest.close();
  });

  it('names in the audit log the people and meetings its entries refer to, says roles in the reader’s words and marks ids it cannot name or whose thing is gone', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const users = server.app.store.users;
    const ana = (await users.byEmail('ana@example.org'))!;
    const kwame = (await users.byEmail('kwame@example.org'))!;
    const changed = await http(server.baseUrl, 'PATCH', `/api/users/${ana.id}`, {
      cookie: secretariat.cookie,
      body: { role: 'observer' },
    });
    expect(changed.status).toBe(200);
    // A floor entry as the floor service records it: the person by id, an agenda item no longer on the agenda.
    await server.app.store.audit.record({
      actorId: secretariat.user.id,
      action: 'floor.hand.lowered',
      subject: `meeting:${DEMO_MEETING.id}`,
      detail: { handId: 'hand-gone', userId: kwame.id, itemId: 'item-gone' },
    });

    const { page, errors } = await signIn('secretariat@example.org', '/admin/audit-log', { language: 'fr' });
    await page.getByRole('table').waitFor();
    const text = (value: string | null) => (value ?? '').replace(/[\u2068\u2069]/g, '');
    const field = (row: Locator, label: string) =>
      row
        .locator('dt')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]')
        .first()
        .textContent()
        .then(text);

    const change = page.getByRole('row').filter({ hasText: 'Compte modifié' }).filter({ hasText: 'Ana Souza' });
    expect(text(await change.getByRole('cell').nth(3).textContent())).toBe('PersonneAna Souza');
    const before = change.locator('dt', { hasText: /^Avant$/ }).locator('xpath=following-sibling::dd[1]');
    const after = change.locator('dt', { hasText: /^Après$/ }).locator('xpath=following-sibling::dd[1]');
    await expect(field(before, 'Rôle')).resolves.toBe('Membre');
    await expect(field(after, 'Rôle')).resolves.toBe('Observateur');
    expect(await change.textContent()).not.toContain(ana.id);

    const lowered = page.getByRole('row').filter({ hasText: 'Main baissée' });
    expect(text(await lowered.getByRole('cell').nth(3).textContent())).toBe(`Réunion${DEMO_MEETING.title}`);
    await expect(field(lowered, 'Personne')).resolves.toBe('Kwame Asante');
    // The item is looked up in the meeting's agenda, which no longer holds it; the hand among the
    // floor's hands, which are never deleted: one not found is not the board's.
    await expect(field(lowered, 'Point de l’ordre du jour')).resolves.toBe('item-gone (n’existe plus)');
    await expect(field(lowered, 'Demande de parole')).resolves.toBe('hand-gone (n’existe plus)');
    expect(await lowered.textContent()).not.toContain(kwame.id);
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows each person’s Edit and Deactivate buttons without scrolling sideways on a tablet (768 px) and a phone (360 px)', async () => {
    const { page } = await signIn('secretariat@example.org', '/admin/people');
    // The table and its region are named by the caption, in English and (below) in Arabic.
    const caption = /^(People on the board|الأشخاص في اللوحة)$/;
    const table = page.getByRole('table', { name: caption });
    const region = page.getByRole('region', { name: caption });
    for (const width of [768, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await table.getByRole('button', { name: 'Deactivate Hannah Becker' }).waitFor();
      // Still a table: the buttons are in the cells of their person's row.
      expect(
        await table
          .getByRole('row', { name: /Hannah Becker/ })
          .getByRole('button')
          .allTextContents(),
      ).toEqual(['Edit', 'Deactivate']);
      await allInView(width);
    }
    // Right to left, in Arabic, on a phone: the table starts on the right, and so do the buttons.
    // (The language is picked on a wide screen, where the header shows its picker.)
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await page.locator('html[dir="rtl"]').waitFor();
    await page.setViewportSize({ width: 360, height: 900 });
    await allInView(360);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('اللغة', { exact: true }).selectOption('en');
    await page.locator('html[dir="ltr"]').waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });

    /** Every button of the table lies inside the part of its region in view, which was not scrolled. */
    async function allInView(width: number) {
      await table.getByRole('button').first().waitFor();
      const visible = (await region.boundingBox())!;
      const left = Math.max(visible.x, 0);
      const right = Math.min(visible.x + visible.width, width);
      for (const button of await table.getByRole('button').all()) {
        const box = (await button.boundingBox())!;
        const name = await button.getAttribute('aria-label');
        expect(box.x, `${name} at ${width} px`).toBeGreaterThanOrEqual(left - 0.5);
        expect(box.x + box.width, `${name} at ${width} px`).toBeLessThanOrEqual(right + 0.5);
      }
      // Nothing scrolled to get there, and the page itself does not scroll sideways.
      expect(await region.evaluate((element) => element.scrollLeft)).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    }
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

  it('says, when reactivating someone who never accepted their invitation, that they still need an invitation link', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const added = await http<{ id: string }>(server.baseUrl, 'POST', '/api/users', {
      cookie: secretariat.cookie,
      body: { email: 'ines.ruiz@igf.example', name: 'Inés Ruiz', role: 'member', group: 'civil-society' },
    });
    expect(added.status).toBe(201);
    const deactivated = await http(server.baseUrl, 'POST', `/api/users/${added.body.id}/deactivate`, {
      cookie: secretariat.cookie,
    });
    expect(deactivated.status).toBe(200);

    const { page } = await signIn('secretariat@example.org', '/admin/people');
    const row = page.getByRole('row', { name: /Inés Ruiz/ });
    await expect.poll(() => row.textContent()).toContain('Deactivated');
    await row.getByRole('button', { name: 'Reactivate Inés Ruiz' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Reactivate Inés Ruiz?' });
    await dialog.waitFor();
    // They have no password to sign in with: the dialog says what they need, and where to send it from.
    const said = await dialog.textContent();
    expect(said).toContain('Inés Ruiz has not accepted their invitation yet');
    expect(said).toContain('New invitation link');
    expect(said).not.toContain('with their password');
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(() => row.textContent()).toContain('Invited');
    await row.getByRole('button', { name: 'New invitation link for Inés Ruiz' }).waitFor();
  });

  it('shows an Arabic import preview at 360 px with each row’s outcome in view and names whole', async () => {
    const arabic = JSON.parse(await fs.readFile('client/src/i18n/locales/ar/people.json', 'utf8')).import;
    // A secretariat of the test's own who reads the board in Arabic (another test changes the demo one's language).
    const salma = await createUser(server.app.store, { name: 'Salma Haddad', role: 'secretariat', group: 'intergovernmental' });
    await server.app.store.users.update(salma.id, { language: 'ar' });
    const { page } = await signIn(salma.email, '/admin/people');
    await page.setViewportSize({ width: 360, height: 800 });
    const section = page.getByRole('region', { name: arabic.title });
    const csv = [
      'email,name,role,group,region,affiliation',
      'abdulrahman.alexandrani@consultation.example,عبدالرحمن الاسكندراني,عضو,المجتمع المدني,,',
      'maximiliano.villanueva@consultation.example,Maximiliano Rodríguez Villanueva,member,government,,',
      'mei@example.org,Mei Lin,chair,technical-community,,',
    ].join('\n');
    await section.getByLabel(arabic.paste).fill(csv);
    await section.getByRole('button', { name: arabic.preview, exact: true }).click();
    const table = section.getByRole('table', { name: arabic.previewTitle });
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    const layout = await table.evaluate((element) =>
      [...element.querySelectorAll('tbody tr')].map((row) => {
        const [, , name, outcome] = [...row.querySelectorAll('td')];
        const box = outcome!.getBoundingClientRect();
        // The widest word of the name, set in the cell's own font, against the room the cell gives it.
        const style = getComputedStyle(name!);
        const room = name!.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
        const probe = document.createElement('span');
        probe.style.whiteSpace = 'nowrap';
        name!.append(probe);
        const widest = Math.max(
          ...name!.textContent!.split(/\s+/).map((word) => {
            probe.textContent = word;
            return probe.getBoundingClientRect().width;
          }),
        );
        probe.remove();
        return {
          outcome: outcome!.textContent,
          inView: box.left >= 0 && box.right <= document.documentElement.clientWidth,
          wordsFit: widest <= room + 0.5,
        };
      }),
    );
    for (const row of layout) expect(row, JSON.stringify(layout)).toMatchObject({ inView: true, wordsFit: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);
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
    // On a phone the preview scrolls in its own region, which a keyboard can focus; the page does not scroll sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    const region = section.getByRole('region', { name: 'Preview' });
    await region.focus();
    expect(await region.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await region.getByRole('table', { name: 'Preview' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
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

  it('previews what an import changes (a role from member to observer), leaves out columns alone, and says errors in French', async () => {
    const { page } = await signIn('secretariat@example.org', '/admin/people');
    const section = page.getByRole('region', { name: 'Import from a CSV file' });
    const kwame = (await server.app.store.users.byEmail('kwame@example.org'))!;
    expect(kwame.role).toBe('member');
    const csv = `email,name,role\nkwame@example.org,${kwame.name},observer\nsofia@example.org,${(await server.app.store.users.byEmail('sofia@example.org'))!.name},member\n`;
    await section.getByLabel('Or paste the CSV here').fill(csv);
    await section.getByRole('button', { name: 'Preview' }).click();
    const table = section.getByRole('table', { name: 'Preview' });
    await expect.poll(() => section.getByRole('status').textContent()).toBe('0 new, 1 updated, 0 with errors. No change: 1.');
    const kwameRow = table.getByRole('row', { name: /^2 / });
    expect(await kwameRow.getByRole('list', { name: 'Changes' }).getByRole('listitem').allTextContents()).toEqual([
      'Role: Member → Observer',
    ]);
    expect(await table.getByRole('row', { name: /^3 / }).textContent()).toContain('No change');
    expect(await a11yViolations(page)).toEqual([]);
    // Only the row that changes is counted: the unchanged one is not written.
    await section.getByRole('button', { name: 'Import 1 row', exact: true }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toContain('Imported: 0 new people invited, 1 updated.');
    // The file had no region or affiliation column: Kwame keeps his.
    expect(await server.app.store.users.byEmail('kwame@example.org')).toMatchObject({
      role: 'observer',
      region: kwame.region,
      affiliation: kwame.affiliation,
    });
    await server.app.store.users.update(kwame.id, { role: 'member' });

    // In French, a wrong row and a file refused whole are said in French.
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    const french = page.getByRole('region', { name: 'Importer un fichier CSV' });
    await french.getByLabel('Ou collez le CSV ici').fill('email,name,role\nbad-email,Personne,president\n');
    await french.getByRole('button', { name: 'Aperçu' }).click();
    const row = french.getByRole('table', { name: 'Aperçu' }).getByRole('row', { name: /^2 / });
    await expect.poll(() => row.textContent()).toContain('Erreur : « bad-email » n’est pas une adresse e-mail valide');
    await french.getByLabel('Ou collez le CSV ici').fill('email,name,role\n');
    await french.getByRole('button', { name: 'Aperçu' }).click();
    await expect
      .poll(() => french.getByText('le fichier a une ligne d’en-tête mais aucune personne en dessous', { exact: false }).count())
      .toBe(1);
    // A file holding a NUL character is refused whole, naming its line and column, in French.
    await french.getByLabel('Fichier CSV').setInputFiles({
      name: 'nul.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email,name,role\nana.nul@example.org,Ana\u0000Lima,member\n'),
    });
    await french.getByRole('button', { name: 'Aperçu' }).click();
    await expect
      .poll(() =>
        french
          .getByText('la ligne 2, colonne name, contient un caractère qui ne peut pas être enregistré', { exact: false })
          .count(),
      )
      .toBe(1);
    expect(await server.app.store.users.byEmail('ana.nul@example.org')).toBeUndefined();
    // An empty file chosen is called empty, not “choose a file”.
    await french.getByLabel('Fichier CSV').setInputFiles({ name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    await expect.poll(() => french.getByText('Ce fichier est vide', { exact: false }).count()).toBe(1);
    await page.getByLabel('Langue', { exact: true }).selectOption('en');
    await page.getByRole('region', { name: 'Import from a CSV file' }).waitFor();
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

  it('shows the saved name in the header at once, and on the next page opened from the menu', async () => {
    // The header kept "Signed in as <old name>" until a reload.
    const { page } = await signIn('rahul@example.org', '/profile');
    const header = page.locator('.site-header__user');
    await expect.poll(() => header.textContent()).toContain('Signed in as Rahul Verma (Member)');
    await page.getByLabel('Name', { exact: true }).fill('Rahul K. Verma');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.getByText('Your profile was saved.').isVisible()).toBe(true);
    await expect.poll(() => header.textContent()).toContain('Signed in as Rahul K. Verma (Member)');
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await header.textContent()).toContain('Signed in as Rahul K. Verma (Member)');
    // Back to the demo's name, for the other tests.
    const session = await login(server.baseUrl, 'rahul@example.org');
    const restored = await http(server.baseUrl, 'PATCH', '/api/me', {
      cookie: session.cookie,
      body: { name: 'Rahul Verma', affiliation: null },
    });
    expect(restored.status).toBe(200);
  });

  it('puts the focus on the sign-in page’s main region after “Sign out” is pressed with the keyboard in the folded menu', async () => {
    // The button went with the signed-in page and the address stayed: the focus fell to <body>.
    const { page } = await signIn('chair@example.org', '/timeline');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(page.url()).toMatch(/\/timeline$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // From there, Tab reaches the sign-in form before anything else on the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  it('takes a page left open to the sign-in page, saying why, once its person signs out everywhere from another device', async () => {
    const left = await signIn('sofia@example.org', '/timeline');
    await left.page.getByRole('heading', { level: 1 }).first().waitFor();
    const other = await signIn('sofia@example.org', '/profile');
    await other.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await other.page.getByRole('button', { name: 'Sign in' }).waitFor();
    // The page left open finds out at its next request (here a page of the board opened from its menu).
    await left.page.getByRole('link', { name: 'Meetings' }).first().click();
    const status = left.page.getByRole('status').filter({ hasText: 'Your session has ended' });
    await status.waitFor({ timeout: 15_000 });
    await left.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await left.page.locator('.site-header__user').count()).toBe(0);
    expect(await a11yViolations(left.page)).toEqual([]);
  });

  it('signs out from a meeting’s page still loading without a request the server refuses afterwards, nor on reloading', async () => {
    // From the front page the sign-in lands in the newest meeting, whose page is still loading when "Sign out" is pressed.
    const { page, settled } = await signIn('kwame@example.org', '/', { throughApi: false });
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    // The sign-in page shows before the session ends (the socket closes first, then the sign-out is sent).
    const signedOut = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/auth/logout');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await signedOut).status()).toBe(204);
    // Whatever the page was still asking for (its run state, its comments, who is signed in) has had its answer,
    // and the collaboration socket is closed: a request refused for the ended session would be in by now.
    await settled();
    expect(refused).toEqual([]);
    // Nor does the sign-in page, loaded signed out, ask who is signed in (or for the meeting): it knows.
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await settled();
    expect(refused).toEqual([]);
  });

  it('says so when signing out did not happen, and signs out on a second try', async () => {
    const { page } = await signIn('mei@example.org', '/timeline');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const signOut = page.getByRole('button', { name: 'Sign out' });
    const failed = page.getByRole('alert').filter({ hasText: 'Sign-out did not happen' });
    // The network down, then the server failing: each time the person stays signed in and is told.
    await page.route('**/api/auth/logout', (route) => route.abort('internetdisconnected'));
    await signOut.click();
    await failed.waitFor();
    expect(await failed.textContent()).toBe('Sign-out did not happen: you are still signed in. Try again.');
    // Back on the button, which is described by the message.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Sign out');
    await expect(signOut.getAttribute('aria-describedby')).resolves.toBe(await failed.getAttribute('id'));
    await page.unroute('**/api/auth/logout');
    await page.route('**/api/auth/logout', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"STORE_UNAVAILABLE","message":"x"}}',
      }),
    );
    await signOut.click();
    await failed.waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.unroute('**/api/auth/logout');
    await signOut.click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await failed.count()).toBe(0);
  });

  it('says the session has ended without naming a cause that was not it, once the person is deactivated', async () => {
    const left = await signIn('tomas@example.org', '/timeline');
    await left.page.getByRole('heading', { level: 1 }).first().waitFor();
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const users = await http<{ id: string; email: string }[]>(server.baseUrl, 'GET', '/api/users', {
      cookie: secretariat.cookie,
    });
    const tomas = users.body.find((user) => user.email === 'tomas@example.org')!;
    const deactivated = await http(server.baseUrl, 'PATCH', `/api/users/${tomas.id}`, {
      cookie: secretariat.cookie,
      body: { disabled: true },
    });
    expect(deactivated.status).toBe(200);
    // Neither another device nor a password change: the sentence holds for every way a session ends.
    await left.page.getByRole('link', { name: 'Meetings' }).first().click();
    const status = left.page.getByRole('status').filter({ hasText: 'Your session has ended' });
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toBe('Your session has ended. Sign in again to continue.');
  });
});
