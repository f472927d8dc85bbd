/**
 * Two instances on one PostgreSQL database and one Redis: a meeting archived through one
 * instance turns a live agenda connection on the other read-only, and the other instance
 * refuses writes to it too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, connectPeer, http, login, type Peer, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { twoInstances } from '../helpers/twoInstances.ts';

describe('archiving a meeting across instances', () => {
  const { a: first, b: second } = twoInstances('meetingsscaleout');
  const peers: Peer[] = [];

  afterAll(() => {
    for (const peer of peers) peer.destroy();
  });

  it('turns the other instance’s open agenda connection read-only and refuses writes there', async () => {
    const secretariat: Session = await login(first.baseUrl, 'secretariat@example.org');
    const member: Session = await login(second.baseUrl, 'kwame@example.org');
    const meetingId = await createMeeting(first.baseUrl, { title: 'Across instances' });
    const name = agendaDoc(meetingId);
    const writer = connectPeer(second.wsUrl, name, () => collabToken(second.baseUrl, member, name));
    peers.push(writer);
    await synced(writer);
    expect(writer.scope).toBe('read-write');

    expect((await http(first.baseUrl, 'POST', `/api/meetings/${meetingId}/archive`, { cookie: secretariat.cookie })).status).toBe(
      200,
    );
    await waitFor(() => writer.scope === 'readonly' && writer.provider.isSynced, {
      message: 'the other instance’s connection to turn read-only',
    });
    appendParagraph(writer.doc, 'Written after the archive');
    await sleep(400);
    const check = connectPeer(first.wsUrl, name, () => collabToken(first.baseUrl, secretariat, name));
    peers.push(check);
    await synced(check);
    expect(plainText(check.doc)).not.toContain('Written after the archive');

    const refused = await http(second.baseUrl, 'POST', '/api/threads', {
      cookie: member.cookie,
      body: { doc: name, body: 'After' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('MEETING_ARCHIVED');
  });
});
