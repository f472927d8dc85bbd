/**
 * Open WebSockets are capped per person and per client address; a socket over a cap is closed
 * with 4430 too-many-sockets, and a freed place can be taken again.
 */
import { describe, expect, it } from 'vitest';
import { TOO_MANY_SOCKETS } from '../../server/src/collab/context.ts';
import { POLICY_VIOLATION } from '../../server/src/collab/frameGuard.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, login, type Session, sleep, waitFor } from '../helpers/clients.ts';
import { authFrame, RawClient, syncStep1Frame } from '../helpers/rawClient.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const { server, keep } = serverSuite({
  env: { MAX_SOCKETS_PER_PERSON: '3', MAX_SOCKETS_PER_ADDRESS: '6', SYNC_REQUESTS_PER_PERSON: '10' },
});

const keepRaw = (client: RawClient): RawClient => {
  keep({ destroy: () => client.close() });
  return client;
};

/** A raw socket that authenticates the agenda as `who`. */
async function socketOf(who: Session): Promise<RawClient> {
  const client = keepRaw(new RawClient(server.wsUrl));
  await client.opened;
  client.send(authFrame(AGENDA, await collabToken(server.baseUrl, who, AGENDA)));
  return client;
}

/** Until the server has authenticated each socket's agenda (and counted the socket as its person's). */
const authenticated = (clients: RawClient[]) =>
  waitFor(() => clients.every((client) => client.authenticated(AGENDA)), { message: 'the sockets authenticated' });

const stillOpen = async (client: RawClient) => {
  await sleep(300);
  return client.isOpen;
};

describe('socket caps', () => {
  it('close a person’s socket beyond MAX_SOCKETS_PER_PERSON, and admit one again when a place frees', async () => {
    const tomas = await login(server.baseUrl, 'tomas@example.org');
    const first = [await socketOf(tomas), await socketOf(tomas), await socketOf(tomas)];
    for (const client of first) expect(await stillOpen(client)).toBe(true);
    const fourth = await socketOf(tomas);
    expect(await fourth.closed).toBe(TOO_MANY_SOCKETS.code);
    expect(TOO_MANY_SOCKETS).toEqual({ code: 4430, reason: 'too-many-sockets' });
    // Someone else is not affected.
    const ana = await login(server.baseUrl, 'ana@example.org');
    const other = await socketOf(ana);
    expect(await stillOpen(other)).toBe(true);
    // One of Tomas's sockets closes: he may open another.
    first[0]!.close();
    await first[0]!.closed;
    await sleep(100);
    const again = await socketOf(tomas);
    expect(await stillOpen(again)).toBe(true);
    for (const client of [...first, other, again]) client.close();
    await sleep(200);
  });

  it('close sockets beyond MAX_SOCKETS_PER_ADDRESS from one address, before any document', async () => {
    const open: RawClient[] = [];
    for (let i = 0; i < 6; i++) {
      const client = keepRaw(new RawClient(server.wsUrl));
      await client.opened;
      open.push(client);
    }
    const seventh = keepRaw(new RawClient(server.wsUrl));
    expect(await seventh.closed).toBe(TOO_MANY_SOCKETS.code);
    for (const client of open) expect(client.isOpen).toBe(true);
    open[0]!.close();
    await open[0]!.closed;
    await sleep(100);
    const replacement = keepRaw(new RawClient(server.wsUrl));
    await replacement.opened;
    expect(await stillOpen(replacement)).toBe(true);
    for (const client of [...open, replacement]) client.close();
    await sleep(200);
  });

  it('budget sync requests per person across their sockets, not per socket', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const sockets = [await socketOf(mei), await socketOf(mei), await socketOf(mei)];
    // Authenticated, so that the sockets count as Mei's: a socket not yet authenticated charges its requests to
    // nobody, and after a fixed 300 ms a slow store (400 ms) left all three so and closed none.
    await authenticated(sockets);
    const empty = new Uint8Array([0]);
    // Five each: well under the per-socket limit, over Mei's 10 in all.
    for (let round = 0; round < 5; round++) for (const client of sockets) client.send(syncStep1Frame(AGENDA, empty));
    // The first socket the server closes, however long a loaded machine takes over fifteen requests (it had a second).
    expect(await Promise.race(sockets.map((client) => client.closed))).toBe(POLICY_VIOLATION.code);
    // Someone else's budget is untouched.
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const other = await socketOf(kwame);
    await authenticated([other]);
    for (let i = 0; i < 5; i++) other.send(syncStep1Frame(AGENDA, empty));
    expect(await stillOpen(other)).toBe(true);
    for (const client of [...sockets, other]) client.close();
  });
});
