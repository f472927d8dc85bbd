/**
 * The chair's move-on question in Chromium, in the cases the floor e2e file does not cover: a turn
 * running while no item is current (starting an item ends it, so the chair is asked first), and a
 * dialog left open while what it names goes (it follows the live state: the plain question, never
 * an empty slot before ": move on anyway?"), and a dialog open while the current item itself changes
 * (named for the item it was opened for throughout: another chair's move is said, and nothing done);
 * and the Day view's Mark as current, refused when another item became current unseen.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { isolate } from '../../shared/i18n/format.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login, type Session } from '../helpers/clients.ts';

const { server, signIn } = browserSuite({}, { closeContextsAfterEachTest: true });
const meetingPath = `/meetings/${DEMO_MEETING.id}`;
const MEETING_API = `/api/meetings/${DEMO_MEETING.id}`;
const TABLET = { width: 768, height: 1024 };

const items = async (session: Session) =>
  (
    await http<{ id: string; fullNumber: string }[]>(server.baseUrl, 'GET', `${MEETING_API}/agenda-items`, {
      cookie: session.cookie,
    })
  ).body;
const current = (session: Session, itemId: string | null) =>
  http(server.baseUrl, 'PUT', `${MEETING_API}/current-item`, { cookie: session.cookie, body: { itemId } });
const floor = (session: Session) =>
  http<{ speaking?: { name: string } }>(server.baseUrl, 'GET', `${MEETING_API}/floor`, { cookie: session.cookie });

/** Gives Olena Kovalenko the floor on whatever is current. */
const giveOlenaTheFloor = async (session: Session) => {
  const people = (
    await http<{ id: string; name: string }[]>(server.baseUrl, 'GET', `${MEETING_API}/floor/people`, { cookie: session.cookie })
  ).body;
  const userId = people.find((person) => person.name === 'Olena Kovalenko')!.id;
  expect(
    (await http(server.baseUrl, 'POST', `${MEETING_API}/floor/hands`, { cookie: session.cookie, body: { userId } })).status,
  ).toBe(201);
  expect((await http(server.baseUrl, 'POST', `${MEETING_API}/floor/next`, { cookie: session.cookie })).status).toBe(200);
};

const endTurn = (session: Session) => http(server.baseUrl, 'POST', `${MEETING_API}/floor/end-turn`, { cookie: session.cookie });

/**
 * The chair's Current item panel, from the Tools sheet on a tablet. `lagging`: the page hears the
 * server through a switch on the collaboration socket, and `freeze()` stops what it hears, so that
 * another chair's move can be made unseen.
 */
const currentItemPanel = async ({ lagging = false } = {}) => {
  const chair = await signIn('chair@example.org', meetingPath);
  let frozen = false;
  if (lagging) {
    await chair.context.routeWebSocket(/\/collab$/, (socket) => {
      const upstream = socket.connectToServer();
      socket.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        if (!frozen) socket.send(message);
      });
    });
    await chair.page.reload();
  }
  await chair.page.setViewportSize(TABLET);
  await chair.page.getByRole('button', { name: 'Tools' }).click();
  await chair.page.getByRole('tab', { name: 'Current item' }).click();
  return Object.assign(chair, {
    freeze: () => {
      frozen = true;
    },
  });
};

/**
 * The chair's move-on question, open and asked: the first item current, Olena Kovalenko given the
 * floor on it, and Move on to item 2 pressed in the Current item panel. Returns the chair's page,
 * a chair's API session, the three first items, the dialog (named for the item left), the move-on
 * button's name and the question it asks.
 */
const openMoveOnDialog = async () => {
  const session = await login(server.baseUrl, 'chair@example.org');
  const [here, next, third] = await items(session);
  expect((await current(session, here!.id)).status).toBe(200);
  await giveOlenaTheFloor(session);

  const chair = await currentItemPanel();
  const moveOn = `Move on to item ${next!.fullNumber}`;
  await chair.page.getByRole('button', { name: moveOn }).click();
  const dialog = chair.page.getByRole('alertdialog', { name: `Leave item ${here!.fullNumber}?` });
  const asked = `${isolate('Olena Kovalenko')} has the floor: move on anyway?`;
  await expect.poll(() => dialog.textContent()).toContain(asked);
  return { session, chair, here: here!, next: next!, third: third!, dialog, moveOn, asked };
};

/**
 * Holds the answer to the page's next move of the current item until `release`: the request reaches
 * the server at once (the live document then shows the next item), and the page gets the answer only
 * when released, so that the moment between the two, milliseconds long, can be looked at.
 */
async function holdMoveAnswer(page: Page): Promise<{ body: Promise<unknown>; release: () => Promise<void> }> {
  const isMove = (url: URL) => url.pathname === `${MEETING_API}/current-item`;
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let sent!: (body: unknown) => void;
  const body = new Promise<unknown>((resolve) => {
    sent = resolve;
  });
  let answered: Promise<void> = Promise.resolve();
  await page.route(isMove, (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    sent(route.request().postDataJSON());
    answered = route.fetch().then(async (response) => {
      await released;
      await route.fulfill({ response });
    });
    return answered;
  });
  return {
    body,
    release: async () => {
      release();
      await answered;
      await page.unroute(isMove);
    },
  };
}

afterEach(async () => {
  const chair = await login(server.baseUrl, 'chair@example.org');
  if ((await floor(chair)).body.speaking) await endTurn(chair);
  await current(chair, (await items(chair))[0]!.id);
});

describe('moving on while the floor changes', () => {
  it('asks before starting an item while someone has the floor with no item current, and asks plainly once the turn has ended', {
    timeout: 120_000,
  }, async () => {
    const session = await login(server.baseUrl, 'chair@example.org');
    const first = (await items(session))[0]!;
    expect((await current(session, null)).status).toBe(200);
    await giveOlenaTheFloor(session);

    const chair = await currentItemPanel();
    const startWith = `Start with item ${first.fullNumber}`;
    await chair.page.getByRole('button', { name: startWith }).click();
    const dialog = chair.page.getByRole('alertdialog', { name: `Start with item ${first.fullNumber}?` });
    const olena = isolate('Olena Kovalenko');
    await expect
      .poll(() => dialog.textContent())
      .toContain(`${olena} has the floor: start with item ${first.fullNumber} anyway?`);
    expect(await dialog.textContent()).toContain(`The turn of ${olena} ends: it is recorded as ended`);
    expect(await a11yViolations(chair.page)).toEqual([]);
    // Not yet: the turn runs on, no item current.
    await dialog.getByRole('button', { name: 'Not yet' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await floor(session)).body.speaking?.name).toBe('Olena Kovalenko');

    // Asked again, and the turn ends meanwhile: the dialog asks the plain question.
    await chair.page.getByRole('button', { name: startWith }).click();
    await expect.poll(() => dialog.textContent()).toContain('anyway?');
    expect((await endTurn(session)).status).toBe(200);
    await expect.poll(() => dialog.textContent()).toContain(`Nobody has the floor now: start with item ${first.fullNumber}?`);
    expect(await dialog.textContent()).not.toContain('The turn of');
    await dialog.getByRole('button', { name: startWith }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => chair.page.locator('.agenda-now__item').textContent()).toContain(`${first.fullNumber}.`);
    expect(chair.errors).toEqual([]);
  });

  it('says another chair started with another item while Start with item 1 was open, and offers only to close', {
    timeout: 120_000,
  }, async () => {
    const session = await login(server.baseUrl, 'chair@example.org');
    const [first, , third] = await items(session);
    expect((await current(session, null)).status).toBe(200);
    await giveOlenaTheFloor(session);

    const chair = await currentItemPanel();
    const startWith = `Start with item ${first!.fullNumber}`;
    const dialog = chair.page.getByRole('alertdialog', { name: `Start with item ${first!.fullNumber}?` });
    const asked = `${isolate('Olena Kovalenko')} has the floor: start with item ${first!.fullNumber} anyway?`;
    await chair.page.getByRole('button', { name: startWith }).click();
    await expect.poll(() => dialog.textContent()).toContain(asked);

    // The secretariat, on another screen, starts with the third item while the dialog is open.
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    expect((await current(secretariat, third!.id)).status).toBe(200);
    await expect.poll(() => dialog.textContent()).toContain(`The current item has changed to ${third!.fullNumber}. `);
    expect(await dialog.textContent()).toContain(': nothing was done.');
    expect(await dialog.textContent()).not.toContain('anyway?');
    expect(await dialog.getByRole('button', { name: startWith }).count()).toBe(0);
    const close = dialog.getByRole('button', { name: 'Close' });
    await expect.poll(() => close.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await a11yViolations(chair.page)).toEqual([]);
    await close.click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => chair.page.locator('.agenda-now__item').textContent()).toContain(`${third!.fullNumber}.`);
    expect(chair.errors).toEqual([]);
  });

  it('refuses Start with item 1 confirmed after another chair started with another item the page had not heard of, and says so', {
    timeout: 120_000,
  }, async () => {
    const session = await login(server.baseUrl, 'chair@example.org');
    const [first, , third] = await items(session);
    expect((await current(session, null)).status).toBe(200);
    await giveOlenaTheFloor(session);

    // The page stops hearing the server once the dialog is open; the secretariat then starts with the
    // third item, and the chair confirms from what the page still shows.
    const chair = await currentItemPanel({ lagging: true });
    const startWith = `Start with item ${first!.fullNumber}`;
    const dialog = chair.page.getByRole('alertdialog', { name: `Start with item ${first!.fullNumber}?` });
    const asked = `${isolate('Olena Kovalenko')} has the floor: start with item ${first!.fullNumber} anyway?`;
    await chair.page.getByRole('button', { name: startWith }).click();
    await expect.poll(() => dialog.textContent()).toContain(asked);
    chair.freeze();
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    expect((await current(secretariat, third!.id)).status).toBe(200);
    const held = await holdMoveAnswer(chair.page);
    await dialog.getByRole('button', { name: startWith }).click();
    await held.release();
    // The start named no item as current, which the server found stale: refused, and said so.
    expect(await held.body).toEqual({ itemId: first!.id, from: null });
    await expect.poll(() => dialog.textContent()).toContain(`The current item has changed to ${third!.fullNumber}. `);
    expect(await dialog.textContent()).toContain(': nothing was done.');
    expect(await dialog.getByRole('button', { name: startWith }).count()).toBe(0);
    await expect
      .poll(() => dialog.getByRole('button', { name: 'Close' }).evaluate((button) => button === document.activeElement))
      .toBe(true);
    const run = await http<{ currentItem: string | null }>(server.baseUrl, 'GET', `${MEETING_API}/run`, {
      cookie: session.cookie,
    });
    expect(run.body.currentItem).toBe(third!.id);
  });

  it('follows the live state in the move-on dialog: once the turn it named ends, it asks the plain question, no empty slot', {
    timeout: 120_000,
  }, async () => {
    const { session, chair, here, next, dialog, moveOn } = await openMoveOnDialog();
    expect((await endTurn(session)).status).toBe(200);
    await expect.poll(() => dialog.textContent()).toContain(`Nothing is left waiting on item ${here!.fullNumber} now: move on?`);
    const message = (await dialog.locator('p').first().textContent()) ?? '';
    expect(message.startsWith(':')).toBe(false);
    expect(await dialog.textContent()).not.toContain('The turn of');
    expect(await a11yViolations(chair.page)).toEqual([]);
    await dialog.getByRole('button', { name: moveOn }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => chair.page.locator('.agenda-now__item').textContent()).toContain(`${next!.fullNumber}.`);
    expect(chair.errors).toEqual([]);
  });

  it('keeps naming the item it was opened for when another chair moves on meanwhile, says nothing was done and offers only to close', {
    timeout: 120_000,
  }, async () => {
    const { session, chair, third, dialog, moveOn } = await openMoveOnDialog();

    // The secretariat, on another screen, moves to the third item while the dialog is open.
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    expect((await current(secretariat, third!.id)).status).toBe(200);
    await expect.poll(() => dialog.textContent()).toContain(`The current item has changed to ${third!.fullNumber}. `);
    expect(await dialog.textContent()).toContain(': nothing was done.');
    // Still named for item 1, never for the item that became current; nothing left to confirm.
    expect(await chair.page.getByRole('alertdialog', { name: `Leave item ${third!.fullNumber}?` }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: moveOn }).count()).toBe(0);
    expect(await dialog.textContent()).not.toContain('move on anyway?');
    const close = dialog.getByRole('button', { name: 'Close' });
    await expect.poll(() => close.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await a11yViolations(chair.page)).toEqual([]);
    await close.click();
    await expect.poll(() => dialog.count()).toBe(0);
    const run = await http<{ currentItem: string | null }>(server.baseUrl, 'GET', `${MEETING_API}/run`, {
      cookie: session.cookie,
    });
    expect(run.body.currentItem).toBe(third!.id);
    expect(chair.errors).toEqual([]);
  });

  it('follows the current item back: once the item it was opened for is current again, the dialog asks its question again', {
    timeout: 120_000,
  }, async () => {
    const { chair, here, next, third, dialog, moveOn } = await openMoveOnDialog();

    // The secretariat moves to the third item, then back to the first, while the dialog is open.
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    expect((await current(secretariat, third!.id)).status).toBe(200);
    await expect.poll(() => dialog.textContent()).toContain(`The current item has changed to ${third!.fullNumber}. `);
    expect((await current(secretariat, here!.id)).status).toBe(200);
    // Item 1 is current again: a question, and the button to move on, are back; no "changed to 3".
    // The move to item 3 ended Olena's turn, so the question is the plain one.
    await expect.poll(() => dialog.textContent()).toContain(`Nothing is left waiting on item ${here!.fullNumber} now: move on?`);
    expect(await dialog.textContent()).not.toContain('nothing was done');
    expect(await dialog.getByRole('button', { name: moveOn }).count()).toBe(1);
    expect(await a11yViolations(chair.page)).toEqual([]);
    await dialog.getByRole('button', { name: moveOn }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => chair.page.locator('.agenda-now__item').textContent()).toContain(`${next!.fullNumber}.`);
    expect(chair.errors).toEqual([]);
  });

  it('refuses Mark as current in the Day view when another item became current the page has not heard of yet, and says so', {
    timeout: 120_000,
  }, async () => {
    const session = await login(server.baseUrl, 'chair@example.org');
    const [here, next, third] = await items(session);
    expect((await current(session, here!.id)).status).toBe(200);

    // The chair's screen hears the server through a switch, so that it can lag behind.
    const chair = await signIn('chair@example.org', meetingPath);
    let frozen = false;
    await chair.context.routeWebSocket(/\/collab$/, (socket) => {
      const upstream = socket.connectToServer();
      socket.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        if (!frozen) socket.send(message);
      });
    });
    await chair.page.reload();
    await chair.page.getByRole('tab', { name: 'Day view' }).click();
    const rows = chair.page.locator('.day-view__item');
    await expect.poll(() => rows.first().getAttribute('aria-current')).toBe('true');

    // The secretariat moves to the third item; the chair's screen still shows the first as current.
    frozen = true;
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    expect((await current(secretariat, third!.id)).status).toBe(200);
    const held = await holdMoveAnswer(chair.page);
    await rows.nth(1).getByRole('button', { name: 'Mark as current' }).click();
    await held.release();
    await expect
      .poll(() => chair.page.getByRole('alert').textContent())
      .toContain('Another item became current in the meantime: nothing was changed.');
    const run = await http<{ currentItem: string | null }>(server.baseUrl, 'GET', `${MEETING_API}/run`, {
      cookie: session.cookie,
    });
    expect(run.body.currentItem).toBe(third!.id);
    // Refused because the press named the item it leaves, as the page saw it.
    expect(await held.body).toEqual({ itemId: next!.id, from: here!.id });
  });

  it('keeps the dialog open, named for the item left, from the chair’s confirmation until the move’s answer closes it: it says it is moving on, and Escape and Stay do nothing meanwhile', {
    timeout: 120_000,
  }, async () => {
    const { chair, here, next, dialog, moveOn, asked } = await openMoveOnDialog();
    const held = await holdMoveAnswer(chair.page);
    await dialog.getByRole('button', { name: moveOn }).click();
    // The live document has made the next item current; the answer has not come.
    await expect.poll(() => chair.page.locator('.agenda-now__item').textContent()).toContain(`${next!.fullNumber}.`);
    expect(await dialog.count()).toBe(1);
    expect(await chair.page.getByRole('alertdialog', { name: `Leave item ${next!.fullNumber}?` }).count()).toBe(0);
    // What the chair confirmed, not another item's question, nor another chair's move.
    expect(await dialog.textContent()).toContain(asked);
    expect(await dialog.textContent()).not.toContain('nothing was done');
    // The move names the item it leaves, which the server checks is still current.
    expect(await held.body).toEqual({ itemId: next!.id, from: here!.id });
    // It says it is moving on; the chair cannot take it for cancelled: Escape (twice: Chromium lets a
    // second Escape close a dialog whatever its cancel event says) and Stay leave it open and busy.
    const status = dialog.getByRole('status');
    await expect.poll(() => status.textContent()).toBe(`Moving on to item ${next!.fullNumber}…`);
    expect(await dialog.locator('[aria-busy="true"]').count()).toBe(1);
    await chair.page.keyboard.press('Escape');
    await chair.page.keyboard.press('Escape');
    const stay = dialog.getByRole('button', { name: `Stay on item ${here!.fullNumber}` });
    expect(await stay.getAttribute('aria-disabled')).toBe('true');
    // Pressed from the keyboard (a click waits for a button that says it is disabled).
    await stay.focus();
    await chair.page.keyboard.press('Enter');
    expect(await dialog.count()).toBe(1);
    expect(await dialog.evaluate((element) => (element as HTMLDialogElement).open)).toBe(true);
    expect(await status.textContent()).toBe(`Moving on to item ${next!.fullNumber}…`);
    expect(await a11yViolations(chair.page)).toEqual([]);
    await held.release();
    await expect.poll(() => chair.page.getByRole('alertdialog').count()).toBe(0);
    expect(chair.errors).toEqual([]);
  });
});
