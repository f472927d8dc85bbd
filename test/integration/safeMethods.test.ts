/**
 * No GET changes anything: every GET route of the API, called by each role with real ids, leaves
 * every table of the store exactly as it was. And every writing route refuses a malformed or an
 * oversized body with 400 or 413, changing nothing either.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { http, login, type Session } from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());

/** A digest of every row of every table. */
async function storeDigest(): Promise<Record<string, string>> {
  const tables = await server.app.store.db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await server.app.store.db.all<Record<string, unknown>>(`SELECT * FROM ${name}`);
    const text = JSON.stringify(rows, (_key, value) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
    );
    digest[name] = createHash('sha256').update(text).digest('hex');
  }
  return digest;
}

async function firstId(session: Session, path: string): Promise<string> {
  const result = await http<{ id: string }[]>(server.baseUrl, 'GET', path, { cookie: session.cookie });
  const id = result.body[0]?.id;
  if (!id) throw new Error(`no id from ${path}`);
  return id;
}

describe('safe methods', () => {
  it('leave the store unchanged, whoever calls them', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const meeting = DEMO_MEETING.id;
    const ids: Record<string, string> = {
      meetingId: meeting,
      '/api/proposals/': await firstId(secretariat, `/api/meetings/${meeting}/proposals`),
      '/api/polls/': await firstId(secretariat, `/api/meetings/${meeting}/polls`),
      '/p/': await firstId(secretariat, `/api/meetings/${meeting}/polls`),
      '/api/working-groups/': await firstId(secretariat, `/api/meetings/${meeting}/working-groups`),
      '/api/actions/': await firstId(secretariat, `/api/meetings/${meeting}/actions`),
    };
    const query: Record<string, string> = {
      '/api/threads': `?doc=agenda:${meeting}`,
      '/api/members': '?q=a',
      '/api/meetings/:meetingId/versions/diff': '?from=current&to=current',
    };
    const routes = server.app.routes.filter(
      (route) => route.method === 'GET' && (route.url.startsWith('/api/') || route.url.startsWith('/p/')),
    );
    expect(routes.length).toBeGreaterThan(25);

    // Sign everyone in first: signing in writes a session, which is a POST's business.
    const sessions = await Promise.all(
      ['secretariat', 'chair', 'kwame', 'tomas'].map((name) => login(server.baseUrl, `${name}@example.org`)),
    );
    const before = await storeDigest();
    const statuses: string[] = [];
    for (const session of [...sessions, null]) {
      for (const route of routes) {
        const prefix = Object.keys(ids).find((key) => key.startsWith('/') && route.url.startsWith(key));
        const path = route.url.replace(':meetingId', ids.meetingId!).replace(':id', prefix ? ids[prefix]! : 'unknown');
        const result = await http(
          server.baseUrl,
          'GET',
          `${path}${query[route.url] ?? ''}`,
          session ? { cookie: session.cookie } : {},
        );
        statuses.push(`${result.status} ${path}`);
        expect(result.status, `${route.url} as ${session?.user.email ?? 'nobody'}`).toBeLessThan(500);
      }
    }
    expect(await storeDigest()).toEqual(before);
    // The calls did reach their handlers: most of them answered 200 for the secretariat.
    expect(statuses.filter((status) => status.startsWith('200')).length).toBeGreaterThan(routes.length);
  });
});

describe('bad bodies', () => {
  it('get 400 or 413 on every writing route, and change nothing', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    // Sign-out takes no body: whatever it is sent, it signs out (that is not a change to refuse).
    const routes = server.app.routes.filter(
      (route) =>
        ['POST', 'PUT', 'PATCH'].includes(route.method) && route.url.startsWith('/api/') && route.url !== '/api/auth/logout',
    );
    expect(routes.length).toBeGreaterThan(20);
    const before = await storeDigest();
    const auditBefore = (await server.app.store.audit.list({}, 100_000)).length;
    for (const route of routes) {
      const path = route.url.replace(/:(\w+)/g, (_match, name: string) => (name === 'meetingId' ? DEMO_MEETING.id : 'x1'));
      for (const [label, body, expected] of [
        ['malformed JSON', '{"title": ', [400]],
        ['a JSON string instead of an object', '"hello"', [400, 404]],
        ['an oversized body', JSON.stringify({ title: 'x'.repeat(300 * 1024) }), [413]],
      ] as const) {
        const response = await fetch(`${server.baseUrl}${path}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', cookie: secretariat.cookie },
          body,
        });
        const text = await response.text();
        const answer = (text ? JSON.parse(text) : {}) as { error?: { code: string; message: string } };
        expect(expected as readonly number[], `${route.method} ${route.url} with ${label}: ${response.status}`).toContain(
          response.status,
        );
        expect(answer.error?.message, `${route.method} ${route.url} with ${label}`).toBeTruthy();
      }
    }
    // The one thing written: refused ballots are recorded in the audit log, by design.
    const { audit_log: _auditAfter, ...after } = await storeDigest();
    const { audit_log: _auditBefore, ...expected } = before;
    expect(after).toEqual(expected);
    const added = (await server.app.store.audit.list({}, 100_000)).slice(auditBefore);
    expect(added.map((entry) => entry.action).filter((action) => action !== 'poll.ballot.refused')).toEqual([]);
  });
});
