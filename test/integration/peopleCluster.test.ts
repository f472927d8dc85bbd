/**
 * People administration across two instances sharing PostgreSQL and Redis: deactivating someone
 * through one instance closes their socket on the other within five seconds, and so does signing
 * out everywhere.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, connectPeer, http, login, type Peer, synced } from '../helpers/clients.ts';
import { twoInstances } from '../helpers/twoInstances.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const { a, b } = twoInstances('peoplecluster', { processes: true });
const peers: Peer[] = [];

afterAll(() => {
  for (const peer of peers) peer.destroy();
});

function closes(peer: Peer): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    peer.socket.on('disconnect', () => resolve(Date.now() - started));
  });
}

describe('people on two instances', () => {
  it('closes sockets on the other instance within 5 s after a deactivation or a sign-out everywhere', async () => {
    const secretariat = await login(a.baseUrl, 'secretariat@example.org');

    const member = await login(b.baseUrl, 'laura@example.org');
    const onB = connectPeer(b.wsUrl, AGENDA, () => collabToken(b.baseUrl, member, AGENDA));
    peers.push(onB);
    await synced(onB);
    const closed = closes(onB);
    expect(
      (await http(a.baseUrl, 'POST', `/api/users/${member.user.id}/deactivate`, { cookie: secretariat.cookie })).status,
    ).toBe(200);
    expect(await closed).toBeLessThan(5_000);
    expect((await http(b.baseUrl, 'GET', '/api/me', { cookie: member.cookie })).status).toBe(401);
    expect(
      (await http(a.baseUrl, 'POST', `/api/users/${member.user.id}/reactivate`, { cookie: secretariat.cookie })).status,
    ).toBe(200);

    const one = await login(a.baseUrl, 'rahul@example.org');
    const two = await login(b.baseUrl, 'rahul@example.org');
    const second = connectPeer(b.wsUrl, AGENDA, () => collabToken(b.baseUrl, two, AGENDA));
    peers.push(second);
    await synced(second);
    const secondClosed = closes(second);
    const everywhere = await http(a.baseUrl, 'POST', '/api/auth/logout-everywhere', { cookie: one.cookie });
    expect(everywhere.body).toEqual({ sessionsEnded: 2 });
    expect(await secondClosed).toBeLessThan(5_000);
    expect((await http(b.baseUrl, 'GET', '/api/me', { cookie: two.cookie })).status).toBe(401);
  }, 120_000);
});
