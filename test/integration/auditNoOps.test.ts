/**
 * The audit log records what changed, on SQLite and PostgreSQL: a meeting's change records only
 * the fields whose values it changed, a change that changes nothing (registration opened twice, a
 * meeting's PATCH giving what it already has) records nothing and is still answered; the demo's
 * action items name their source agenda item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { AuditEntryDto } from '../../shared/schemas/audit.ts';
import { http, login, type Session } from '../helpers/clients.ts';
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

  const call = async <T = any>(method: string, path: string, body?: unknown) => {
    const response = await http<T>(server.baseUrl, method, path, {
      cookie: secretariat.cookie,
      ...(body === undefined ? {} : { body }),
    });
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body;
  };
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

  it('names the agenda item a demo action item came from', async () => {
    const entries = await call<AuditEntryDto[]>('GET', '/api/audit-log?action=action.create');
    const fromAob = entries.find((entry) => (entry.detail as { source?: { id?: string } }).source?.id === 'oc1-aob');
    expect(fromAob, 'a demo action item from any other business').toBeDefined();
    expect(fromAob!.names['oc1-aob']).toMatch(/Any other business/);
  });
});
