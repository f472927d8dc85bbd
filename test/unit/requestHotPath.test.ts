/**
 * What every request computes, made cheaper without changing what it gives (issue #20, S16): the
 * security headers are helmet's own, decided once; a session cookie's stored id is the same SHA-256
 * as before (sessions already stored keep working); the ids of notifications are random bytes
 * from the CSPRNG as before, drawn from a pool.
 */
import { createHash } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/src/auth/sessionStore.ts';
import { helmetHeaders } from '../../server/src/http/securityHeaders.ts';
import { randomId } from '../../server/src/storage/randomIds.ts';

describe('precomputed security headers', () => {
  it('are exactly the headers helmet’s middleware sets on a real response', () => {
    const options = {
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], connectSrc: ["'self'", 'wss://board.example.org'] } },
      crossOriginEmbedderPolicy: false,
    };
    const response = new ServerResponse(new IncomingMessage(new Socket()));
    let done = false;
    helmet(options)(response.req, response, () => {
      done = true;
    });
    expect(done).toBe(true);
    const expected = Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
    expect(helmetHeaders(options)).toEqual(expected);
    expect(Object.keys(expected)).toContain('content-security-policy');
  });

  it('refuse, as the server’s start did, a policy helmet refuses', () => {
    expect(() => helmetHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'; script-src *"] } } })).toThrow();
  });
});

describe('a session cookie’s stored id', () => {
  it('is the base64url SHA-256 of the secret, as stored sessions were hashed', () => {
    for (const secret of ['', 'abc', 'x'.repeat(43), 'é€😀']) {
      expect(hashSecret(secret)).toBe(createHash('sha256').update(secret).digest('base64url'));
    }
  });
});

describe('pooled random ids', () => {
  it('have the length and alphabet of randomBytes(n) in base64url, and do not repeat across refills of the pool', () => {
    const seen = new Set<string>();
    // 12 bytes each: 1,000 ids draw about three pools' worth.
    for (let i = 0; i < 1000; i++) {
      const id = randomId(12);
      expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(1000);
    expect(randomId(9)).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(() => randomId(0)).toThrow(RangeError);
  });
});
