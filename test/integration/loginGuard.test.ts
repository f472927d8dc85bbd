/**
 * Password guessing behind the shipped proxy: the client's address cannot be spoofed, guessing
 * one account and spraying many accounts are slowed, and a stranger cannot lock the owner out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, http } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { ROOT } from '../helpers/testServer.ts';

// One proxy hop, as in docker-compose.yml: the server believes only the last X-Forwarded-For entry.
const { server } = serverSuite({ env: { TRUST_PROXY: '1' } });

/** A sign-in as nginx would forward it: the client's own header first, the address nginx saw last. */
const signIn = (email: string, password: string, options: { realAddress: string; spoofed?: string; device?: string }) =>
  http(server.baseUrl, 'POST', '/api/auth/login', {
    body: { email, password },
    headers: {
      'x-forwarded-for': options.spoofed ? `${options.spoofed}, ${options.realAddress}` : options.realAddress,
      ...(options.device ? { cookie: options.device } : {}),
    },
  });

const deviceCookie = (headers: Headers): string => {
  const match = /plenary_device=[^;]+/.exec(headers.get('set-cookie') ?? '');
  if (!match) throw new Error('no device cookie');
  return match[0];
};

describe('the shipped proxy configuration', () => {
  it('sets X-Forwarded-For from the address nginx saw, and the app trusts exactly one hop', () => {
    const nginx = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(nginx).not.toContain('$proxy_add_x_forwarded_for');
    const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/TRUST_PROXY: "1"/);
  });
});

describe('password guessing', () => {
  it('slows 200 wrong passwords on one account whatever addresses they claim or come from', async () => {
    // A stranger, rotating both the address it claims and (through a botnet) the one nginx sees.
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const result = await signIn('rahul@example.org', `guess ${i}`, {
        spoofed: `203.0.113.${i % 250}`,
        realAddress: `198.51.${Math.floor(i / 250)}.${i % 250}`,
      });
      statuses.push(result.status);
      if (result.status === 429) {
        expect(result.body.error.code).toBe('RATE_LIMITED');
        // Slowed, never locked: the wait is at most a minute.
        expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(result.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      }
    }
    // Only the first few were even checked against the password.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(194);
  });

  it('slows spraying 100 accounts from one address, and leaves other addresses alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      // Claiming other addresses does not help: the server believes the address nginx saw.
      const result = await signIn(`someone.${i}@example.org`, 'Winter2026!', {
        spoofed: `192.0.2.${i}`,
        realAddress: '198.18.0.1',
      });
      statuses.push(result.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(79);
    const elsewhere = await signIn('someone.else@example.org', 'Winter2026!', { realAddress: '198.18.0.2' });
    expect(elsewhere.status).toBe(401);
  });

  it('never locks the owner out: their own browser signs in while a stranger hammers the account', async () => {
    // Laura signed in before from her laptop behind the venue's shared address.
    const first = await signIn('laura@example.org', DEMO_PASSWORD, { realAddress: '100.64.0.10' });
    expect(first.status).toBe(200);
    const laptop = deviceCookie(first.headers);
    // A stranger at the same venue (same address) guesses her password and sprays others.
    for (let i = 0; i < 40; i++) await signIn('laura@example.org', `guess ${i}`, { realAddress: '100.64.0.10' });
    for (let i = 0; i < 40; i++) await signIn(`attendee.${i}@example.org`, `guess ${i}`, { realAddress: '100.64.0.10' });
    const stranger = await signIn('laura@example.org', DEMO_PASSWORD, { realAddress: '100.64.0.10' });
    expect(stranger.status).toBe(429); // a new browser waits, even with the right password
    expect(Number(stranger.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Her laptop is not slowed by the stranger's failures.
    const own = await signIn('laura@example.org', DEMO_PASSWORD, { realAddress: '100.64.0.10', device: laptop });
    expect(own.status).toBe(200);
    // Others at the venue who signed in there before are not either.
    const colleague = await signIn('olena@example.org', DEMO_PASSWORD, { realAddress: '100.64.0.20' });
    expect(colleague.status).toBe(200);
    // A device cookie for another account grants nothing for this one.
    const borrowed = await signIn('laura@example.org', DEMO_PASSWORD, {
      realAddress: '100.64.0.10',
      device: deviceCookie(colleague.headers),
    });
    expect(borrowed.status).toBe(429);
  });

  it('refuses a forged device cookie', async () => {
    for (let i = 0; i < 6; i++) await signIn('kwame@example.org', `guess ${i}`, { realAddress: '100.64.1.1' });
    const forged = await signIn('kwame@example.org', DEMO_PASSWORD, {
      realAddress: '100.64.1.1',
      device: 'plenary_device=someone.abcdefabcdefabcd.not-a-signature',
    });
    expect(forged.status).toBe(429);
  });
});
