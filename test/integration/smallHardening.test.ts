/**
 * The smaller findings of the second hardening round: malformed addresses and unsupported bodies
 * answer the project's error envelope with their own codes, and /metrics is for operators only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

let direct: TestServer;
let proxied: TestServer;
const TOKEN = 'a-long-metrics-token-for-tests';

beforeAll(async () => {
  direct = await startServer({ seed: false });
  // Behind one proxy hop; the monitoring network is 192.0.2.0/24.
  proxied = await startServer({
    seed: false,
    env: { TRUST_PROXY: '1', METRICS_ALLOW: '192.0.2.0/24, 2001:db8::1', METRICS_TOKEN: TOKEN },
  });
});
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

describe('malformed requests', () => {
  it('answer a malformed percent-encoding in the path with the project envelope', async () => {
    for (const path of ['/api/meetings/%E0%A4%A', '/%zz', '/api/proposals/%']) {
      const result = await http(direct.baseUrl, 'GET', path);
      expect(result.status, path).toBe(400);
      expect(result.body, path).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/percent-encoding/) } });
    }
  });

  it('answer an unsupported body type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const result = await fetch(`${direct.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<login/>',
    });
    expect(result.status).toBe(415);
    expect(await result.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } });
  });
});

describe('/metrics', () => {
  const metrics = (server: TestServer, headers: Record<string, string> = {}) =>
    http(server.baseUrl, 'GET', '/metrics', { headers });

  it('is served to the loopback by default', async () => {
    const result = await metrics(direct);
    expect(result.status).toBe(200);
    expect(String(result.body)).toContain('plenary_ws_connections');
  });

  it('is refused to other addresses, even ones claiming to be the loopback through the proxy', async () => {
    for (const forwarded of ['198.51.100.7', '127.0.0.1, 198.51.100.7', '::ffff:203.0.113.1']) {
      const result = await metrics(proxied, { 'x-forwarded-for': forwarded });
      expect(result.status, forwarded).toBe(403);
      expect(result.body.error.code).toBe('METRICS_NOT_ALLOWED');
      expect(String(result.body)).not.toContain('plenary_');
    }
    // The default (loopback only) refuses a client behind the proxy as well.
    const defaults = await startServer({ seed: false, env: { TRUST_PROXY: '1' } });
    try {
      expect((await metrics(defaults, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(403);
    } finally {
      await defaults.close();
    }
  });

  it('is served to the configured addresses, and to anyone with the token', async () => {
    expect((await metrics(proxied, { 'x-forwarded-for': '192.0.2.44' })).status).toBe(200);
    expect((await metrics(proxied, { 'x-forwarded-for': '2001:db8::1' })).status).toBe(200);
    expect((await metrics(proxied, { 'x-forwarded-for': '198.51.100.7', authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await metrics(proxied, { 'x-forwarded-for': '198.51.100.7', authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
    expect((await metrics(proxied, { 'x-forwarded-for': '198.51.100.7', authorization: TOKEN })).status).toBe(403);
  });
});
