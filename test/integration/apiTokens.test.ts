/** Personal API tokens on REST: created once, listed without the token, scoped, revoked at once. */
import { describe, expect, it } from 'vitest';
import { MAX_LIVE_TOKENS, TOKEN_CREATIONS_PER_MINUTE } from '../../server/src/apiTokens/apiTokenPolicy.ts';
import { ApiTokenStore } from '../../server/src/apiTokens/apiTokenStore.ts';
import { http, login, sleep } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, call } = serverSuite();

const bearer = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(server.baseUrl, method, path, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(body === undefined ? {} : { body }),
  });

describe('API tokens', () => {
  it('are shown once, stored hashed, listed with their last use, and authenticate REST calls', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const created = await call(mei, 'POST', '/api/tokens', {
      name: 'Spreadsheet',
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^plt_[A-Za-z0-9_-]{43}$/);

    const row = await server.app.store.db.get<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = ?', [
      created.body.id,
    ]);
    expect(row!.token_hash).not.toContain(created.body.token.slice(4));

    let listed = await call(mei, 'GET', '/api/tokens');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(listed.body[0]).toMatchObject({
      id: created.body.id,
      name: 'Spreadsheet',
      scopes: ['read'],
      lastUsedAt: null,
      revokedAt: null,
    });

    const me = await bearer(created.body.token, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('mei@example.org');
    listed = await call(mei, 'GET', '/api/tokens');
    expect(listed.body[0].lastUsedAt).toBeGreaterThan(0);

    // Someone else's list does not have it, and cannot revoke it.
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    expect((await call(kwame, 'GET', '/api/tokens')).body.some((token: { id: string }) => token.id === created.body.id)).toBe(
      false,
    );
    expect((await call(kwame, 'DELETE', `/api/tokens/${created.body.id}`)).status).toBe(404);
  });

  it('enforce scopes: read is GET only, write allows commands, admin is the secretariat’s and needed for its routes', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const read = (await call(mei, 'POST', '/api/tokens', { name: 'read', scopes: ['read'] })).body.token;
    const write = (await call(mei, 'POST', '/api/tokens', { name: 'write', scopes: ['write'] })).body.token;
    const refused = await bearer(read, 'POST', '/api/collab-token', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TOKEN_SCOPE');
    // A bearer request carries no cookie: an Origin does not make it cross-site.
    expect((await bearer(write, 'POST', '/api/collab-token', {}, { origin: 'https://elsewhere.example' })).status).toBe(200);

    const memberAdmin = await call(mei, 'POST', '/api/tokens', { name: 'admin', scopes: ['admin'] });
    expect(memberAdmin.status).toBe(403);
    expect(memberAdmin.body.error.code).toBe('TOKEN_SCOPE');

    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const plain = (await call(secretariat, 'POST', '/api/tokens', { name: 'plain', scopes: ['write'] })).body.token;
    const admin = (await call(secretariat, 'POST', '/api/tokens', { name: 'admin', scopes: ['admin'] })).body.token;
    const withoutAdmin = await bearer(plain, 'GET', '/api/users');
    expect(withoutAdmin.status).toBe(403);
    expect(withoutAdmin.body.error.code).toBe('TOKEN_SCOPE');
    expect((await bearer(admin, 'GET', '/api/users')).status).toBe(200);

    // A token cannot make or list tokens: that needs the signed-in person.
    expect((await bearer(write, 'POST', '/api/tokens', { name: 'more', scopes: ['write'] })).status).toBe(403);
    expect((await bearer(write, 'GET', '/api/tokens')).status).toBe(403);
    // The token is not a session cookie.
    expect((await http(server.baseUrl, 'GET', '/api/me', { cookie: `plenary_session=${write}` })).status).toBe(401);
  });

  it('need, per operation, the scope the OpenAPI document states, admin and the secretariat for the secretariat’s routes', async () => {
    const { body: openapi } = await http(server.baseUrl, 'GET', '/api/openapi.json');
    type Operation = { 'x-token-scope'?: string; description?: string };
    const operation = (method: string, path: string): Operation => openapi.paths[path][method];
    expect(operation('get', '/api/users')['x-token-scope']).toBe('admin');
    expect(operation('get', '/api/users').description).toContain('API token scope: admin');
    expect(operation('get', '/api/users').description).toContain('secretariat');
    expect(operation('patch', '/api/users/{id}')['x-token-scope']).toBe('admin');
    expect(operation('get', '/api/audit-log')['x-token-scope']).toBe('admin');
    expect(operation('post', '/api/webhooks')['x-token-scope']).toBe('admin');
    // Meetings, calls and working-group administration are the secretariat's alone (their services
    // refuse everyone else): admin. Running a group's election stays the chair's too: write.
    expect(operation('post', '/api/meetings')['x-token-scope']).toBe('admin');
    expect(operation('delete', '/api/meetings/{meetingId}')['x-token-scope']).toBe('admin');
    expect(operation('patch', '/api/calls/{id}')['x-token-scope']).toBe('admin');
    expect(operation('post', '/api/working-groups/{id}/archive')['x-token-scope']).toBe('admin');
    expect(operation('post', '/api/working-groups/{id}/elections')['x-token-scope']).toBe('write');
    expect(operation('get', '/api/meetings')['x-token-scope']).toBe('read');
    expect(operation('post', '/api/collab-token')['x-token-scope']).toBe('write');
    // Token management and open routes take no token: they state no scope.
    expect(operation('post', '/api/tokens')['x-token-scope']).toBeUndefined();
    expect(operation('post', '/api/auth/login')['x-token-scope']).toBeUndefined();

    // What the document says is what bearerAuth does: every operation it marks admin refuses the
    // secretariat's read and write tokens (TOKEN_SCOPE) and a member's write token, and lets the
    // secretariat's admin token through. A command is sent with an empty body and ids that name
    // nothing, so the admin token gets a validation or not-found refusal and changes nothing.
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const mei = await login(server.baseUrl, 'mei@example.org');
    const tokenOf = async (who: typeof mei, scopes: string[]) =>
      (await call(who, 'POST', '/api/tokens', { name: `openapi ${scopes}`, scopes })).body.token as string;
    const [read, write, admin, memberWrite] = [
      await tokenOf(secretariat, ['read']),
      await tokenOf(secretariat, ['write']),
      await tokenOf(secretariat, ['admin']),
      await tokenOf(mei, ['write']),
    ];
    const adminOperations = Object.entries(openapi.paths as Record<string, Record<string, Operation>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => operation['x-token-scope'] === 'admin')
          .map(([method, operation]) => ({
            method: method.toUpperCase(),
            path: path.replace(/\{[^}]+\}/g, 'no-such-id'),
            body: method === 'get' || method === 'delete' ? undefined : {},
            operation,
          })),
    );
    const marked = adminOperations.map(({ method, path }) => `${method} ${path}`);
    expect(marked).toEqual(
      expect.arrayContaining([
        'GET /api/users',
        'GET /api/audit-log',
        'GET /api/webhooks',
        'POST /api/meetings',
        'PATCH /api/meetings/no-such-id',
        'POST /api/meetings/no-such-id/archive',
        'DELETE /api/meetings/no-such-id',
        'POST /api/meetings/no-such-id/calls',
        'PATCH /api/calls/no-such-id',
        'POST /api/meetings/no-such-id/working-groups',
        'PATCH /api/working-groups/no-such-id',
        'POST /api/working-groups/no-such-id/archive',
        'PUT /api/working-groups/no-such-id/roles/no-such-id',
        'DELETE /api/working-groups/no-such-id/roles/no-such-id',
      ]),
    );
    for (const { method, path, body } of adminOperations) {
      const label = `${method} ${path}`;
      for (const token of [read, write, memberWrite]) {
        const refused = await bearer(token, method, path, body);
        expect(refused.status, label).toBe(403);
        expect(refused.body.error.code, label).toBe('TOKEN_SCOPE');
      }
      const allowed = await bearer(admin, method, path, body);
      if (method === 'GET') expect(allowed.status, label).not.toBe(403);
      else expect([400, 404], `${label}: ${JSON.stringify(allowed.body)}`).toContain(allowed.status);
    }
    // A read token needs no more than read on a route the document says read.
    expect((await bearer(read, 'GET', '/api/meetings')).status).toBe(200);
  });

  it('are refused at once when revoked or expired, and check the expiry asked for', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const created = (await call(mei, 'POST', '/api/tokens', { name: 'to revoke', scopes: ['write'] })).body;
    expect((await bearer(created.token, 'GET', '/api/me')).status).toBe(200);
    expect((await call(mei, 'DELETE', `/api/tokens/${created.id}`)).status).toBe(204);
    const revoked = await bearer(created.token, 'GET', '/api/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('TOKEN_INVALID');
    expect(
      (await call(mei, 'GET', '/api/tokens')).body.find((token: { id: string }) => token.id === created.id).revokedAt,
    ).toBeGreaterThan(0);

    // Long enough for a loaded machine to create the token and use it once: with 800 ms, a pause there
    // made the creation a 400 (already past) or the first use a 401. Then exactly until the expiry the
    // server stored: it refuses from that millisecond on.
    const shortLived = await call(mei, 'POST', '/api/tokens', { name: 'short', scopes: ['read'], expiresAt: Date.now() + 5_000 });
    expect(shortLived.status).toBe(201);
    expect((await bearer(shortLived.body.token, 'GET', '/api/me')).status).toBe(200);
    await sleep(shortLived.body.expiresAt - Date.now());
    expect((await bearer(shortLived.body.token, 'GET', '/api/me')).status).toBe(401);

    expect((await bearer('plt_not-a-token', 'GET', '/api/me')).status).toBe(401);
    const past = await call(mei, 'POST', '/api/tokens', { name: 'past', scopes: ['read'], expiresAt: Date.now() - 1 });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual({ field: 'expiresAt' });
    expect((await call(mei, 'POST', '/api/tokens', { name: 'far', scopes: ['read'], expiresAt: '2099-01-01' })).status).toBe(400);
    expect((await call(mei, 'POST', '/api/tokens', { name: 'bad', scopes: ['everything'] })).status).toBe(400);
  });

  it('take an expiry date only if it exists: 31 April is refused (400), not read as 1 May, and no token is made', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    // The next 30 April still ahead: within the year a token may last, so only the date itself is wrong.
    const now = new Date();
    const year = now.getTime() < Date.UTC(now.getUTCFullYear(), 3, 30) ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
    const before = (await call<unknown[]>(mei, 'GET', '/api/tokens')).body.length;
    for (const expiresAt of [`${year}-04-31`, `${year}-04-31T12:00:00Z`]) {
      const refused = await call(mei, 'POST', '/api/tokens', { name: 'impossible', scopes: ['read'], expiresAt });
      expect(refused.status, expiresAt).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'expiresAt' } });
    }
    expect((await call<unknown[]>(mei, 'GET', '/api/tokens')).body).toHaveLength(before);
    // The day before exists: a date is the start of that day (UTC), an instant as given.
    const date = await call(mei, 'POST', '/api/tokens', { name: 'date', scopes: ['read'], expiresAt: `${year}-04-30` });
    expect(date.body.expiresAt).toBe(Date.UTC(year, 3, 30));
    const instant = await call(mei, 'POST', '/api/tokens', {
      name: 'instant',
      scopes: ['read'],
      expiresAt: `${year}-04-30T12:00:00+02:00`,
    });
    expect(instant.body.expiresAt).toBe(Date.UTC(year, 3, 30, 10));
  });

  it('are refused for a disabled account even while its session is live', async () => {
    // Disabling from the interface or the CLI also ends the sessions; a store changed otherwise
    // must still shut the account out: the token's session is read with its account.
    const olena = await login(server.baseUrl, 'olena@example.org');
    const created = (await call(olena, 'POST', '/api/tokens', { name: 'while disabled', scopes: ['read'] })).body;
    expect((await bearer(created.token, 'GET', '/api/me')).status).toBe(200);
    const { db } = server.app.store;
    await db.run("UPDATE users SET disabled = 1 WHERE email = 'olena@example.org'", []);
    try {
      const refused = await bearer(created.token, 'GET', '/api/me');
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('TOKEN_INVALID');
    } finally {
      await db.run("UPDATE users SET disabled = 0 WHERE email = 'olena@example.org'", []);
    }
    expect((await bearer(created.token, 'GET', '/api/me')).status).toBe(200);
  });

  it('are created at most a few a minute per person: the next creation gets 429, and another person is not held back', async () => {
    // Laura and Rahul make no other token in this file: the minute's count is theirs alone.
    const laura = await login(server.baseUrl, 'laura@example.org');
    for (let made = 0; made < TOKEN_CREATIONS_PER_MINUTE; made++) {
      expect((await call(laura, 'POST', '/api/tokens', { name: `script ${made}`, scopes: ['read'] })).status).toBe(201);
    }
    const refused = await call(laura, 'POST', '/api/tokens', { name: 'one too many', scopes: ['read'] });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const rahul = await login(server.baseUrl, 'rahul@example.org');
    expect((await call(rahul, 'POST', '/api/tokens', { name: 'calendar', scopes: ['read'] })).status).toBe(201);
  });

  it('are held at most MAX_LIVE_TOKENS live at once per person: the next one gets 409 TOKEN_LIMIT until one is revoked', async () => {
    // Made in the store, not through the route, which would stop at its per-minute limit first.
    const youssef = await login(server.baseUrl, 'youssef@example.org');
    const { id: userId } = (await call(youssef, 'GET', '/api/me')).body;
    const store = new ApiTokenStore(server.app.store.db);
    const expiresAt = Date.now() + 86_400_000;
    // An expired token and a revoked one do not count.
    await store.create({ userId, name: 'expired', scopes: ['read'], expiresAt: Date.now() - 1 }, undefined, Date.now() - 1_000);
    const revoked = await store.create({ userId, name: 'revoked', scopes: ['read'], expiresAt });
    await store.revoke(revoked.apiToken);
    for (let made = 0; made < MAX_LIVE_TOKENS - 1; made++) {
      await store.create({ userId, name: `feed ${made}`, scopes: ['read'], expiresAt });
    }
    const last = await call(youssef, 'POST', '/api/tokens', { name: 'the last one', scopes: ['read'] });
    expect(last.status).toBe(201);
    const refused = await call(youssef, 'POST', '/api/tokens', { name: 'one too many', scopes: ['read'] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'TOKEN_LIMIT', details: { limit: MAX_LIVE_TOKENS } });
    const tokens = (await call(youssef, 'GET', '/api/tokens')).body as { name: string }[];
    expect(tokens.some((token) => token.name === 'one too many')).toBe(false);

    expect((await call(youssef, 'DELETE', `/api/tokens/${last.body.id}`)).status).toBe(204);
    expect((await call(youssef, 'POST', '/api/tokens', { name: 'in its place', scopes: ['read'] })).status).toBe(201);
  });
});
