/**
 * A live poll in Chromium: the chair creates and opens it, two members vote from their browsers
 * (one click; one key), the projector view shows the tally moving, the chair closes it, and a
 * late click from a screen that has not heard of the close yet is refused with a clear message.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';

const { server, signIn } = browserSuite();
const meetingPath = `/meetings/${DEMO_MEETING.id}`;
const QUESTION = 'Hold the joint MAG–LP meeting in the second half of February?';

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
    const projector = await signIn('secretariat@example.org', `${meetingPath}/polls/${pollId}/present`);
    await projector.page.getByRole('heading', { name: QUESTION }).waitFor();
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
    await expect.poll(() => projector.page.getByText(/Tied: Yes, No/).isVisible()).toBe(true);

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
    expect([...chair.errors, ...projector.errors, ...mei.errors]).toEqual([]);
  });
});
