/** HTTP hardening: security headers, cookies, cross-site refusal and rate limits. */
import { describe, expect, it } from 'vitest';
import { http, login } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { startServer } from '../helpers/testServer.ts';

const { server } = serverSuite({ env: { RATE_LIMIT_PER_MINUTE: '40' } });

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and the usual protections', async () => {
    const { headers } = await http(server.baseUrl, 'GET', '/api/me');
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`connect-src 'self' ${server.origin.replace('http', 'ws')}`);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('are sent with refusals and errors too (signed out, cross-site, unknown route)', async () => {
    const refusals = [
      await http(server.baseUrl, 'GET', '/api/threads?doc=agenda:x'),
      await http(server.baseUrl, 'POST', '/api/threads', { headers: { origin: 'https://evil.example' }, body: {} }),
      await http(server.baseUrl, 'GET', '/api/no-such-route'),
    ];
    expect(refusals.map((result) => result.status)).toEqual([401, 403, 404]);
    for (const { headers } of refusals) {
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('cookies', () => {
  it('are Secure when the public origin is https', async () => {
    const tls = await startServer({ env: { PUBLIC_ORIGIN: 'https://board.example.org' } });
    try {
      const result = await http(tls.baseUrl, 'POST', '/api/auth/login', {
        body: { email: 'kwame@example.org', password: 'plenary-demo-2025' },
      });
      expect(result.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
      expect(result.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    } finally {
      await tls.close();
    }
  });

  it('are not Secure on plain http, so that local use works', async () => {
    const result = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'laura@example.org', password: 'plenary-demo-2025' },
    });
    expect(result.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});

describe('rate limits', () => {
  it('answer 429 with a clear message per user, and leave other users alone', async () => {
    const busy = await login(server.baseUrl, 'sofia@example.org');
    const calm = await login(server.baseUrl, 'ana@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await http(server.baseUrl, 'GET', '/api/me', { cookie: busy.cookie })).status);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    const refused = await http(server.baseUrl, 'GET', '/api/me', { cookie: busy.cookie });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.body.error.message).toMatch(/try again in/);
    expect((await http(server.baseUrl, 'GET', '/api/me', { cookie: calm.cookie })).status).toBe(200);
    // Health probes are never limited.
    expect((await http(server.baseUrl, 'GET', '/healthz')).status).toBe(200);
  });

  it('count anonymous requests per client address, trusting X-Forwarded-For only behind a declared proxy', async () => {
    const burst = async (base: string, forwardedFor: (i: number) => string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 45; i++) {
        statuses.push((await http(base, 'GET', '/api/me', { headers: { 'x-forwarded-for': forwardedFor(i) } })).status);
      }
      return statuses;
    };
    // Not behind a proxy: a client cannot escape its limit by inventing addresses.
    const direct = await burst(server.baseUrl, (i) => `203.0.113.${i}`);
    expect(direct).toContain(429);
    // Behind a proxy (TRUST_PROXY=1): each forwarded address has its own budget.
    const proxied = await startServer({ env: { RATE_LIMIT_PER_MINUTE: '40', TRUST_PROXY: '1' } });
    try {
      expect(await burst(proxied.baseUrl, (i) => `203.0.113.${i}`)).not.toContain(429);
      expect(await burst(proxied.baseUrl, () => '198.51.100.7')).toContain(429);
    } finally {
      await proxied.close();
    }
  });

  it('slow password guessing on one account without locking out the others', async () => {
    const attempts: number[] = [];
    for (let i = 0; i < 7; i++) {
      attempts.push(
        (await http(server.baseUrl, 'POST', '/api/auth/login', { body: { email: 'rahul@example.org', password: `guess ${i}` } }))
          .status,
      );
    }
    // Five free failures, then each attempt waits twice as long as the last (loginGuard.test.ts).
    expect(attempts.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(attempts.slice(5)).toEqual([429, 429]);
    const other = await http(server.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'olena@example.org', password: 'plenary-demo-2025' },
    });
    expect(other.status).toBe(200);
  });
});
