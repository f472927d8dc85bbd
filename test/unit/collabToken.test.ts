import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COLLAB_TOKEN_TTL_MS, CollabTokens } from '../../server/src/auth/collabToken.ts';

describe('collab tokens', () => {
  const tokens = new CollabTokens(randomBytes(32));

  it('carries its claims and expires', () => {
    const { token, expiresAt } = tokens.issue({ u: 'user', s: 'session', d: 'agenda:m' }, 1_000);
    expect(expiresAt).toBe(1_000 + COLLAB_TOKEN_TTL_MS);
    expect(tokens.verify(token, 2_000)).toMatchObject({ u: 'user', s: 'session', d: 'agenda:m' });
    expect(tokens.verify(token, expiresAt)).toBeNull();
  });

  it('refuses a token signed with another secret, or altered', () => {
    const { token } = new CollabTokens(randomBytes(32)).issue({ u: 'user', s: 'session' });
    expect(tokens.verify(token)).toBeNull();
    const own = tokens.issue({ u: 'user', s: 'session' }).token;
    const [v, payload, signature] = own.split('.');
    const altered = Buffer.from(JSON.stringify({ u: 'admin', s: 'session', e: Date.now() + 60_000 })).toString('base64url');
    expect(tokens.verify(`${v}.${altered}.${signature}`)).toBeNull();
    expect(tokens.verify(`${v}.${payload}`)).toBeNull();
    expect(tokens.verify('')).toBeNull();
  });
});
