/**
 * A live poll in Chromium: the chair creates and opens it, two members vote from their browsers
 * (one click; one key), the projector view shows the tally moving, the chair closes it, and a
 * late click from a screen that has not heard of the close yet is refused with a clear message.
 */
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, httpOk, login } from '../helpers/clients.ts';
import { ROOT } from '../helpers/testServer.ts';

const { server, signIn } = browserSuite();
const meetingPath = `/meetings/${DEMO_MEETING.id}`;
const QUESTION = 'Hold the joint MAG–LP meeting in the second half of February?';

/** A poll of the demo meeting created and opened by the chair, for the ballot tests: its id and the chair's cookie. */
async function openedPoll(body: Record<string, unknown>): Promise<{ pollId: string; cookie: string }> {
  const { cookie } = await login(server.baseUrl, 'chair@example.org');
  const created = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/polls`, { cookie, body });
  expect(created.status).toBe(201);
  const pollId = created.body.id;
  expect((await http(server.baseUrl, 'POST', `/api/polls/${pollId}/open`, { cookie })).status).toBe(200);
  return { pollId, cookie };
}

/** Each word of a label's text and on how many lines its characters lie (a Range over a word broken across lines has a rect per line). */
const wordLines = (label: Locator) =>
  label.evaluate((node) => {
    const text = node.firstChild as Text;
    return [...text.data.matchAll(/\S+/g)].map((match) => {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      return { word: match[0], lines: new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size };
    });
  });

describe('a live poll in the browser', () => {
  it('runs from opening to a refused late click, with the tally moving on the projector', { timeout: 120_000 }, async () => {
    const chair = await signIn('chair@example.org', `${meetingPath}?tab=polls`);
    const page = chair.page;

    // The chair creates the poll in the Polls tab and opens it.
    await page.getByRole('button', { name: 'New poll' }).click();
    await page.getByLabel('Question').fill(QUESTION);
    await page.getByLabel('Option 1', { exact: true }).fill('Yes');
    await page.getByLabel('Option 2', { exact: true }).fill('No');
    await page.getByRole('button', { name: 'Create the poll' }).click();
    const card = page.getByRole('article', { name: QUESTION });
    await card.getByRole('button', { name: 'Open the poll' }).click();
    await expect.poll(() => card.getByText('Open', { exact: true }).isVisible()).toBe(true);
    const pollId = (await card.getAttribute('data-poll'))!;

    // The projector view, on another screen.
    const projector = await signIn('secretariat@example.org', meetingPath);
    await projector.page.goto(`${meetingPath}/polls/${pollId}/present`);
    await projector.page.getByRole('heading', { name: QUESTION }).waitFor();
    // Projected to the room: the poll, not the secretariat's own header (name, notifications, sign out, search).
    expect(await projector.page.getByRole('banner').count()).toBe(0);
    expect(await projector.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    const ballots = projector.page.getByTestId('present-ballots');
    await expect.poll(() => ballots.textContent()).toBe('0 ballots');
    await expect.poll(() => projector.page.getByRole('img', { name: /QR code of the link .*\/p\// }).isVisible()).toBe(true);

    // Kwame votes with one click in the banner, from the agenda. His screen's live updates pass
    // through a switch, so that it can lag behind later.
    const kwame = await signIn('kwame@example.org', meetingPath);
    let frozen = false;
    await kwame.context.routeWebSocket(/\/collab$/, (socket) => {
      const upstream = socket.connectToServer();
      socket.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        if (!frozen) socket.send(message);
      });
    });
    await kwame.page.reload();
    const banner = kwame.page.getByRole('region', { name: 'Live poll' });
    await banner.getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => banner.getByRole('status').textContent()).toContain('Your vote is in: Yes');
    await expect.poll(() => ballots.textContent()).toBe('1 ballot');
    await expect.poll(() => projector.page.getByText('1 (100%)').count()).toBe(1);

    // Mei votes from the Polls tab with a key: 2 is the second option.
    const mei = await signIn('mei@example.org', `${meetingPath}?tab=polls`);
    const meiCard = mei.page.getByRole('article', { name: QUESTION });
    await meiCard.getByRole('button', { name: 'Yes' }).focus();
    await mei.page.keyboard.press('2');
    await expect.poll(() => meiCard.getByRole('status').first().textContent()).toContain('Your vote is in: No');
    await expect.poll(() => ballots.textContent()).toBe('2 ballots');
    await expect.poll(() => projector.page.getByText('1 (50%)').count()).toBe(2);
    expect(await a11yViolations(mei.page)).toEqual([]);
    expect(await a11yViolations(kwame.page)).toEqual([]);
    expect(await a11yViolations(projector.page)).toEqual([]);

    // Kwame's screen stops hearing the server; the chair closes the poll.
    frozen = true;
    await card.getByRole('button', { name: 'Close the poll' }).click();
    // Closing cannot be undone: a dialog says so and asks first.
    const confirm = chair.page.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain('cannot be reopened');
    await confirm.getByRole('button', { name: 'Close the poll' }).click();
    await expect.poll(() => projector.page.getByText('Closed', { exact: true }).isVisible()).toBe(true);
    // An ordinary poll's tie decides nothing: both have most votes, and no runoff is spoken of.
    await expect.poll(() => projector.page.getByText('Most votes: Yes and No (1 each).').isVisible()).toBe(true);

    // Kwame, still seeing the poll open, changes his vote: refused, and he is told why.
    await banner.getByRole('button', { name: 'No' }).click();
    await expect.poll(() => banner.getByRole('alert').textContent()).toContain('This poll is closed: your vote was not counted.');

    // Nothing changed on the server: two ballots, one each way.
    const session = await login(server.baseUrl, 'chair@example.org');
    const results = await http(server.baseUrl, 'GET', `/api/polls/${pollId}/results`, { cookie: session.cookie });
    expect(results.body).toMatchObject({ status: 'closed', ballots: 2 });
    expect(Object.values(results.body.tally)).toEqual([1, 1]);
    const refused = await server.app.store.audit.list({ subject: `poll:${pollId}`, action: 'poll.ballot.refused' });
    const kwameId = (await login(server.baseUrl, 'kwame@example.org')).user.id;
    expect(refused.map((entry) => entry.actorId)).toEqual([kwameId]);
    // The results' CSV is in the language the chair reads the board in, as the other downloads are.
    const csvLink = card.getByRole('link', { name: 'Download results (CSV)' });
    expect(await csvLink.getAttribute('href')).toBe(`/api/polls/${pollId}/results.csv?lang=en`);
    expect([...chair.errors, ...projector.errors, ...mei.errors]).toEqual([]);
  });
});

describe('the Polls tab’s status line', () => {
  it('says only what the chair did last: the poll created, then opened, then another created', { timeout: 90_000 }, async () => {
    const FIRST = 'Extend the open consultation on the draft programme by a week?';
    const SECOND = 'Invite the youth coalition to the next open consultation?';
    const chair = await signIn('chair@example.org', `${meetingPath}?tab=polls`);
    const page = chair.page;
    // Every line of the tab that says something now (the ballot's own line included).
    const said = () =>
      page
        .locator('section.polls [role="status"]')
        .evaluateAll((lines) => lines.map((line) => line.textContent?.trim() ?? '').filter(Boolean));
    const create = async (question: string) => {
      await page.getByRole('button', { name: 'New poll' }).click();
      await page.getByLabel('Question', { exact: true }).fill(question);
      await page.getByLabel('Option 1', { exact: true }).fill('Yes');
      await page.getByLabel('Option 2', { exact: true }).fill('No');
      await page.getByRole('button', { name: 'Create the poll' }).click();
      const card = page.getByRole('article', { name: question });
      await card.waitFor();
      return card;
    };

    const first = await create(FIRST);
    await expect.poll(said).toEqual([`Poll created as a draft: “${FIRST}”. Open it when the room is ready.`]);
    // Opened: the draft's message goes, the card says the poll is open.
    await first.getByRole('button', { name: 'Open the poll' }).click();
    await expect.poll(() => first.getByText('Open', { exact: true }).isVisible()).toBe(true);
    await expect.poll(said).toEqual(['The poll is open.']);
    // Another poll created: the first card's message goes in its turn.
    const second = await create(SECOND);
    await expect.poll(said).toEqual([`Poll created as a draft: “${SECOND}”. Open it when the room is ready.`]);
    expect(chair.errors).toEqual([]);

    // Closed and deleted, so that the demo meeting's polls are as the other tests found them.
    const session = await login(server.baseUrl, 'chair@example.org');
    const firstId = (await first.getAttribute('data-poll'))!;
    const secondId = (await second.getAttribute('data-poll'))!;
    expect((await http(server.baseUrl, 'POST', `/api/polls/${firstId}/close`, { cookie: session.cookie })).status).toBe(200);
    expect((await http(server.baseUrl, 'DELETE', `/api/polls/${secondId}`, { cookie: session.cookie })).status).toBeLessThan(300);
  });
});

describe('the new poll form by keyboard', () => {
  it('puts the focus in the option just added, on a neighbour’s input when one is removed, and back on “New poll” at Cancel', {
    timeout: 60_000,
  }, async () => {
    const chair = await signIn('chair@example.org', `${meetingPath}?tab=polls`);
    const page = chair.page;
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('button', { name: 'New poll' }).click();
    await page.getByLabel('Option 1', { exact: true }).fill('Yes');
    await page.getByLabel('Option 2', { exact: true }).fill('No');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id ?? '');
    const idOf = (number: number) => page.getByLabel(`Option ${number}`, { exact: true }).getAttribute('id');

    // Enter on "Add an option", then typing: the letters go into the new option, not nowhere.
    await page.getByRole('button', { name: 'Add an option' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe(await idOf(3));
    await page.keyboard.type('Abstain');
    await page.getByRole('button', { name: 'Add an option' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(focused).toBe(await idOf(4));
    await page.keyboard.type('Later');
    expect(
      await page.getByLabel(/^Option \d$/).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(['Yes', 'No', 'Abstain', 'Later']);

    // Removing an option: the focus goes to the option now in its place, or to the one before the last.
    await page.getByRole('button', { name: 'Remove option 2' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe(await idOf(2));
    expect(await page.getByLabel('Option 2', { exact: true }).inputValue()).toBe('Abstain');
    await page.getByRole('button', { name: 'Remove option 3' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe(await idOf(2));
    expect(
      await page.getByLabel(/^Option \d$/).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(['Yes', 'Abstain']);

    // Cancel by the keyboard: the form goes and the focus is back on "New poll", not on the page.
    await page.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    const newPoll = page.getByRole('button', { name: 'New poll' });
    await newPoll.waitFor();
    await expect.poll(() => newPoll.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Question', { exact: true }).count()).toBe(0);
    expect(chair.errors).toEqual([]);
  });
});

describe('an open secret poll’s note', () => {
  it('tells a voter that a secret poll’s count moves in batches, and says nothing of the kind on a named poll', {
    timeout: 90_000,
  }, async () => {
    // Two open polls, one secret and one named, made through the API: the card is what is tested.
    const chair = await login(server.baseUrl, 'chair@example.org');
    const send = (method: string, path: string, body?: unknown) =>
      httpOk(server.baseUrl, method, path, { cookie: chair.cookie, body });
    const openPoll = async (question: string, secret: boolean): Promise<string> => {
      const poll = await send('POST', `/api/meetings/${DEMO_MEETING.id}/polls`, {
        question,
        kind: 'single',
        audience: 'members',
        secret,
        options: [{ label: 'Yes' }, { label: 'No' }],
      });
      await send('POST', `/api/polls/${poll.id}/open`);
      return poll.id;
    };
    const SECRET = 'Elect the rapporteur of the intersessional work by secret ballot?';
    const NAMED = 'Publish the summary of the open consultation this week?';
    const secretId = await openPoll(SECRET, true);
    const namedId = await openPoll(NAMED, false);

    const kwame = await signIn('kwame@example.org', `${meetingPath}?tab=polls`);
    const secretCard = kwame.page.getByRole('article', { name: SECRET });
    const namedCard = kwame.page.getByRole('article', { name: NAMED });
    const note = /^Secret ballot: the number of ballots, the results and who has voted change only in batches of at least 5/;
    // Kwame may vote in both: each card shows him its ballot.
    await secretCard.getByRole('button', { name: 'Yes' }).waitFor();
    await namedCard.getByRole('button', { name: 'Yes' }).waitFor();
    expect(await secretCard.getByText(note).isVisible()).toBe(true);
    expect(await namedCard.getByText(note).count()).toBe(0);

    // Once closed, the full count shows: the note goes.
    await send('POST', `/api/polls/${secretId}/close`);
    await send('POST', `/api/polls/${namedId}/close`);
    await expect.poll(() => secretCard.getByText('Closed', { exact: true }).isVisible()).toBe(true);
    expect(await secretCard.getByText(note).count()).toBe(0);
    expect(kwame.errors).toEqual([]);
  });
});

describe('the results CSV in the reader’s language', () => {
  it('downloads in Spanish from a board read in Spanish, though the person stored no language', { timeout: 60_000 }, async () => {
    // Spanish picked on the sign-in page is kept on this device only: the person's stored language
    // stays unset, so only the link's ?lang= can make the server write Spanish.
    const chair = await signIn('chair@example.org', `${meetingPath}?tab=polls`, { language: 'es' });
    const page = chair.page;
    const me = await chair.context.request.get('/api/me');
    expect((await me.json()).language ?? null).toBeNull();
    const card = page.getByRole('article', { name: 'Continue with last year’s MAG Working Groups for the IGF 2025 cycle?' });
    const link = card.getByRole('link', { name: 'Descargar los resultados (CSV)' });
    await link.waitFor();

    // The download, with the page's cookies, as the link gives it.
    const response = await chair.context.request.get((await link.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    const [header, ...rows] = (await response.text()).split('\r\n');
    // The columns, the stakeholder groups among them, and the row labels are Spanish.
    expect(header).toBe(
      '\uFEFFid_opción,opción,votos,Gobiernos,Sector privado,Sociedad civil,Comunidad técnica,Organizaciones intergubernamentales,más votos',
    );
    expect(rows.find((row) => row.includes('Yes, continue them'))).toMatch(/,"Yes, continue them",8,(\d+,){5}sí$/);
    expect(rows.find((row) => row.startsWith(',Papeletas,'))).toMatch(/^,Papeletas,10,/);
    expect(chair.errors).toEqual([]);
  });
});

describe('the new poll form’s focus and fields', () => {
  it('starts at the question, explains the kind chosen, asks for a group only when a group votes, and ends on the new poll', {
    timeout: 90_000,
  }, async () => {
    const QUESTION_FOCUS = 'Ask the Youth Engagement group to draft the call for volunteers?';
    const chair = await signIn('chair@example.org', `${meetingPath}?tab=polls`);
    const page = chair.page;
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    const description = (label: string) =>
      page.getByLabel(label, { exact: true }).evaluate((element) =>
        (element.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );

    // Enter on "New poll": the focus is in the Question field, ready for typing.
    await page.getByRole('button', { name: 'New poll' }).focus();
    await page.keyboard.press('Enter');
    const question = page.getByLabel('Question', { exact: true });
    await question.waitFor();
    await expect.poll(focusedId).toBe(await question.getAttribute('id'));
    await page.keyboard.type(QUESTION_FOCUS);

    // The kind's help follows the kind chosen.
    const kind = page.getByLabel('Kind of poll', { exact: true });
    expect(await description('Kind of poll')).toContain('Single choice: each voter chooses one option');
    expect(await description('Kind of poll')).not.toContain('instant runoff');
    await kind.selectOption('multiple');
    expect(await description('Kind of poll')).toContain('Multiple choice: each voter chooses up to');
    await kind.selectOption('ranked');
    expect(await description('Kind of poll')).toContain('instant runoff');
    await kind.selectOption('single');

    // The working group is asked for only when its members are the voters.
    const group = page.getByLabel('Working group', { exact: true });
    const audience = page.getByLabel('Who votes', { exact: true });
    expect(await group.count()).toBe(0);
    await audience.selectOption('group');
    expect(await group.isVisible()).toBe(true);
    expect(await group.evaluate((select) => (select as HTMLSelectElement).required)).toBe(true);
    await audience.selectOption('members');
    expect(await group.count()).toBe(0);

    // Created by the keyboard: the focus goes to the new poll's heading, not to the page.
    await page.getByLabel('Option 1', { exact: true }).fill('Yes');
    await page.getByLabel('Option 2', { exact: true }).fill('No');
    await page.getByRole('button', { name: 'Create the poll' }).focus();
    await page.keyboard.press('Enter');
    const card = page.getByRole('article', { name: QUESTION_FOCUS });
    await card.waitFor();
    const pollId = (await card.getAttribute('data-poll'))!;
    await expect.poll(focusedId).toBe(`poll-${pollId}-question`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(QUESTION_FOCUS);
    expect(chair.errors).toEqual([]);

    // The draft goes, so that the demo meeting's polls are as the other tests found them.
    const session = await login(server.baseUrl, 'chair@example.org');
    expect((await http(server.baseUrl, 'DELETE', `/api/polls/${pollId}`, { cookie: session.cookie })).status).toBeLessThan(300);
  });
});

describe('a ranked ballot on a phone', () => {
  it('keeps each word of an option whole in Spanish at 360 px, the rank’s select beside the label or above it', async () => {
    // Beside the wide "Sin posición" select, the labels were split inside their words ("Conectivida / d").
    const labels = ['Conectividad significativa', 'Ciberseguridad y confianza', 'Inteligencia artificial responsable'];
    const { pollId, cookie } = await openedPoll({
      question: '¿Qué tema principal para el foro?',
      kind: 'ranked',
      options: labels.map((label) => ({ label })),
      audience: 'members',
    });

    const { page } = await signIn('kwame@example.org', `${meetingPath}?tab=polls`, { language: 'es' });
    await page.setViewportSize({ width: 360, height: 740 });
    const card = page.locator(`article[data-poll="${pollId}"]`);
    for (const label of labels) {
      const element = card.locator('.ballot__rank label', { hasText: label });
      await element.waitFor();
      // Each word's characters lie on one line.
      expect(await wordLines(element), label).toEqual(label.split(' ').map((word) => ({ word, lines: 1 })));
      // The rank is still chosen for that option, and the page does not scroll sideways.
      await card.getByLabel(`Posición de ${label}`).selectOption('1');
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await card.screenshot({ path: path.join(ROOT, 'test-results/layout/ranked-ballot-es-360.png') });

    expect((await http(server.baseUrl, 'POST', `/api/polls/${pollId}/close`, { cookie })).status).toBe(200);
  });
});

describe('a multiple-choice ballot on a phone', () => {
  it('keeps each word of an option whole at 360 px, and breaks only a word longer than the line', async () => {
    // As the ranked ballot's labels: a word moves to the next line whole; only one wider than the line is cut.
    const LONG = 'Ц'.repeat(60);
    const labels = [
      'Информационная безопасность и доверие',
      'Значимое подключение сельских районов',
      'Ответственный искусственный интеллект',
      LONG,
    ];
    const { pollId, cookie } = await openedPoll({
      question: 'Какие темы обсудить на форуме?',
      kind: 'multiple',
      maxChoices: 2,
      options: labels.map((label) => ({ label })),
      audience: 'members',
    });

    const { page } = await signIn('kwame@example.org', `${meetingPath}?tab=polls`, { language: 'ru' });
    await page.setViewportSize({ width: 360, height: 740 });
    const card = page.locator(`article[data-poll="${pollId}"]`);
    const lines = (label: string) => wordLines(card.locator('.ballot__check label', { hasText: label }));
    await card.locator('.ballot__check label').first().waitFor();
    for (const label of labels.slice(0, 3))
      expect(await lines(label), label).toEqual(label.split(' ').map((word) => ({ word, lines: 1 })));
    // The word wider than the line is cut, and the page does not scroll sideways.
    expect((await lines(LONG))[0]!.lines).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await card.getByLabel(labels[0]!).check();
    await card.screenshot({ path: path.join(ROOT, 'test-results/layout/multiple-ballot-ru-360.png') });

    expect((await http(server.baseUrl, 'POST', `/api/polls/${pollId}/close`, { cookie })).status).toBe(200);
  });
});
