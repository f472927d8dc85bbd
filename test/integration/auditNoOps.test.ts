/**
 * The audit log records what changed, on SQLite and PostgreSQL: a meeting's change records only
 * the fields whose values it changed, a change that changes nothing (registration opened twice, a
 * meeting's PATCH giving what it already has) records nothing and is still answered; the demo's
 * action items name their source agenda item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { unsubscribeToken } from '../../server/src/notifications/signing.ts';
import type { AuditEntryDto } from '../../shared/schemas/audit.ts';
import { http, httpOk, login, type Session } from '../helpers/clients.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/services.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

const DEMO = DEMO_MEETING.id;

describe.each(['sqlite', 'postgres'] as const)('the audit log records what changed on %s', (backend) => {
  let server: TestServer;
  let database: TestDatabase | undefined;
  let secretariat: Session;

  beforeAll(async () => {
    if (backend === 'postgres') database = await createTestDatabase('auditnoops');
    server = await startServer(database ? { env: { DATABASE_URL: database.url } } : {});
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const call = <T = any>(method: string, path: string, body?: unknown) =>
    httpOk<T>(server.baseUrl, method, path, { cookie: secretariat.cookie, body, status: 200 });
  const log = (action: string) =>
    call<AuditEntryDto[]>('GET', `/api/audit-log?action=${action}`).then((entries) =>
      entries.filter((entry) => entry.subject === `meeting:${DEMO}`),
    );

  it('records only the fields a meeting’s change changed, and nothing when it changes none', async () => {
    const before = await call<{ format: string; place: string }>('GET', `/api/meetings/${DEMO}`);
    await call('PATCH', `/api/meetings/${DEMO}`, { format: 'online', place: '' });
    const first = await log('meeting.update');
    // Whatever the demo had, the entry holds only what this change made different.
    const expected: Record<string, string> = {};
    if (before.format !== 'online') expected.format = 'online';
    if (before.place !== '') expected.place = '';
    if (Object.keys(expected).length > 0) expect(first[0]!.detail).toEqual(expected);

    // Online, no place: given again, and with the place still empty, it changes nothing.
    await call('PATCH', `/api/meetings/${DEMO}`, { format: 'online', place: '' });
    const meeting = await call<{ format: string; place: string }>('PATCH', `/api/meetings/${DEMO}`, { place: '  ' });
    expect(meeting).toMatchObject({ format: 'online', place: '' });
    expect(await log('meeting.update')).toHaveLength(first.length);

    // The title changed and the place given as it is: the title alone.
    await call('PATCH', `/api/meetings/${DEMO}`, { title: `${DEMO_MEETING.title} (renamed)`, place: '' });
    const [renamed] = await log('meeting.update');
    expect(renamed!.detail).toEqual({ title: `${DEMO_MEETING.title} (renamed)` });
  });

  it('records opening registration once, however many times it is opened', async () => {
    const opened = (await log('registration.open')).length;
    const closed = (await log('registration.close')).length;
    expect(await call('PATCH', `/api/meetings/${DEMO}/registration`, { open: false })).toEqual({ open: false });
    expect(await call('PATCH', `/api/meetings/${DEMO}/registration`, { open: false })).toEqual({ open: false });
    expect(await call('PATCH', `/api/meetings/${DEMO}/registration`, { open: true })).toEqual({ open: true });
    expect(await call('PATCH', `/api/meetings/${DEMO}/registration`, { open: true })).toEqual({ open: true });
    expect(await log('registration.close')).toHaveLength(closed + 1);
    expect(await log('registration.open')).toHaveLength(opened + 1);
  });

  it('records a question setting, a quorum and a current item once each, however many times they are given', async () => {
    const counts = async () =>
      Promise.all(
        ['questions.approval', 'meeting.quorum', 'meeting.current-item'].map(async (action) => (await log(action)).length),
      );
    const items = await call<{ id: string }[]>('GET', `/api/meetings/${DEMO}/agenda-items`);
    const give = async () => {
      await call('PUT', `/api/meetings/${DEMO}/questions/settings`, { requireApproval: true });
      await call('PUT', `/api/meetings/${DEMO}/quorum`, { quorum: { count: 7 } });
      await call('PUT', `/api/meetings/${DEMO}/current-item`, { itemId: items[1]!.id });
    };
    await give();
    const once = await counts();
    // Given again, each is what it already was: answered, and nothing more recorded.
    await give();
    expect(await counts()).toEqual(once);
    const [quorum] = await log('meeting.quorum');
    expect(quorum!.detail).toMatchObject({ to: { count: 7 } });
  });

  it('records a question setting and a quorum once when the same change arrives several times at once', async () => {
    const counts = async () =>
      Promise.all(['questions.approval', 'meeting.quorum'].map(async (action) => (await log(action)).length));
    // A known start, given one at a time.
    await call('PUT', `/api/meetings/${DEMO}/questions/settings`, { requireApproval: false });
    await call('PUT', `/api/meetings/${DEMO}/quorum`, { quorum: { count: 3 } });
    const before = await counts();
    // Six tabs (or six clicks) send the same change at the same moment: it happens once, is recorded
    // once, and every request is answered.
    await Promise.all(
      Array.from({ length: 6 }, () => [
        call('PUT', `/api/meetings/${DEMO}/questions/settings`, { requireApproval: true }),
        call('PUT', `/api/meetings/${DEMO}/quorum`, { quorum: { count: 9 } }),
      ]).flat(),
    );
    expect(await counts()).toEqual(before.map((count) => count + 1));
    const [quorum] = await log('meeting.quorum');
    expect(quorum!.detail).toMatchObject({ to: { count: 9 } });
    // Each wrote only its own column: the approval did not put the quorum back, nor the other way.
    expect(await call('GET', `/api/meetings/${DEMO}/quorum`)).toMatchObject({ setting: { count: 9 } });
  });

  it('records the speaking rules once, given twice the same, and again when they change', async () => {
    const rules = async () => (await log('floor.settings')).length;
    const give = (limitSeconds: number) =>
      call('PUT', `/api/meetings/${DEMO}/floor/settings`, { limitSeconds, balanceRule: 'least-spoken', itemId: '' });
    await give(150);
    const once = await rules();
    await give(150);
    expect(await rules()).toBe(once);
    await give(160);
    expect(await rules()).toBe(once + 1);
  });

  const logOf = (action: string, subject: string) =>
    call<AuditEntryDto[]>('GET', `/api/audit-log?action=${action}`).then((entries) =>
      entries.filter((entry) => entry.subject === subject),
    );

  it('records deactivating and reactivating a person once each, however many times (and at once) it is asked', async () => {
    const { user: olena } = await login(server.baseUrl, 'olena@example.org');
    const subject = `user:${olena.id}`;
    const twice = (action: 'deactivate' | 'reactivate') =>
      Promise.all([1, 2, 3].map(() => call<{ disabled: boolean }>('POST', `/api/users/${olena.id}/${action}`, {})));
    await twice('deactivate');
    expect((await twice('deactivate')).map((user) => user.disabled)).toEqual([true, true, true]);
    await twice('reactivate');
    expect((await twice('reactivate')).map((user) => user.disabled)).toEqual([false, false, false]);
    expect(await logOf('user.deactivate', subject)).toHaveLength(1);
    expect(await logOf('user.reactivate', subject)).toHaveLength(1);
  });

  it('records a working group’s rename once, given again (and at once) with the same name and description', async () => {
    const created = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO}/working-groups`, {
      cookie: secretariat.cookie,
      body: { name: `No-op group ${backend}`, description: 'Before' },
    });
    expect(created.status).toBe(201);
    const group = created.body;
    const patch = (body: object) => call<{ name: string }>('PATCH', `/api/working-groups/${group.id}`, body);
    const renamed = { name: `No-op group ${backend} (renamed)`, description: 'After' };
    await Promise.all([patch(renamed), patch(renamed), patch(renamed)]);
    expect((await patch(renamed)).name).toBe(renamed.name);
    await patch({ name: renamed.name });
    const updates = await logOf('workingGroup.updated', `workingGroup:${group.id}`);
    expect(updates).toHaveLength(1);
    // A real change records as before: the name with what it was, and that the description changed.
    expect(updates[0]!.detail).toEqual({ name: renamed.name, was: `No-op group ${backend}`, description: true });
  });

  it('records one’s email settings once, saved again (and at once) unchanged, and a person’s defaults given back not at all', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const put = (body: object) =>
      http<{ digestTime: string }>(server.baseUrl, 'PUT', '/api/me/notification-settings', { cookie: mei.cookie, body });
    const defaults = await http<{ digestTime: string }>(server.baseUrl, 'GET', '/api/me/notification-settings', {
      cookie: mei.cookie,
    });
    // Her defaults, given back before she saved anything: nothing changed.
    expect((await put({ digestTime: defaults.body.digestTime })).status).toBe(200);
    const digestTime = defaults.body.digestTime === '19:30' ? '20:30' : '19:30';
    const answers = await Promise.all([1, 2, 3].map(() => put({ digestTime })));
    expect(answers.map((answer) => [answer.status, answer.body.digestTime])).toEqual([1, 2, 3].map(() => [200, digestTime]));
    expect((await put({ digestTime })).body.digestTime).toBe(digestTime);
    const entries = await logOf('notifications.settings', `user:${mei.user.id}`);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail).toEqual({ digestTime });
  });

  it('records moving a call once, moved again (and at once) to the times it has', async () => {
    const now = Date.now();
    const created = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO}/calls`, {
      cookie: secretariat.cookie,
      body: { kind: 'other', opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString() },
    });
    expect(created.status).toBe(201);
    const closesAt = new Date(now + 2 * 86_400_000).toISOString();
    const move = () => call<{ closesAt: string }>('PATCH', `/api/calls/${created.body.id}`, { closesAt });
    const answers = await Promise.all([move(), move(), move()]);
    expect((await move()).closesAt).toBe(closesAt);
    expect(answers.map((answer) => answer.closesAt)).toEqual([closesAt, closesAt, closesAt]);
    const moves = await logOf('call.update', `call:${created.body.id}`);
    expect(moves).toHaveLength(1);
    expect(moves[0]!.detail).toMatchObject({ to: { closesAt } });
  });

  it('records a person’s change and one’s own profile once, saved again (and at once) unchanged', async () => {
    const laura = await login(server.baseUrl, 'laura@example.org');
    const subject = `user:${laura.user.id}`;
    const change = { affiliation: `No-op affiliation ${backend}`, region: 'WEOG', disabled: false };
    const changes = await Promise.all(
      [1, 2, 3].map(() => call<{ affiliation: string }>('PATCH', `/api/users/${laura.user.id}`, change)),
    );
    expect(changes.map((person) => person.affiliation)).toEqual([1, 2, 3].map(() => change.affiliation));
    const recorded = await logOf('user.change', subject);
    expect(recorded).toHaveLength(1);
    expect((recorded[0]!.detail as { to: unknown }).to).toEqual(change);

    const profile = { name: `${laura.user.name} (no-op)` };
    const mine = () => http<{ name: string }>(server.baseUrl, 'PATCH', '/api/me', { cookie: laura.cookie, body: profile });
    const answers = await Promise.all([mine(), mine(), mine()]);
    expect(answers.map((answer) => [answer.status, answer.body.name])).toEqual([1, 2, 3].map(() => [200, profile.name]));
    expect(await logOf('user.profile', subject)).toHaveLength(1);
  });

  it('records revoking one’s calendar address and turning password sign-in off once, asked again (and at once)', async () => {
    const rahul = await login(server.baseUrl, 'rahul@example.org');
    const subject = `user:${rahul.user.id}`;
    const mine = (method: string) => http(server.baseUrl, method, '/api/me/calendar-token', { cookie: rahul.cookie });
    expect((await mine('POST')).status).toBe(200);
    const revoked = await Promise.all([mine('DELETE'), mine('DELETE'), mine('DELETE')]);
    expect(revoked.map((answer) => answer.status)).toEqual([204, 204, 204]);
    expect(await logOf('calendar.revoke', subject)).toHaveLength(1);

    const passwordLogin = (enabled: boolean) =>
      call<{ passwordLogin: boolean }>('PATCH', `/api/users/${rahul.user.id}/password-login`, { enabled });
    const off = await Promise.all([passwordLogin(false), passwordLogin(false), passwordLogin(false)]);
    expect(off.map((answer) => answer.passwordLogin)).toEqual([false, false, false]);
    expect((await passwordLogin(true)).passwordLogin).toBe(true);
    expect((await passwordLogin(true)).passwordLogin).toBe(true);
    expect((await logOf('user.password-login', subject)).map((entry) => entry.detail)).toEqual([
      { enabled: true },
      { enabled: false },
    ]);
  });

  it('records a proposal’s edit and its status once each, saved again (and at once) as they are', async () => {
    const { user: kwame } = await login(server.baseUrl, 'kwame@example.org');
    const created = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO}/proposals`, {
      cookie: secretariat.cookie,
      body: { kind: 'other', title: `No-op proposal ${backend}`, summary: 'Before' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const subject = `proposal:${id}`;
    const patch = (body: object) =>
      call<{ title: string; status: string; authors: { id: string }[] }>('PATCH', `/api/proposals/${id}`, body);
    const edit = { title: `No-op proposal ${backend} (edited)`, summary: 'After', coAuthorIds: [kwame.id] };
    await Promise.all([patch(edit), patch(edit), patch(edit)]);
    const edited = await patch(edit);
    expect(edited.title).toBe(edit.title);
    expect(edited.authors.map((author) => author.id)).toContain(kwame.id);
    const statuses = await Promise.all([1, 2, 3].map(() => patch({ status: 'selected' })));
    expect(statuses.map((proposal) => proposal.status)).toEqual(['selected', 'selected', 'selected']);
    const updates = await logOf('proposal.update', subject);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.detail).toEqual(edit);
    const moved = await logOf('proposal.status', subject);
    expect(moved.map((entry) => entry.detail)).toEqual([{ status: 'selected', previousStatus: 'submitted' }]);
  });

  it('records a comment’s edit once, saved again (and at once) with the same text', async () => {
    const proposals = await call<{ id: string }[]>('GET', `/api/meetings/${DEMO}/proposals`);
    const thread = await http<{ id: string; comments: { id: string }[] }>(server.baseUrl, 'POST', '/api/threads', {
      cookie: secretariat.cookie,
      body: { doc: `proposal:${proposals[0]!.id}`, body: `No-op thread ${backend}` },
    });
    expect(thread.status).toBe(201);
    const commentId = thread.body.comments[0]!.id;
    const edit = () => call<{ body: string }>('PATCH', `/api/comments/${commentId}`, { body: `Edited ${backend}` });
    const answers = await Promise.all([edit(), edit(), edit()]);
    expect(answers.map((answer) => answer.body)).toEqual([1, 2, 3].map(() => `Edited ${backend}`));
    expect(await logOf('comment.edit', `comment:${commentId}`)).toHaveLength(1);
  });

  it('records a one-click unsubscribe once, the link followed again (and at once) when already unsubscribed', async () => {
    const sofia = await login(server.baseUrl, 'sofia@example.org');
    // The link her emails carry, signed with this server's key as the outbox signs it.
    const key = await server.app.store.settings.secret('notifications.unsubscribeKey');
    const link = `${server.baseUrl}/api/unsubscribe/${unsubscribeToken(key, { userId: sofia.user.id, kind: 'mention' })}`;
    const follow = async () => {
      const response = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      return [response.status, await response.json()];
    };
    const answers = await Promise.all([follow(), follow(), follow()]);
    const again = await follow();
    expect([...answers, again]).toEqual([1, 2, 3, 4].map(() => [200, { unsubscribed: ['mention'] }]));
    const settings = await http<{ email: Record<string, string> }>(server.baseUrl, 'GET', '/api/me/notification-settings', {
      cookie: sofia.cookie,
    });
    expect(settings.body.email.mention).toBe('off');
    const entries = await logOf('notifications.unsubscribe', `user:${sofia.user.id}`);
    expect(entries.map((entry) => entry.detail)).toEqual([{ kinds: ['mention'] }]);
  });

  it('records an action item’s change once, the same change sent three times at once', async () => {
    const created = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO}/actions`, {
      cookie: secretariat.cookie,
      body: { text: `No-op action ${backend}`, owner: { kind: 'role', label: 'Secretariat', role: 'secretariat' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Five changes, each sent three times at once (the first round does not always overlap on a
    // fresh route: on PostgreSQL the old read-then-write recorded 20 entries for 8 such rounds).
    const texts = [1, 2, 3, 4, 5].map((round) => `No-op action ${backend} (change ${round})`);
    for (const text of texts) {
      const change = { text, status: 'in-progress' };
      const answers = await Promise.all(
        [1, 2, 3].map(() => call<{ text: string; status: string }>('PATCH', `/api/actions/${id}`, change)),
      );
      expect(answers.map((action) => [action.text, action.status])).toEqual([1, 2, 3].map(() => [text, 'in-progress']));
    }
    // Sent again alone: answered, nothing changed, nothing recorded.
    expect((await call<{ text: string }>('PATCH', `/api/actions/${id}`, { text: texts[4] })).text).toBe(texts[4]);
    const updates = await logOf('action.update', `action:${id}`);
    expect(updates.map((entry) => (entry.detail as { changes: { text: { to: string } } }).changes.text.to)).toEqual(
      [...texts].reverse(),
    );
    expect(updates.at(-1)!.detail).toMatchObject({
      changes: { text: { from: `No-op action ${backend}`, to: texts[0] }, status: { from: 'open', to: 'in-progress' } },
    });
  });

  it('names the agenda item a demo action item came from', async () => {
    const entries = await call<AuditEntryDto[]>('GET', '/api/audit-log?action=action.create');
    const fromAob = entries.find((entry) => (entry.detail as { source?: { id?: string } }).source?.id === 'oc1-aob');
    expect(fromAob, 'a demo action item from any other business').toBeDefined();
    expect(fromAob!.names['oc1-aob']).toMatch(/Any other business/);
  });
});
