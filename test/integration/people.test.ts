/**
 * People administration as the secretariat uses it and as everyone else is refused it; invitations;
 * one's own profile and password; signing out everywhere; deactivation closing live sockets.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { DEMO_PASSWORD, http, login, type Peer, type Session, synced, waitFor } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, peer: peerOf, call } = serverSuite();
const AGENDA = agendaDoc(DEMO_MEETING.id);

const ROLE_EMAILS = {
  observer: 'tomas@example.org',
  member: 'mei@example.org',
  chair: 'cochair@example.org',
  secretariat: 'secretariat@example.org',
} as const;

const sessions = new Map<string, Promise<Session>>();
/** One session per role for the whole file (sign-in is rate-limited per account). */
function signedIn(role: keyof typeof ROLE_EMAILS): Promise<Session> {
  if (!sessions.has(role)) sessions.set(role, login(server.baseUrl, ROLE_EMAILS[role]));
  return sessions.get(role)!;
}

let counter = 0;
const freshEmail = () => `person${++counter}.${Date.now()}@people.example`;

function closes(peer: Peer): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    peer.socket.on('disconnect', () => resolve(Date.now() - started));
  });
}

async function invite(secretariat: Session, fields: Record<string, unknown> = {}) {
  const result = await call(secretariat, 'POST', '/api/users', {
    email: freshEmail(),
    name: 'Nadia Okafor',
    role: 'member',
    group: 'civil-society',
    region: 'Africa',
    affiliation: 'Open Net Africa',
    ...fields,
  });
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body as { id: string; email: string; status: string; invitation: { url: string; expiresAt: number } };
}

const tokenOf = (url: string) => url.split('/invitations/')[1]!;

async function csvImport(who: Session | null, csv: string, dryRun = false) {
  const response = await fetch(`${server.baseUrl}/api/users/import${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(who ? { cookie: who.cookie } : {}) },
    body: csv,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('who may administer people', () => {
  it('refuses every administration route to anonymous (401), observer, member and chair (403), and changes nothing', async () => {
    const secretariat = await signedIn('secretariat');
    const target = await login(server.baseUrl, 'laura@example.org');
    const usersBefore = (await call(secretariat, 'GET', '/api/users')).body;
    const changes = async () =>
      (await server.app.store.audit.list({}, 100_000)).filter((entry) => entry.action !== 'auth.login').length;
    const auditBefore = await changes();
    const csv = 'email,name,role,group\nnobody.new@people.example,No Body,member,government\n';
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/users'],
      ['GET', '/api/users?q=ana'],
      ['POST', '/api/users', { email: 'refused@people.example', name: 'Refused', role: 'member', group: 'government' }],
      ['PATCH', `/api/users/${target.user.id}`, { role: 'observer' }],
      ['POST', `/api/users/${target.user.id}/deactivate`],
      ['POST', `/api/users/${target.user.id}/reactivate`],
      ['POST', `/api/users/${target.user.id}/invitation`],
    ];
    for (const role of [null, 'observer', 'member', 'chair'] as const) {
      const who = role ? await signedIn(role) : null;
      const expected = role ? 403 : 401;
      for (const [method, path, body] of routes) {
        const result = await call(who, method, path, body);
        expect(result.status, `${role ?? 'anonymous'} ${method} ${path}`).toBe(expected);
      }
      for (const dryRun of [true, false]) {
        expect((await csvImport(who, csv, dryRun)).status, `${role ?? 'anonymous'} import`).toBe(expected);
      }
    }
    expect((await call(secretariat, 'GET', '/api/users')).body).toEqual(usersBefore);
    expect(await changes()).toBe(auditBefore);
    // The target's session still works: nobody deactivated them.
    expect((await call(target, 'GET', '/api/me')).status).toBe(200);
  });

  it('refuses one-self routes to anonymous people and lets every role use them', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/me/profile'],
      ['PATCH', '/api/me', { name: 'X' }],
      ['PUT', '/api/me', { name: 'X' }],
      ['POST', '/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'another-password-1' }],
      ['POST', '/api/auth/logout-everywhere'],
    ] as const) {
      expect((await call(null, method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    for (const role of ['observer', 'member', 'chair', 'secretariat'] as const) {
      const who = await signedIn(role);
      const before = (await call(who, 'GET', '/api/me/profile')).body;
      const changed = await call(who, 'PATCH', '/api/me', { affiliation: `Affiliation of the ${role}` });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ id: who.user.id, name: before.name, affiliation: `Affiliation of the ${role}` });
      const put = await call(who, 'PUT', '/api/me', { name: before.name, affiliation: null });
      expect(put.body).toMatchObject({ name: before.name, affiliation: null });
    }
  });
});

describe('the secretariat administers people', () => {
  it('lists, searches and filters people by role, group and status', async () => {
    const secretariat = await signedIn('secretariat');
    const all = await call(secretariat, 'GET', '/api/users');
    expect(all.status).toBe(200);
    expect(all.body.length).toBeGreaterThanOrEqual(13);
    expect(all.body[0]).toEqual(
      expect.objectContaining({ email: expect.any(String), status: expect.any(String), affiliation: null }),
    );
    const byName = await call(secretariat, 'GET', '/api/users?q=MEI');
    expect(byName.body.map((user: { email: string }) => user.email)).toEqual(['mei@example.org']);
    const observers = await call(secretariat, 'GET', '/api/users?role=observer&group=private-sector');
    expect(observers.body.map((user: { email: string }) => user.email)).toEqual(['hannah@example.org']);
    const bad = await call(secretariat, 'GET', '/api/users?role=king');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('role');
    const invited = await invite(secretariat, { name: 'Zhang Invited' });
    const pending = await call(secretariat, 'GET', '/api/users?status=invited&q=zhang');
    expect(pending.body.map((user: { id: string }) => user.id)).toEqual([invited.id]);
  });

  it('invites a person who sets a password through the link, is signed in, and signs in again later', async () => {
    const secretariat = await signedIn('secretariat');
    const person = await invite(secretariat);
    expect(person.status).toBe('invited');
    expect(person.invitation.url).toMatch(new RegExp(`^${server.origin}/invitations/[A-Za-z0-9_-]{40,}$`));
    const week = 7 * 24 * 60 * 60 * 1000;
    expect(Math.abs(person.invitation.expiresAt - (Date.now() + week))).toBeLessThan(60_000);
    const token = tokenOf(person.invitation.url);
    // Only the hash of the token is stored.
    const stored = await server.app.store.db.all<{ token_hash: string }>('SELECT token_hash FROM invitations WHERE user_id = ?', [
      person.id,
    ]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    // No password yet: signing in fails like a wrong password.
    expect(
      (await http(server.baseUrl, 'POST', '/api/auth/login', { body: { email: person.email, password: 'x'.repeat(12) } })).status,
    ).toBe(401);
    // The page greets them without sign-in.
    const info = await call(null, 'GET', `/api/invitations/${token}`);
    expect(info.body).toMatchObject({ name: 'Nadia Okafor', email: person.email });
    // Too short a password is refused and the invitation stays usable.
    const short = await call(null, 'POST', `/api/invitations/${token}/accept`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('password');

    const accepted = await call(null, 'POST', `/api/invitations/${token}/accept`, { password: 'my own password 1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ id: person.id, role: 'member' });
    const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
    expect((await http(server.baseUrl, 'GET', '/api/me', { cookie })).body).toMatchObject({ id: person.id });
    const again = await login(server.baseUrl, person.email, 'my own password 1');
    expect(again.user.id).toBe(person.id);
    expect((await call(secretariat, 'GET', `/api/users?q=${encodeURIComponent(person.email)}`)).body[0].status).toBe('active');

    // Used: 410, and the password stays the one they chose.
    const reused = await call(null, 'POST', `/api/invitations/${token}/accept`, { password: 'someone elses pw' });
    expect(reused.status).toBe(410);
    expect(reused.body.error.code).toBe('INVITATION_GONE');
    expect((await call(null, 'GET', `/api/invitations/${token}`)).status).toBe(410);
    await login(server.baseUrl, person.email, 'my own password 1');
    const audit = await server.app.store.audit.list({ subject: `user:${person.id}` });
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['user.invite', 'user.accept-invitation']));
  });

  it('refuses an expired invitation and a replaced one with 410, and a new link works', async () => {
    const secretariat = await signedIn('secretariat');
    const person = await invite(secretariat);
    await server.app.store.db.run('UPDATE invitations SET expires_at = ? WHERE user_id = ?', [Date.now() - 1, person.id]);
    const expired = await call(null, 'POST', `/api/invitations/${tokenOf(person.invitation.url)}/accept`, {
      password: 'a good password',
    });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('INVITATION_GONE');

    const first = await call(secretariat, 'POST', `/api/users/${person.id}/invitation`);
    const second = await call(secretariat, 'POST', `/api/users/${person.id}/invitation`);
    expect(first.status).toBe(201);
    expect(
      (await call(null, 'POST', `/api/invitations/${tokenOf(first.body.url)}/accept`, { password: 'a good password' })).status,
    ).toBe(410);
    expect(
      (await call(null, 'POST', `/api/invitations/${tokenOf(second.body.url)}/accept`, { password: 'a good password' })).status,
    ).toBe(200);
    // Once active, nobody can be invited again.
    expect((await call(secretariat, 'POST', `/api/users/${person.id}/invitation`)).status).toBe(409);
  });

  it('answers 400 naming the field for bad input and 409 for an email already on the board', async () => {
    const secretariat = await signedIn('secretariat');
    const bad = await call(secretariat, 'POST', '/api/users', {
      email: 'no-at-sign',
      name: 'X',
      role: 'member',
      group: 'government',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/email/);
    const role = await call(secretariat, 'POST', '/api/users', {
      email: freshEmail(),
      name: 'X',
      role: 'king',
      group: 'government',
    });
    expect(role.status).toBe(400);
    expect(role.body.error.message).toMatch(/role/);
    const taken = await call(secretariat, 'POST', '/api/users', {
      email: 'MEI@example.org',
      name: 'X',
      role: 'member',
      group: 'government',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('changes role, group, region and affiliation, audited, and never its own role', async () => {
    const secretariat = await signedIn('secretariat');
    const person = await invite(secretariat);
    const changed = await call(secretariat, 'PATCH', `/api/users/${person.id}`, {
      role: 'chair',
      group: 'government',
      region: 'WEOG',
      affiliation: 'Ministry of Digital Affairs',
      name: 'Nadia Okafor-Berg',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      role: 'chair',
      group: 'government',
      region: 'WEOG',
      affiliation: 'Ministry of Digital Affairs',
      name: 'Nadia Okafor-Berg',
    });
    const audit = await server.app.store.audit.list({ subject: `user:${person.id}`, action: 'user.change' });
    expect(audit.at(-1)).toMatchObject({
      actorId: secretariat.user.id,
      detail: { from: { role: 'member', group: 'civil-society' } },
    });
    const own = await call(secretariat, 'PATCH', `/api/users/${secretariat.user.id}`, { role: 'member' });
    expect(own.status).toBe(400);
    expect(own.body.error.code).toBe('OWN_ACCOUNT');
    expect((await call(secretariat, 'POST', `/api/users/${secretariat.user.id}/deactivate`)).body.error.code).toBe('OWN_ACCOUNT');
    expect((await call(secretariat, 'PATCH', `/api/users/00000000-0000-0000-0000-000000000000`, { role: 'member' })).status).toBe(
      404,
    );
  });

  it('keeps the language chosen for an invited person, tells their invitation page, lists it and changes it, audited', async () => {
    const secretariat = await signedIn('secretariat');
    const person = await invite(secretariat, { language: 'fr' });
    expect(person).toMatchObject({ language: 'fr' });
    const info = await call(null, 'GET', `/api/invitations/${tokenOf(person.invitation.url)}`);
    expect(info.body).toMatchObject({ name: 'Nadia Okafor', language: 'fr' });
    const unset = await invite(secretariat);
    expect((await call(null, 'GET', `/api/invitations/${tokenOf(unset.invitation.url)}`)).body.language).toBeNull();

    const changed = await call(secretariat, 'PATCH', `/api/users/${person.id}`, { language: 'es' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ language: 'es' });
    const listed = await call(secretariat, 'GET', `/api/users?q=${encodeURIComponent(person.email)}`);
    expect(listed.body).toEqual([expect.objectContaining({ id: person.id, language: 'es' })]);
    const audit = await server.app.store.audit.list({ subject: `user:${person.id}`, action: 'user.change' });
    expect(audit.at(-1)).toMatchObject({ detail: { from: { language: 'fr' }, to: { language: 'es' } } });
    expect((await call(secretariat, 'PATCH', `/api/users/${person.id}`, { language: 'de' })).status).toBe(400);
  });

  it('deactivation closes a live socket within 5 seconds, stops the cookie, keeps the record; reactivation lets them back', async () => {
    const secretariat = await signedIn('secretariat');
    const member = await login(server.baseUrl, 'olena@example.org');
    const thread = await call(member, 'POST', '/api/threads', { doc: AGENDA, body: 'A comment written before deactivation' });
    expect(thread.status).toBe(201);
    const peer = peerOf(member, AGENDA);
    await synced(peer);
    const closed = closes(peer);
    const started = Date.now();
    const result = await call(secretariat, 'POST', `/api/users/${member.user.id}/deactivate`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'deactivated', disabled: true, name: 'Olena Kovalenko' });
    expect(await closed).toBeLessThan(5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await call(member, 'GET', '/api/me')).status).toBe(401);
    await waitFor(() => peer.denied.length > 0 || !peer.provider.isSynced, { message: 'no more access' });
    expect(peer.provider.isSynced).toBe(false);
    expect(
      (await http(server.baseUrl, 'POST', '/api/auth/login', { body: { email: 'olena@example.org', password: DEMO_PASSWORD } }))
        .status,
    ).toBe(401);
    // Their record stays, findable by status; what they wrote keeps their id.
    const listed = await call(secretariat, 'GET', '/api/users?status=deactivated');
    expect(listed.body.map((user: { id: string }) => user.id)).toContain(member.user.id);
    expect(await server.app.store.users.byId(member.user.id)).toMatchObject({ name: 'Olena Kovalenko' });
    const threads = await call(secretariat, 'GET', `/api/threads?doc=${encodeURIComponent(AGENDA)}`);
    const kept = threads.body.find((candidate: { id: string }) => candidate.id === thread.body.id);
    expect(kept.comments[0]).toMatchObject({
      authorId: member.user.id,
      authorName: 'Olena Kovalenko',
      body: 'A comment written before deactivation',
    });

    const back = await call(secretariat, 'POST', `/api/users/${member.user.id}/reactivate`);
    expect(back.body).toMatchObject({ status: 'active', disabled: false, invitationPending: false });
    // The old session stays ended; signing in again works.
    expect((await call(member, 'GET', '/api/me')).status).toBe(401);
    await login(server.baseUrl, 'olena@example.org');
    const actions = (await server.app.store.audit.list({ subject: `user:${member.user.id}` })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['user.deactivate', 'user.reactivate']));
  });
});

describe('one own account', () => {
  it('changes the password with the current one, ending every other session but this one', async () => {
    const email = 'rahul@example.org';
    const here = await login(server.baseUrl, email);
    const elsewhere = await login(server.baseUrl, email);
    const peer = peerOf(elsewhere, AGENDA);
    await synced(peer);
    const closed = closes(peer);
    const wrong = await call(here, 'POST', '/api/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'WRONG_PASSWORD', details: { field: 'currentPassword' } });
    expect((await call(elsewhere, 'GET', '/api/me')).status).toBe(200);

    const changed = await call(here, 'POST', '/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await closed).toBeLessThan(5_000);
    expect((await call(here, 'GET', '/api/me')).status).toBe(200);
    expect((await call(elsewhere, 'GET', '/api/me')).status).toBe(401);
    expect((await http(server.baseUrl, 'POST', '/api/auth/login', { body: { email, password: DEMO_PASSWORD } })).status).toBe(
      401,
    );
    await login(server.baseUrl, email, 'a brand new password');
  });

  it('signs out everywhere: every session ends, this one included, and open sockets close', async () => {
    const email = 'sofia@example.org';
    const one = await login(server.baseUrl, email);
    const two = await login(server.baseUrl, email);
    const peer = peerOf(two, AGENDA);
    await synced(peer);
    const closed = closes(peer);
    const result = await call(one, 'POST', '/api/auth/logout-everywhere');
    expect(result.status).toBe(200);
    expect(result.body.sessionsEnded).toBe(2);
    expect(result.headers.get('set-cookie')).toMatch(/plenary_session=;/);
    expect(await closed).toBeLessThan(5_000);
    expect((await call(one, 'GET', '/api/me')).status).toBe(401);
    expect((await call(two, 'GET', '/api/me')).status).toBe(401);
    await login(server.baseUrl, email);
  });

  it('refuses an empty name in the profile, naming the field', async () => {
    const who = await signedIn('member');
    const result = await call(who, 'PATCH', '/api/me', { name: '' });
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(/name/);
  });
});
