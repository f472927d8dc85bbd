/**
 * Working groups administered in the browser: the secretariat creates a group and a sub-group in
 * the Working groups tab, a member joins the sub-group from her own screen and the secretariat
 * sees it live; the secretariat archives the group (asked to confirm first) and it moves, with
 * its sub-group, to the archived list on both screens. axe finds nothing on either page.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { Language } from '../../shared/i18n/languages.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite, focused, pressEnterOn } from '../helpers/browser.ts';
import { createUser, http, httpOk, login } from '../helpers/clients.ts';

const { server, signIn } = browserSuite();

/** A session's cookie, signed in by the API. */
const as = async (email: string) => (await login(server.baseUrl, email)).cookie;
/** A request the test needs to succeed, failing with the server's answer when it does not. */
const send = <T = any>(cookie: string, method: string, path: string, body?: unknown) =>
  httpOk<T>(server.baseUrl, method, path, { cookie, body });
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

  it('shows the nominations an election settled as closed, elected or not, with no control left on them', {
    timeout: 120_000,
  }, async () => {
    const secretariat = await as('secretariat@example.org');
    const chair = await as('chair@example.org');
    const mei = await as('mei@example.org');
    const sofia = await as('sofia@example.org');
    const group = await send<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, {
      name: 'Working Group on Meaningful Access',
    });
    const base = `/api/working-groups/${group.id}`;
    for (const cookie of [mei, sofia]) {
      await send(cookie, 'PUT', `${base}/members/me`);
      await send(cookie, 'POST', `${base}/nominations`, { userId: (await send<{ id: string }>(cookie, 'GET', '/api/me')).id });
    }
    const poll = await send<{ id: string; options: { id: string; label: string }[] }>(chair, 'POST', `${base}/elections`, {
      kind: 'single',
      audience: 'group',
      seats: 1,
      secret: false,
      results: 'live',
    });
    await send(chair, 'POST', `/api/polls/${poll.id}/open`);
    const meiOption = poll.options.find((option) => option.label.includes('Mei Lin'))!;
    for (const cookie of [mei, sofia]) await send(cookie, 'PUT', `/api/polls/${poll.id}/ballot`, { choices: [meiOption.id] });
    await send(chair, 'POST', `/api/polls/${poll.id}/close`);

    for (const email of ['sofia@example.org', 'chair@example.org']) {
      const { page, errors } = await signIn(email, groupsPath);
      const card = page.getByRole('article', { name: 'Working Group on Meaningful Access', exact: true });
      await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('Mei Lin (elected)');
      const nominations = card.getByRole('region', { name: 'Nominations for co-facilitator' });
      await expect
        .poll(() => nominations.getByRole('listitem').filter({ hasText: 'Mei Lin' }).textContent())
        .toContain('Elected: the nomination is closed.');
      expect(await nominations.getByRole('listitem').filter({ hasText: 'Sofía Ramírez' }).textContent()).toContain(
        'Not elected: the nomination is closed.',
      );
      expect(await nominations.getByRole('button', { name: /^Withdraw the nomination|^Appoint/ }).count(), email).toBe(0);
      expect(await a11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    }

    // Sofía, not elected, may stand at the next election: her new nomination is open, and hers to withdraw.
    const { page, errors } = await signIn('sofia@example.org', groupsPath);
    const card = page.getByRole('article', { name: 'Working Group on Meaningful Access', exact: true });
    const sofiaRow = card
      .getByRole('region', { name: 'Nominations for co-facilitator' })
      .getByRole('listitem')
      .filter({ hasText: 'Sofía Ramírez' });
    await expect.poll(() => sofiaRow.textContent(), { timeout: 15_000 }).toContain('Not elected: the nomination is closed.');
    await card.getByRole('button', { name: 'Nominate myself' }).click();
    await expect.poll(() => sofiaRow.getByRole('button', { name: /^Withdraw the nomination/ }).count()).toBe(1);
    expect(await sofiaRow.textContent()).not.toContain('the nomination is closed');
    expect(await card.getByRole('button', { name: 'Nominate myself' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('puts the focus in the new group’s and the election’s first field, back on their buttons on Cancel, and on what was created', {
    timeout: 120_000,
  }, async () => {
    const name = 'Working Group on Keyboard Access';
    const { page, errors } = await signIn('secretariat@example.org', groupsPath);
    await page.getByRole('heading', { name: 'Working groups', level: 2 }).waitFor();
    // Enter on "New working group", then typing: the letters go into the Name (the focus once fell to the page).
    await pressEnterOn(page.getByRole('button', { name: 'New working group' }));
    await expect.poll(() => focused(page)).toBe('INPUT Name');
    await page.keyboard.type('Not this one');
    const createForm = page.getByRole('form', { name: 'New working group' });
    expect(await createForm.getByLabel('Name').inputValue()).toBe('Not this one');
    await pressEnterOn(createForm.getByRole('button', { name: 'Cancel' }));
    await expect.poll(() => focused(page)).toBe('BUTTON New working group');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('INPUT Name');
    // Cancelled, what was typed is dropped.
    expect(await createForm.getByLabel('Name').inputValue()).toBe('');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    // Created: the focus is on the new group's heading, once its card has come through the live document.
    await expect.poll(() => focused(page)).toBe(`H3 ${name}`);

    // Two members nominated, so that an election of one co-facilitator may be held.
    const cookieOf = async (email: string) => (await login(server.baseUrl, email)).cookie;
    const group = (
      await http<{ id: string; name: string }[]>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/working-groups`, {
        cookie: await cookieOf('secretariat@example.org'),
      })
    ).body.find((entry) => entry.name === name)!;
    for (const email of ['mei@example.org', 'sofia@example.org']) {
      const cookie = await cookieOf(email);
      const me = (await http<{ id: string }>(server.baseUrl, 'GET', '/api/me', { cookie })).body;
      await http(server.baseUrl, 'PUT', `/api/working-groups/${group.id}/members/me`, { cookie });
      expect(
        (await http(server.baseUrl, 'POST', `/api/working-groups/${group.id}/nominations`, { cookie, body: { userId: me.id } }))
          .status,
      ).toBe(201);
    }
    const card = page.getByRole('article', { name, exact: true });
    await expect.poll(() => card.textContent()).toContain('Sofía Ramírez');

    await pressEnterOn(card.getByRole('button', { name: 'Start an election' }));
    await expect.poll(() => focused(page)).toBe('SELECT Ballot');
    await pressEnterOn(card.getByRole('button', { name: 'Cancel' }));
    await expect.poll(() => focused(page)).toBe('BUTTON Start an election');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('SELECT Ballot');
    await pressEnterOn(card.getByRole('button', { name: 'Create the election' }));
    // Created: the focus is on the new election's row in the group's card, with its link to the poll.
    await expect.poll(() => focused(page)).toMatch(/^LI Co-facilitator: .*Working Group on Keyboard Access.*: Draft/);

    // The group's "Rename or describe" form the same way: its Name, and back on the button when cancelled or saved.
    await pressEnterOn(card.locator('summary', { hasText: 'Administer (secretariat)' }));
    const rename = card.getByRole('button', { name: `Rename or describe ${name}` });
    await pressEnterOn(rename);
    await expect.poll(() => focused(page)).toBe('INPUT Name');
    await pressEnterOn(card.getByRole('button', { name: 'Cancel', exact: true }));
    await expect.poll(() => focused(page)).toBe(`BUTTON Rename or describe ${name}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('INPUT Name');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe(`BUTTON Rename or describe ${name}`);
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
  it('says only what the member did last in the tab: joining a second group takes the first group’s message away', {
    timeout: 90_000,
  }, async () => {
    const names = ['Working Group on Message Order', 'Working Group on Status Lines'];
    const secretariat = await as('secretariat@example.org');
    const ids: string[] = [];
    for (const name of names)
      ids.push((await send<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, { name })).id);

    const { page, errors } = await signIn('kwame@example.org', groupsPath);
    // Every line of the tab that says something now.
    const said = () =>
      page
        .locator('section.working-groups [role="status"]')
        .evaluateAll((lines) => lines.map((line) => line.textContent?.trim() ?? '').filter(Boolean));
    for (const name of names) {
      const card = page.getByRole('article', { name, exact: true });
      await card.getByRole('button', { name: `Join ${name}` }).click();
      // The first group's "You joined …" went once the second's came: one line, the latest.
      await expect.poll(said).toEqual([`You joined ${name}.`]);
    }
    expect(errors).toEqual([]);

    // Archived, so that the demo meeting's groups are as the other tests found them.
    for (const id of ids) await send(secretariat, 'POST', `/api/working-groups/${id}/archive`);
  });

  it('keeps the focus on the nominations after Nominate myself, Nominate and Withdraw, never on the page, at 360 px', {
    timeout: 120_000,
  }, async () => {
    const name = 'Working Group on Focus Order';
    const secretariat = (await login(server.baseUrl, 'secretariat@example.org')).cookie;
    const group = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, {
      cookie: secretariat,
      body: { name },
    });
    expect(group.status).toBe(201);
    for (const email of ['kwame@example.org', 'mei@example.org']) {
      const { cookie } = await login(server.baseUrl, email);
      expect((await http(server.baseUrl, 'PUT', `/api/working-groups/${group.body.id}/members/me`, { cookie })).status).toBe(200);
    }

    const { page, errors } = await signIn('kwame@example.org', groupsPath);
    await page.setViewportSize({ width: 360, height: 800 });
    const card = page.getByRole('article', { name, exact: true });
    await pressEnterOn(card.getByRole('button', { name: 'Nominate myself' }));
    // The button is gone with the nomination: the focus is on the new entry (it once fell to the page).
    await expect.poll(() => focused(page)).toMatch(/^LI Kwame Asante .*nominated themself/);
    expect(await card.getByRole('button', { name: 'Nominate myself' }).count()).toBe(0);

    await card.getByLabel('Nominate a member of the group').selectOption({ label: 'Mei Lin' });
    await pressEnterOn(card.getByRole('button', { name: 'Nominate', exact: true }));
    await expect.poll(() => focused(page)).toMatch(/^LI Mei Lin .*nominated by Kwame Asante/);

    // Withdrawn, the entry goes: the focus is on the one now in its place, then, the list empty, on its heading.
    await pressEnterOn(card.getByRole('button', { name: 'Withdraw the nomination of Kwame Asante' }));
    await expect.poll(() => focused(page)).toMatch(/^LI Mei Lin/);
    await pressEnterOn(card.getByRole('button', { name: 'Withdraw the nomination of Mei Lin' }));
    await expect.poll(() => focused(page)).toBe('H4 Nominations for co-facilitator');
    await expect.poll(() => card.getByText('Nobody is nominated yet.').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('takes away Nominate and Withdraw while the group’s election is open and says why, in the member’s language', {
    timeout: 120_000,
  }, async () => {
    const name = 'Working Group on Youth Engagement';
    const { page, errors } = await signIn('kwame@example.org', groupsPath, { language: 'es' });
    await page.setViewportSize({ width: 412, height: 900 });
    const card = page.getByRole('article', { name, exact: true });
    // The demo's nominees: Sofía, by herself, and Mei, by Kwame (his to withdraw).
    await card.getByRole('button', { name: 'Retirar la candidatura de Mei Lin' }).waitFor();
    const stand = card.getByRole('button', { name: 'Postularme' });
    await stand.focus();

    const chair = (await login(server.baseUrl, 'chair@example.org')).cookie;
    const groups = await http<{ id: string; name: string }[]>(
      server.baseUrl,
      'GET',
      `/api/meetings/${DEMO_MEETING.id}/working-groups`,
      { cookie: chair },
    );
    const youth = groups.body.find((entry) => entry.name === name)!;
    const election = await http<{ id: string }>(server.baseUrl, 'POST', `/api/working-groups/${youth.id}/elections`, {
      cookie: chair,
      body: { kind: 'single', audience: 'group' },
    });
    expect(election.status).toBe(201);
    expect((await http(server.baseUrl, 'POST', `/api/polls/${election.body.id}/open`, { cookie: chair })).status).toBe(200);

    // Open, the ballot is fixed: no Stand, no Nominate, no Withdraw, and the card says why.
    await expect
      .poll(() => card.getByText('Hay una elección en curso: su papeleta está fijada').isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await stand.count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Proponer', exact: true }).count()).toBe(0);
    expect(await card.getByRole('button', { name: /^Retirar la candidatura/ }).count()).toBe(0);
    // The button that had the focus went: the focus is on the nominations' heading, not the page.
    await expect.poll(() => focused(page)).toBe('H4 Candidaturas a cofacilitador');
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('says a draft election’s ballot is taken at opening; once open, no Appoint, and a candidate reads why she cannot leave', {
    timeout: 120_000,
  }, async () => {
    const name = 'Working Group on Digital Inclusion';
    const chair = await as('chair@example.org');
    const group = await send<{ id: string }>(
      await as('secretariat@example.org'),
      'POST',
      `/api/meetings/${DEMO_MEETING.id}/working-groups`,
      {
        name,
      },
    );
    const base = `/api/working-groups/${group.id}`;
    for (const cookie of [await as('mei@example.org'), await as('sofia@example.org')]) {
      await send(cookie, 'PUT', `${base}/members/me`);
      await send(cookie, 'POST', `${base}/nominations`, { userId: (await send<{ id: string }>(cookie, 'GET', '/api/me')).id });
    }
    const poll = await send<{ id: string; question: string }>(chair, 'POST', `${base}/elections`, {
      kind: 'single',
      audience: 'group',
    });

    const chairPage = await signIn('chair@example.org', `/meetings/${DEMO_MEETING.id}?tab=polls`);
    const draft = chairPage.page.getByRole('article', { name: poll.question, exact: true });
    await expect
      .poll(() => draft.textContent(), { timeout: 15_000 })
      .toContain('Its candidates will be the group’s open nominations as they stand when it opens.');

    // Mei, a candidate, has the focus on Leave as the election opens.
    const { page, errors } = await signIn('mei@example.org', groupsPath);
    const card = page.getByRole('article', { name, exact: true });
    const leave = card.getByRole('button', { name: /^Leave/ });
    await leave.waitFor({ timeout: 15_000 });
    await leave.focus();
    await send(chair, 'POST', `/api/polls/${poll.id}/open`);
    await card.getByText('You are a candidate in the election under way: you can leave the group once it has closed.').waitFor({
      timeout: 15_000,
    });
    await expect.poll(() => focused(page)).toBe(`H3 ${name}`);

    await chairPage.page.goto(groupsPath);
    const chairCard = chairPage.page.getByRole('article', { name, exact: true });
    await chairCard.getByText('An election is under way').waitFor({ timeout: 15_000 });
    expect(await chairCard.getByRole('button', { name: /^Appoint/ }).count()).toBe(0);
    expect(chairPage.errors).toEqual([]);

    expect(await card.getByRole('button', { name: /^Leave/ }).count()).toBe(0);
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps the secretariat’s Named roles to what no open election decides, at 360 px: a liaison, not a co-facilitator', {
    timeout: 120_000,
  }, async () => {
    const name = 'Working Group on Liaison Roles';
    const secretariat = await as('secretariat@example.org');
    const chair = await as('chair@example.org');
    const group = await send<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, { name });
    const base = `/api/working-groups/${group.id}`;
    let meiName = '';
    for (const cookie of [await as('mei@example.org'), await as('sofia@example.org')]) {
      const me = await send<{ id: string; name: string }>(cookie, 'GET', '/api/me');
      if (me.name.startsWith('Mei')) meiName = me.name;
      await send(cookie, 'PUT', `${base}/members/me`);
      await send(cookie, 'POST', `${base}/nominations`, { userId: me.id });
    }
    const coFacilitators = await send<{ id: string }>(chair, 'POST', `${base}/elections`, { kind: 'single', audience: 'group' });
    const liaisons = await send<{ id: string }>(chair, 'POST', `${base}/elections`, {
      kind: 'single',
      audience: 'group',
      role: 'liaison',
      title: 'Youth IGF liaison',
    });

    const { page, errors } = await signIn('secretariat@example.org', groupsPath);
    await page.setViewportSize({ width: 360, height: 800 });
    const card = page.getByRole('article', { name, exact: true });
    await card.getByText('Administer (secretariat)').click();
    const form = card.getByRole('form', { name: 'Give the role' });
    const role = form.getByLabel('Role', { exact: true });
    await expect.poll(() => role.locator('option').allTextContents()).toEqual(['Co-facilitator', 'Liaison']);

    // Both elections open: the co-facilitator goes from the choices, and each note says why.
    await send(chair, 'POST', `/api/polls/${coFacilitators.id}/open`);
    await send(chair, 'POST', `/api/polls/${liaisons.id}/open`);
    await form
      .getByText(
        'A co-facilitator election is under way: a co-facilitator is named once it has closed. A liaison can be named now.',
      )
      .waitFor({ timeout: 15_000 });
    await form.getByText('An election for the role of Youth IGF liaison is under way').waitFor();
    expect(await role.locator('option').allTextContents()).toEqual(['Liaison']);

    // The title being elected (case aside) is refused beside the field; another is given, to a candidate too.
    await form.getByLabel('Member').selectOption({ label: meiName });
    const title = form.getByLabel('Title of the liaison');
    const give = form.getByRole('button', { name: 'Give the role' });
    await title.fill('youth IGF LIAISON');
    await form.getByText('Youth IGF liaison is being elected: give this role once the election has closed').waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await give.isDisabled()).toBe(true);
    await title.fill('DC-MAG liaison');
    expect(await title.getAttribute('aria-invalid')).toBeNull();
    await give.click();
    await card.getByText(`\u2068${meiName}\u2069 holds the role.`).waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: `Remove ${meiName} as DC-MAG liaison` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
  it('names a member liaison to two bodies from Named roles: the card names her once with both titles, and one is removed alone, by name', {
    timeout: 120_000,
  }, async () => {
    const name = 'Working Group on Two Liaisons';
    const secretariat = await as('secretariat@example.org');
    const group = await send<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, { name });
    const olena = await as('olena@example.org');
    const me = await send<{ id: string; name: string }>(olena, 'GET', '/api/me');
    await send(olena, 'PUT', `/api/working-groups/${group.id}/members/me`);

    const { page, errors } = await signIn('secretariat@example.org', groupsPath);
    await page.setViewportSize({ width: 360, height: 800 });
    const card = page.getByRole('article', { name, exact: true });
    await card.getByText('Administer (secretariat)').click();
    const form = card.getByRole('form', { name: 'Give the role' });
    await form.getByText('A person may hold several titles: a new one is added to those they hold.').waitFor();
    const title = form.getByLabel('Title of the liaison');
    // A title over 100 characters once normal is sent anyway; the server's refusal is said beside the
    // title (its own message, read with it), the focus on it, not at the top of the card.
    await form.getByLabel('Member').selectOption({ label: me.name });
    await title.focus();
    await page.keyboard.insertText(`Liaison to ${Array.from({ length: 12 }, (_, index) => `Forum ${index}`).join(' and ')}`);
    await form.getByRole('button', { name: 'Give the role' }).click();
    const refusal = form.locator('.form__error').filter({
      hasText: 'This is too long: at most 100 characters, once spaces and letters are written the ordinary way.',
    });
    await refusal.waitFor();
    expect((await title.getAttribute('aria-describedby'))?.split(' ')).toContain(await refusal.getAttribute('id'));
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => title.evaluate((control) => control === document.activeElement)).toBe(true);
    expect(await card.getByText('That did not work').count()).toBe(0);
    expect(await card.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    for (const body of ['DC-MAG liaison', 'NRI liaison']) {
      await form.getByLabel('Member').selectOption({ label: me.name });
      await title.fill(body);
      await form.getByRole('button', { name: 'Give the role' }).click();
      await card.getByRole('button', { name: `Remove ${me.name} as ${body}` }).waitFor({ timeout: 15_000 });
    }
    // The second title came beside the first, not in its place.
    await card.getByRole('button', { name: `Remove ${me.name} as DC-MAG liaison` }).waitFor();
    // The card names her once, with both titles joined as English joins a list, each isolated for right-to-left pages.
    const line = card.getByText(`Liaisons: ${me.name} (DC-MAG liaison and NRI liaison)`);
    await line.waitFor();
    expect(await line.locator('bdi').allTextContents()).toEqual([me.name, 'DC-MAG liaison', 'NRI liaison']);
    // In Arabic, Arabic's own conjunction; the Latin name and titles stay isolated, so they read in order.
    const arabic = await signIn('olena@example.org', groupsPath, { language: 'ar' });
    const arabicLine = arabic.page.getByRole('article', { name, exact: true }).getByText('منسقو الاتصال:');
    await arabicLine.waitFor();
    expect(await arabicLine.textContent()).toBe(`منسقو الاتصال: ${me.name} (DC-MAG liaison وNRI liaison)`);
    expect(await arabicLine.locator('bdi').allTextContents()).toEqual([me.name, 'DC-MAG liaison', 'NRI liaison']);
    expect(arabic.errors).toEqual([]);

    await card.getByRole('button', { name: `Remove ${me.name} as DC-MAG liaison` }).click();
    // The name and the title isolated in the status line, as they keep their order in an Arabic sentence.
    await card.getByText(`\u2068${me.name}\u2069 is no longer \u2068DC-MAG liaison\u2069.`).waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: `Remove ${me.name} as DC-MAG liaison` }).waitFor({ state: 'detached' });
    await card.getByRole('button', { name: `Remove ${me.name} as NRI liaison` }).waitFor();
    await card.getByText(`Liaisons: ${me.name} (NRI liaison)`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The browser logs the refused title (400) itself; nothing else went wrong.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
  });
  it('joins the co-facilitators as the reader’s language joins a list: “e” before an i sound in Spanish, “、” and “和” in Chinese, “و” in Arabic', {
    timeout: 120_000,
  }, async () => {
    const name = 'Working Group on Three Co-facilitators';
    const secretariat = await as('secretariat@example.org');
    const group = await send<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, { name });
    const people: string[] = [];
    for (const email of ['olena@example.org', 'kwame@example.org', 'cochair@example.org']) {
      const cookie = await as(email);
      const me = await send<{ id: string; name: string }>(cookie, 'GET', '/api/me');
      await send(cookie, 'PUT', `/api/working-groups/${group.id}/members/me`);
      await send(secretariat, 'PUT', `/api/working-groups/${group.id}/roles/${me.id}`, { role: 'co-facilitator' });
      people.push(me.name);
    }
    // Each appointed after the one before (a sign-in apart), so listed in that order.
    expect(people).toEqual(['Olena Kovalenko', 'Kwame Asante', 'Ingrid Solberg']);

    /** The card's co-facilitators line, read by `email` in `language`, and the names isolated in it. */
    const lineOf = async (email: string, language: Language, label: string) => {
      const reader = await signIn(email, groupsPath, { language });
      const line = reader.page.getByRole('article', { name, exact: true }).getByText(label);
      await line.waitFor();
      return { reader, text: await line.textContent(), names: await line.locator('bdi').allTextContents() };
    };
    const chinese = await lineOf('mei@example.org', 'zh', '共同协调人：');
    expect(chinese.text).toBe('共同协调人：Olena Kovalenko、Kwame Asante和Ingrid Solberg');
    expect(chinese.names).toEqual(people);
    expect(chinese.reader.errors).toEqual([]);

    // Two left: Spanish says "e", not "y", before "Ingrid" (an i sound); Arabic joins with "و".
    const kwameId = (await send<{ id: string }>(await as('kwame@example.org'), 'GET', '/api/me')).id;
    await send(secretariat, 'DELETE', `/api/working-groups/${group.id}/roles/${kwameId}?role=co-facilitator`);
    const two = ['Olena Kovalenko', 'Ingrid Solberg'];
    const spanish = await lineOf('sofia@example.org', 'es', 'Cofacilitadores:');
    expect(spanish.text).toBe('Cofacilitadores: Olena Kovalenko e Ingrid Solberg');
    expect(spanish.names).toEqual(two);
    expect(spanish.reader.errors).toEqual([]);
    const arabic = await lineOf('youssef@example.org', 'ar', 'الميسرون المشاركون:');
    expect(arabic.text).toBe('الميسرون المشاركون: Olena Kovalenko وIngrid Solberg');
    expect(arabic.names).toEqual(two);
    expect(arabic.reader.errors).toEqual([]);
  });

  it('isolates an Arabic nominator’s name, an election’s question and a parent group’s name in an English card', {
    timeout: 120_000,
  }, async () => {
    const name = 'Working Group on Isolated Names';
    const parent = 'مجموعة العمل المعنية بالوصول';
    const question = 'من يُيسّر المجموعة؟';
    const secretariat = await as('secretariat@example.org');
    const top = await send<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, {
      name: parent,
    });
    const group = await send<{ id: string }>(secretariat, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, {
      name,
      parentId: top.id,
    });
    const base = `/api/working-groups/${group.id}`;
    const layla = await createUser(server.app.store, { name: 'ليلى حداد', role: 'member' });
    const laylaCookie = await as(layla.email);
    const mei = await as('mei@example.org');
    const meiId = (await send<{ id: string }>(mei, 'GET', '/api/me')).id;
    await send(mei, 'PUT', `${base}/members/me`);
    await send(laylaCookie, 'PUT', `${base}/members/me`);
    await send(laylaCookie, 'POST', `${base}/nominations`, { userId: meiId });
    await send(laylaCookie, 'POST', `${base}/nominations`, { userId: layla.id });
    await send(await as('chair@example.org'), 'POST', `${base}/elections`, { kind: 'single', audience: 'group', question });

    const { page, errors } = await signIn('kwame@example.org', groupsPath);
    const card = page.getByRole('article', { name, exact: true });
    // "Mei Lin (Technical community), nominated by ليلى حداد": each name in its own <bdi>, so the Arabic
    // one does not carry the comma and "nominated by" to its side.
    const row = card.getByRole('region', { name: 'Nominations for co-facilitator' }).getByRole('listitem').filter({
      hasText: 'Mei Lin',
    });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(`nominated by ${layla.name}`);
    expect(await row.locator('bdi').allTextContents()).toEqual(['Mei Lin', layla.name]);
    const elections = card.getByRole('region', { name: 'Elections' });
    await expect.poll(() => elections.locator('bdi').allTextContents(), { timeout: 15_000 }).toEqual([question]);
    await expect.poll(() => card.getByText(`A sub-group of ${parent}.`).locator('bdi').allTextContents()).toEqual([parent]);
    expect(errors).toEqual([]);
  });

  it('lays out a right-to-left description right to left in an English card, and an English one left to right', {
    timeout: 120_000,
  }, async () => {
    const secretariat = await as('secretariat@example.org');
    const descriptions = {
      'Working Group on Arabic Descriptions': 'تعزيز مشاركة الشباب في حوكمة الإنترنت.',
      'Working Group on English Descriptions': 'Youth participation in Internet governance.',
    };
    for (const [name, description] of Object.entries(descriptions)) {
      await send(secretariat, 'POST', `/api/meetings/${DEMO_MEETING.id}/working-groups`, { name, description });
    }
    const { page, errors } = await signIn('kwame@example.org', groupsPath);
    /** The description's direction, and on which side of its paragraph its text lies. */
    const layoutOf = async (name: string) => {
      const paragraph = page
        .getByRole('article', { name, exact: true })
        .getByText(descriptions[name as keyof typeof descriptions]);
      await paragraph.waitFor();
      return paragraph.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(element);
        const text = range.getBoundingClientRect();
        return {
          dir: element.getAttribute('dir'),
          direction: getComputedStyle(element).direction,
          side: Math.abs(text.right - box.right) < 2 ? 'right' : Math.abs(text.left - box.left) < 2 ? 'left' : 'neither',
        };
      });
    };
    expect(await layoutOf('Working Group on Arabic Descriptions')).toEqual({ dir: 'auto', direction: 'rtl', side: 'right' });
    expect(await layoutOf('Working Group on English Descriptions')).toEqual({ dir: 'auto', direction: 'ltr', side: 'left' });
    expect(errors).toEqual([]);
  });
});
