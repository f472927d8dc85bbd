/** The HTTP surface of the foundation: identity, health, metrics, OpenAPI, errors. */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { http, login } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server } = serverSuite();

describe('signing in', () => {
  it('answers a wrong password and an unknown email the same way', async () => {
    const wrongPassword = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'chair@example.org', password: 'not the password' },
    });
    const unknownEmail = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'nobody@example.org', password: 'not the password' },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('sets an HttpOnly, SameSite session cookie and answers /api/me', async () => {
    const result = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'CHAIR@example.org', password: 'plenary-demo-2025' },
    });
    expect(result.status).toBe(200);
    const cookie = result.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(result.body.user).toMatchObject({ name: 'Carlos Mendes', role: 'chair', group: 'government' });
    expect(result.body.user).not.toHaveProperty('passwordHash');
    const me = await http(server.baseUrl, 'GET', '/api/me', { cookie: cookie.split(';')[0] });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'chair@example.org', role: 'chair' });
  });

  it('revokes the session on the server at logout', async () => {
    const session = await login(server.baseUrl, 'kwame@example.org');
    expect((await http(server.baseUrl, 'POST', '/api/auth/logout', { cookie: session.cookie })).status).toBe(204);
    // The old cookie, replayed, no longer works.
    expect((await http(server.baseUrl, 'GET', '/api/me', { cookie: session.cookie })).status).toBe(401);
    expect((await http(server.baseUrl, 'POST', '/api/collab-token', { cookie: session.cookie })).status).toBe(401);
  });

  it('issues collab tokens only to a signed-in session', async () => {
    expect((await http(server.baseUrl, 'POST', '/api/collab-token')).status).toBe(401);
    const session = await login(server.baseUrl, 'kwame@example.org');
    const bare = await http(server.baseUrl, 'POST', '/api/collab-token', { cookie: session.cookie });
    expect(bare.status).toBe(200);
    expect(bare.body.token).toMatch(/^v1\./);
    const bad = await http(server.baseUrl, 'POST', '/api/collab-token', { cookie: session.cookie, body: { doc: 'secrets:1' } });
    expect(bad.status).toBe(400);
  });

  it('refuses a state-changing request from another site', async () => {
    const session = await login(server.baseUrl, 'kwame@example.org');
    const result = await http(server.baseUrl, 'POST', '/api/collab-token', {
      cookie: session.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe('CROSS_SITE');
  });
});

describe('meetings', () => {
  it('lists the demo consultation with its documents, for signed-in users only', async () => {
    expect((await http(server.baseUrl, 'GET', '/api/meetings')).status).toBe(401);
    const session = await login(server.baseUrl, 'hannah@example.org');
    const result = await http(server.baseUrl, 'GET', '/api/meetings', { cookie: session.cookie });
    expect(result.status).toBe(200);
    expect(result.body).toContainEqual(
      expect.objectContaining({
        id: DEMO_MEETING.id,
        title: 'IGF 2025 First Open Consultation and MAG Meeting',
        agendaDoc: `agenda:${DEMO_MEETING.id}`,
        liveDoc: `live:${DEMO_MEETING.id}`,
      }),
    );
    const missing = await http(server.baseUrl, 'GET', '/api/meetings/nope', { cookie: session.cookie });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});

describe('operations', () => {
  it('reports health, readiness and Prometheus metrics', async () => {
    expect(await http(server.baseUrl, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await http(server.baseUrl, 'GET', '/readyz')).toMatchObject({ status: 200, body: { checks: { store: 'ok' } } });
    const metrics = await http<string>(server.baseUrl, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    for (const name of [
      'plenary_ws_connections',
      'plenary_documents_loaded',
      'plenary_ws_messages_in_total',
      'plenary_ws_messages_out_total',
      'plenary_store_write_seconds',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(metrics.body).toContain(name);
    }
  });

  it('answers bad input with a clear 400 and malformed JSON too', async () => {
    const missing = await http(server.baseUrl, 'POST', '/api/auth/login', { body: { email: 'x@example.org' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('BAD_REQUEST');
    const response = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('BAD_REQUEST');
  });

  it('refuses an oversized body with 413', async () => {
    const result = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'x@example.org', password: 'x'.repeat(300 * 1024) },
    });
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('describes every route in the OpenAPI document', async () => {
    const { body: openapi } = await http(server.baseUrl, 'GET', '/api/openapi.json');
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(openapi.paths as Record<string, object>)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const routes = server.app.routes.filter(
      (route) => /^\/(api|collab|healthz|readyz|metrics)\b/.test(route.url) && !route.websocket,
    );
    // OpenAPI has no words for a WebSocket; the document names it in its description.
    expect(server.app.routes.some((route) => route.websocket && route.url === '/collab')).toBe(true);
    expect(openapi.info.description).toContain('GET /collab');
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      expect(route.documented, `${route.method} ${route.url} is hidden`).toBe(true);
      expect(documented, `${route.method} ${route.url}`).toContain(`${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
    }
  });

  it('says how to sign in: a session cookie or an API token everywhere, except on the open routes, which say none', async () => {
    const { body: openapi } = await http(server.baseUrl, 'GET', '/api/openapi.json');
    expect(openapi.components.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'plenary_session' },
      apiToken: { type: 'http', scheme: 'bearer' },
      metricsToken: { type: 'http', scheme: 'bearer' },
    });
    expect(openapi.security).toEqual([{ sessionCookie: [] }, { apiToken: [] }]);
    const operation = (method: string, url: string) =>
      openapi.paths[url.replace(/:(\w+)/g, '{$1}')][method.toLowerCase()] as { security?: unknown };
    const documented = server.app.routes.filter(
      (route) => /^\/(api|collab|healthz|readyz|metrics)\b/.test(route.url) && !route.websocket && route.documented,
    );
    const open = documented.filter((route) => route.open);
    expect(open.map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'GET /api/openapi.json', 'GET /healthz']),
    );
    for (const route of documented) {
      const { security } = operation(route.method, route.url);
      const name = `${route.method} ${route.url}`;
      if (route.url === '/metrics') expect(security, name).toEqual([{}, { metricsToken: [] }]);
      else if (route.url.startsWith('/api/tokens')) expect(security, name).toEqual([{ sessionCookie: [] }]);
      else if (route.open) expect(security, name).toEqual([]);
      // Inherits the document's: a session cookie or an API token.
      else expect(security, name).toBeUndefined();
    }
    // What the document says is what the server does: signed out, a closed route answers 401, an open one does not.
    const plainGets = documented.filter((route) => route.method === 'GET' && !route.url.includes(':'));
    for (const route of plainGets) {
      const { status } = await http(server.baseUrl, 'GET', route.url);
      if (route.open) expect(status, route.url).not.toBe(401);
      // A query string the route requires is checked before sign-in: 400 says nothing either way.
      else expect([400, 401], route.url).toContain(status);
    }
  });
});
