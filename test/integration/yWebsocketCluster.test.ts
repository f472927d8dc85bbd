/**
 * The y-websocket endpoint with real server processes: an acknowledged y-websocket edit survives
 * kill -9, and y-websocket and Hocuspocus clients on two instances co-edit through Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, connectPeer, login, type Peer, synced, waitFor } from '../helpers/clients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { type ServerProcess, startServerProcess, tempDir } from '../helpers/testServer.ts';
import { twoInstances } from '../helpers/twoInstances.ts';
import { connectY, type YClient, yAcknowledged, ySynced } from '../helpers/yWebsocketClient.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const running: ServerProcess[] = [];
const clients: (Peer | YClient)[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of running.splice(0)) server.child.kill('SIGKILL');
});

function keep<T extends Peer | YClient>(client: T): T {
  clients.push(client);
  return client;
}

describe('y-websocket with server processes', () => {
  it('keeps an acknowledged y-websocket edit through kill -9, and logs no token', async () => {
    const env = { DATA_DIR: tempDir('ydurable') };
    const first = await startServerProcess(env);
    running.push(first);
    const mei = await login(first.baseUrl, 'mei@example.org');
    const created = await fetch(`${first.baseUrl}/api/tokens`, {
      method: 'POST',
      headers: { cookie: mei.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'crash test', scopes: ['write'] }),
    });
    const { token } = (await created.json()) as { token: string };
    const client = keep(connectY(first.baseUrl, AGENDA, token));
    await ySynced(client);
    appendParagraph(client.doc, 'Acknowledged through y-websocket before the crash');
    await yAcknowledged(client);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    // The process logged at info: the upgrade's URL (and its token) is in no line.
    expect(first.output()).toContain('/api/tokens');
    expect(first.output()).not.toContain(token);
    expect(first.output()).not.toContain(token.slice(4, 20));
    client.destroy();

    const second = await startServerProcess(env);
    running.push(second);
    const kwame = await login(second.baseUrl, 'kwame@example.org');
    const reader = keep(connectPeer(second.wsUrl, AGENDA, () => collabToken(second.baseUrl, kwame, AGENDA)));
    await synced(reader);
    expect(plainText(reader.doc)).toContain('Acknowledged through y-websocket before the crash');
  });

  describe('on two instances', () => {
    const { a, b } = twoInstances('ycluster', { processes: true });

    it('co-edits across two instances through Redis, both ways', async () => {
      const mei = await login(a.baseUrl, 'mei@example.org');
      const kwame = await login(b.baseUrl, 'kwame@example.org');
      const plainOnA = keep(connectY(a.baseUrl, AGENDA, await collabToken(a.baseUrl, mei, AGENDA)));
      const hocusOnB = keep(connectPeer(b.wsUrl, AGENDA, () => collabToken(b.baseUrl, kwame, AGENDA)));
      const plainOnB = keep(connectY(b.baseUrl, AGENDA, await collabToken(b.baseUrl, kwame, AGENDA)));
      await Promise.all([ySynced(plainOnA), synced(hocusOnB), ySynced(plainOnB)]);

      appendParagraph(plainOnA.doc, 'From y-websocket on A');
      await waitFor(() => plainText(hocusOnB.doc).includes('From y-websocket on A'), { message: 'A to Hocuspocus on B' });
      await waitFor(() => plainText(plainOnB.doc).includes('From y-websocket on A'), { message: 'A to y-websocket on B' });
      appendParagraph(hocusOnB.doc, 'From Hocuspocus on B');
      await waitFor(() => plainText(plainOnA.doc).includes('From Hocuspocus on B'), { message: 'B to y-websocket on A' });
    });
  });
});
