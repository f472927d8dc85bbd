/**
 * A person whose socket the server saw close (a network blip, an idle close, a proxy reset) comes
 * back on a new socket with the same awareness client id: the others see them in "Here now", with
 * their caret, as soon as their provider has synced again, not at its next renewal 15 s later.
 */
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openProvider } from '../../client/src/collab/openProvider.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import type { PresenceUser } from '../../shared/presence.ts';
import { collabToken, login, nodeWebSocket, type Session, synced, waitFor } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { TcpProxy } from '../helpers/tcpProxy.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);

const { server, peer, keep } = serverSuite();
let member: Session;
let chair: Session;

beforeAll(async () => {
  member = await login(server.baseUrl, 'kwame@example.org');
  chair = await login(server.baseUrl, 'chair@example.org');
});

describe('presence after a reconnection', () => {
  it('shows a person whose socket the server saw close again as soon as their provider is back', async () => {
    const watcher = peer(chair, AGENDA);
    const proxy = new TcpProxy([{ host: '127.0.0.1', port: Number(new URL(server.wsUrl).port) }]);
    await proxy.listen();
    // The page's provider (openProvider) on a socket set as the page's (collab/socket.ts), through a proxy that can cut it.
    const socket = keep(
      new HocuspocusProviderWebsocket({
        url: `ws://127.0.0.1:${proxy.port}/collab`,
        WebSocketPolyfill: nodeWebSocket(),
        maxAttempts: 0,
        delay: 1_000,
        minDelay: 500,
        maxDelay: 5_000,
      }),
    );
    const doc = new Y.Doc();
    const provider = openProvider({ socket, name: AGENDA, doc, token: () => collabToken(server.baseUrl, member, AGENDA) });
    try {
      await Promise.all([synced(watcher), waitFor(() => provider.isSynced, { message: 'the member to sync' })]);
      // What the editor's caret extension says (the server stamps the user from the session).
      provider.setAwarenessField('user', { name: member.user.name });
      provider.setAwarenessField('cursor', { anchor: 'here', head: 'here' });
      const seen = () => watcher.provider.awareness!.getStates().get(doc.clientID);
      const seenName = () => (seen()?.user as PresenceUser | undefined)?.name;
      await waitFor(() => seenName() === member.user.name && seen()?.cursor, { message: 'the member’s presence' });

      // The socket is cut on both sides: the server closes the connection and tells the watcher
      // the member left; the provider keeps its Y.Doc, its client id and its presence.
      proxy.partition();
      await waitFor(() => !seen(), { message: 'the server to take the member off the watcher’s presence' });
      await waitFor(() => !provider.isSynced, { message: 'the member’s provider to see its socket close' });
      proxy.heal();
      await waitFor(() => provider.isSynced, { message: 'the member to reconnect' });

      await waitFor(() => seenName() === member.user.name, {
        timeout: 2_000,
        message: 'the member back in the watcher’s presence (before, at the provider’s next renewal, up to 18 s later)',
      });
      expect(seen()?.cursor).toEqual({ anchor: 'here', head: 'here' });
    } finally {
      provider.destroy();
      await proxy.close();
    }
  });
});
