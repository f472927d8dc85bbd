/**
 * Signing out, a role change or a disabled account takes effect on open WebSockets within five
 * seconds, whoever made the change (another request, the admin CLI in another process).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, http, login, type Peer, synced, waitFor } from '../helpers/clients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { NODE, ROOT } from '../helpers/testServer.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const { server, peer: peerOf, connect } = serverSuite();

function closes(peer: Peer): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    peer.socket.on('disconnect', () => resolve(Date.now() - started));
  });
}

describe('revoking access', () => {
  it('closes the sockets of a session that signs out', async () => {
    const session = await login(server.baseUrl, 'youssef@example.org');
    const peer = peerOf(session, AGENDA);
    await synced(peer);
    const closed = closes(peer);
    await http(server.baseUrl, 'POST', '/api/auth/logout', { cookie: session.cookie });
    expect(await closed).toBeLessThan(5_000);
    // It cannot come back with that session.
    await waitFor(() => peer.denied.length > 0 || !peer.provider.isSynced, { message: 'no more access' });
    expect(peer.provider.isSynced).toBe(false);
  });

  it('applies a role change made by the secretariat within seconds: a member made observer reads only', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const chair = await login(server.baseUrl, 'chair@example.org');
    const member = await login(server.baseUrl, 'ana@example.org');
    // Only the secretariat manages users.
    expect((await http(server.baseUrl, 'GET', '/api/users', { cookie: chair.cookie })).status).toBe(403);
    expect(
      (await http(server.baseUrl, 'PATCH', `/api/users/${member.user.id}`, { cookie: chair.cookie, body: { role: 'observer' } }))
        .status,
    ).toBe(403);

    const peer = peerOf(member, AGENDA);
    await synced(peer);
    expect(peer.scope).toBe('read-write');
    const closed = closes(peer);
    const changed = await http(server.baseUrl, 'PATCH', `/api/users/${member.user.id}`, {
      cookie: secretariat.cookie,
      body: { role: 'observer' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'observer', disabled: false });
    expect(await closed).toBeLessThan(5_000);
    // The provider reconnects by itself, now read-only: its edits go nowhere.
    await waitFor(() => peer.scope === 'readonly' && peer.provider.isSynced, { message: 'read-only reconnection' });
    appendParagraph(peer.doc, 'No longer allowed');
    const reader = peerOf(chair, AGENDA);
    await synced(reader);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(plainText(reader.doc)).not.toContain('No longer allowed');
    const audit = await server.app.store.audit.list({ subject: `user:${member.user.id}`, action: 'user.change' });
    expect(audit.at(-1)?.actorId).toBe(secretariat.user.id);
  });

  it('closes the sockets of an account disabled from the admin CLI in another process', async () => {
    const member = await login(server.baseUrl, 'kwame@example.org');
    const peer = peerOf(member, AGENDA);
    await synced(peer);
    const minted = await collabToken(server.baseUrl, member, AGENDA);
    const closed = closes(peer);
    const cli = spawnSync(NODE, ['server/src/admin.ts', 'user', 'set', '--email', 'kwame@example.org', '--disable'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout.trim()).toBe('kwame@example.org: member, disabled');
    expect(await closed).toBeLessThan(5_000);
    expect((await http(server.baseUrl, 'GET', '/api/me', { cookie: member.cookie })).status).toBe(401);
    // A token minted before the change opens nothing: the account is read with its session.
    const late = connect(AGENDA, minted);
    await waitFor(() => late.denied.length > 0, { message: 'the refusal of a token minted before' });
    expect(late.provider.isSynced).toBe(false);
  });

  it('refuses the WebSocket to a disabled account even while its session is live', async () => {
    // Disabling from the interface or the CLI also ends the sessions; a store changed otherwise
    // (a restore, an instance mid-way) must still not let the account in.
    const observer = await login(server.baseUrl, 'tomas@example.org');
    const token = await collabToken(server.baseUrl, observer, AGENDA);
    await server.app.store.db.run('UPDATE users SET disabled = 1 WHERE id = ?', [observer.user.id]);
    try {
      const refused = connect(AGENDA, token);
      await waitFor(() => refused.denied.length > 0, { message: 'the refusal of a disabled account' });
      expect(refused.provider.isSynced).toBe(false);
    } finally {
      await server.app.store.db.run('UPDATE users SET disabled = 0 WHERE id = ?', [observer.user.id]);
    }
  });
});
