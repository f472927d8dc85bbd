/**
 * What the callback of a sign-in needs from its start (provider, state, nonce, PKCE verifier),
 * kept in the browser for ten minutes in an HttpOnly cookie signed with a secret all instances
 * share (so the callback may reach any instance). Only the provider's redirect brings the state
 * back; a forged or stale cookie is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const OIDC_STATE_COOKIE = 'plenary_oidc';
export const OIDC_STATE_TTL_MS = 10 * 60 * 1000;

export interface OidcState {
  /** Provider name. */
  p: string;
  state: string;
  nonce: string;
  verifier: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}

export class OidcStateSealer {
  private readonly secret: Buffer;

  constructor(secret: Buffer) {
    this.secret = secret;
  }

  seal(state: Omit<OidcState, 'e'>, now = Date.now()): string {
    const payload = Buffer.from(JSON.stringify({ ...state, e: now + OIDC_STATE_TTL_MS })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  open(value: string | undefined, now = Date.now()): OidcState | null {
    if (!value) return null;
    const [payload, signature] = value.split('.');
    if (!payload || !signature) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcState;
      return typeof state.e === 'number' && state.e > now ? state : null;
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
