/**
 * The y-websocket endpoint (/yjs/<documentName>): a plain WebsocketProvider co-edits with
 * HocuspocusProviders under the same permissions, and API tokens open it (read scope: read-only).
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, login, type Session, synced, waitFor } from '../helpers/clients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { connectY, type YClient, yAcknowledged, yClosedWith, yjsUrl, ySynced } from '../helpers/yWebsocketClient.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const { server, peer, call, keep } = serverSuite();

const y = (name: string, token: string | null, headers?: Record<string, string>): YClient =>
  keep(connectY(server.baseUrl, name, token, headers ? { headers } : {}));

async function apiToken(who: Session, scopes: string[], expiresAt?: number): Promise<{ id: string; token: string }> {
  const created = await call(who, 'POST', '/api/tokens', {
    name: `test ${scopes.join('+')}`,
    scopes,
    ...(expiresAt ? { expiresAt } : {}),
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** What a fresh reader of the agenda sees now. */
async function agendaText(): Promise<string> {
  const reader = peer(await login(server.baseUrl, 'kwame@example.org'), AGENDA);
  await synced(reader);
  const text = plainText(reader.doc);
  reader.destroy();
  return text;
}

describe('y-websocket endpoint', () => {
  it('lets a WebsocketProvider and a HocuspocusProvider co-edit one agenda live', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const plain = y(AGENDA, await collabToken(server.baseUrl, mei, AGENDA));
    const hocus = peer(kwame, AGENDA);
    await Promise.all([ySynced(plain), synced(hocus)]);
    // The WebsocketProvider got the stored agenda.
    expect(plainText(plain.doc)).toContain('Welcoming remarks');

    appendParagraph(plain.doc, 'Written through y-websocket');
    await waitFor(() => plainText(hocus.doc).includes('Written through y-websocket'), { message: 'edit reached Hocuspocus' });
    appendParagraph(hocus.doc, 'Written through Hocuspocus');
    await waitFor(() => plainText(plain.doc).includes('Written through Hocuspocus'), { message: 'edit reached y-websocket' });

    // Awareness crosses too: each sees the other's presence.
    plain.provider.awareness.setLocalStateField('user', { name: 'plain client' });
    await waitFor(
      () =>
        [...hocus.provider.awareness!.getStates().values()].some(
          (state) => state.user !== undefined && state !== hocus.provider.awareness!.getLocalState(),
        ),
      {
        message: 'presence of the y-websocket client',
      },
    );
    await yAcknowledged(plain);
    expect(await agendaText()).toContain('Written through y-websocket');
  });

  it("keeps an observer's WebsocketProvider read-only: its change closes the socket, is not stored and reaches nobody", async () => {
    const tomas = await login(server.baseUrl, 'tomas@example.org');
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const watcher = peer(kwame, AGENDA);
    const observer = y(AGENDA, await collabToken(server.baseUrl, tomas, AGENDA));
    await Promise.all([ySynced(observer), synced(watcher)]);
    expect(plainText(observer.doc)).toContain('Welcoming remarks');

    appendParagraph(observer.doc, 'An observer tries to write');
    const close = await yClosedWith(observer, 4403);
    expect(close.reason).toBe('read-only');
    // 4403 is final for y-websocket: it does not reconnect and send the change again.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(observer.provider.wsconnected).toBe(false);
    expect(plainText(watcher.doc)).not.toContain('An observer tries to write');
    expect(await agendaText()).not.toContain('An observer tries to write');
  });

  it('closes a writer’s socket with 4400 for a change holding a NUL character; nothing of it is stored or reaches anyone', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const watcher = peer(await login(server.baseUrl, 'kwame@example.org'), AGENDA);
    const writer = y(AGENDA, await collabToken(server.baseUrl, mei, AGENDA));
    await Promise.all([ySynced(writer), synced(watcher)]);
    appendParagraph(writer.doc, 'A NUL\u0000 sent by a y-websocket writer');
    const close = await yClosedWith(writer, 4400);
    expect(close.reason).toBe('unstorable-text');
    expect(plainText(watcher.doc)).not.toContain('sent by a y-websocket writer');
    expect(await agendaText()).not.toContain('sent by a y-websocket writer');
  });

  it('opens with a write-scoped API token; a read-scoped one is read-only on the WebSocket and 403 on commands', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const writer = await apiToken(mei, ['write']);
    const reader = await apiToken(mei, ['read']);

    const scripted = y(AGENDA, writer.token);
    await ySynced(scripted);
    appendParagraph(scripted.doc, 'Written by a script with an API token');
    await yAcknowledged(scripted);
    expect(await agendaText()).toContain('Written by a script with an API token');

    const readOnly = y(AGENDA, reader.token);
    await ySynced(readOnly);
    expect(plainText(readOnly.doc)).toContain('Written by a script with an API token');
    appendParagraph(readOnly.doc, 'A read-scoped token tries to write');
    expect((await yClosedWith(readOnly, 4403)).reason).toBe('read-only');
    expect(await agendaText()).not.toContain('A read-scoped token tries to write');

    const bearer = { authorization: `Bearer ${reader.token}` };
    const refused = await fetch(`${server.baseUrl}/api/collab-token`, { method: 'POST', headers: bearer });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('TOKEN_SCOPE');
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: bearer })).status).toBe(200);
  });

  it('closes the sockets of a revoked token at once and refuses it everywhere', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const { id, token } = await apiToken(mei, ['write']);
    const client = y(AGENDA, token);
    await ySynced(client);

    expect((await call(mei, 'DELETE', `/api/tokens/${id}`)).status).toBe(204);
    expect((await yClosedWith(client, 4401, 3_000)).code).toBe(4401);
    const rest = await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(rest.status).toBe(401);
    expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('TOKEN_INVALID');

    const again = y(AGENDA, token);
    expect((await yClosedWith(again, 4401)).reason).toBe('token-invalid');
    expect(again.provider.synced).toBe(false);
  });

  it('closes the sockets of an expired token within the access sweep and refuses it on REST', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const { token } = await apiToken(mei, ['write'], Date.now() + 2_000);
    const client = y(AGENDA, token);
    await ySynced(client);
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // Expiry at 2 s, the sweep every 2 s: closed within about 4 s.
    await yClosedWith(client, 4401, 6_000);
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('uses the session cookie when no token is given, and refuses without either', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const withCookie = y(AGENDA, null, { cookie: mei.cookie });
    await ySynced(withCookie);
    const anonymous = y(AGENDA, null);
    expect((await yClosedWith(anonymous, 4401)).code).toBe(4401);
    expect(anonymous.provider.synced).toBe(false);
    const forged = y(AGENDA, 'v1.forged.token');
    expect((await yClosedWith(forged, 4401)).code).toBe(4401);
  });

  it('refuses a document the person may not open, and an upgrade from a foreign origin', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const unknown = y('agenda:no-such-meeting', await collabToken(server.baseUrl, mei));
    expect((await yClosedWith(unknown, 4403)).code).toBe(4403);

    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${yjsUrl(server.baseUrl)}/${AGENDA}`, {
        headers: { origin: 'https://evil.example', cookie: mei.cookie },
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => {});
    });
    expect(status).toBe(403);
  });
});
