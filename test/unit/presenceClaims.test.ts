/**
 * PresenceClaims orders the claims of a client id: a higher clock wins, the time parts equal
 * clocks, an older claim heard late changes nothing, and a claim is forgotten after a while.
 * (Two real instances: test/integration/presenceClaimOrder.test.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLAIM_MEMORY_MS, type PresenceClaim, PresenceClaims } from '../../server/src/collab/presenceClaims.ts';

const claim = (clock: number, at: number, userId = 'kwame'): PresenceClaim => ({
  documentName: 'agenda:m1',
  clientId: 42,
  userId,
  clock,
  at,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('presence claims', () => {
  it('publishes a claim made here and ignores an older one heard after it', () => {
    const published: PresenceClaim[] = [];
    const claims = new PresenceClaims((made) => published.push(made));
    claims.claimedHere(claim(5, 2_000));
    expect(published).toEqual([claim(5, 2_000)]);
    expect(claims.heard(claim(4, 3_000))).toBe(false);
    expect(claims.heard(claim(5, 1_000))).toBe(false);
    expect(claims.heard(claim(5, 2_500))).toBe(true);
    expect(claims.heard(claim(6, 0))).toBe(true);
  });

  it('tells a state older than the latest claim of the same person, remembered before any state', () => {
    const claims = new PresenceClaims();
    expect(claims.heard(claim(7, 1_000))).toBe(true);
    expect(claims.superseded(claim(6, 5_000))).toBe(true);
    expect(claims.superseded(claim(7, 5_000))).toBe(false);
    expect(claims.superseded(claim(8, 0))).toBe(false);
    // Another person's word for the id is for the identity checks, not for the order.
    expect(claims.superseded(claim(6, 5_000, 'mei'))).toBe(false);
  });

  it('forgets a claim after a while', () => {
    vi.useFakeTimers({ now: 0 });
    const claims = new PresenceClaims();
    claims.claimedHere(claim(9, 0));
    vi.setSystemTime(CLAIM_MEMORY_MS + 1);
    expect(claims.superseded(claim(3, 0))).toBe(false);
    expect(claims.heard(claim(3, 0))).toBe(true);
  });
});
