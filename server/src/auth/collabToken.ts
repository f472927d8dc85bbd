/**
 * Short-lived tokens for the WebSocket: `v1.<payload>.<hmac>`, signed with a secret that all
 * instances share through the store. A token names its session, so signing out (which revokes
 * the session) also invalidates every token issued to it; it may be bound to one document.
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

export const COLLAB_TOKEN_TTL_MS = 5 * 60 * 1000;

export interface CollabTokenClaims {
  /** User id. */
  u: string;
  /** Session id. */
  s: string;
  /** Document name the token is bound to, if any. */
  d?: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}

export class CollabTokens {
  /** A KeyObject made once: createHmac would otherwise convert the Buffer on every token. */
  private readonly secret: KeyObject;

  constructor(secret: Buffer) {
    this.secret = createSecretKey(secret);
  }

  issue(claims: Omit<CollabTokenClaims, 'e'>, now = Date.now()): { token: string; expiresAt: number } {
    const full: CollabTokenClaims = { ...claims, e: now + COLLAB_TOKEN_TTL_MS };
    const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
    return { token: `v1.${payload}.${this.sign(payload)}`, expiresAt: full.e };
  }

  /** The claims of a genuine, unexpired token, or null. */
  verify(token: string, now = Date.now()): CollabTokenClaims | null {
    const [version, payload, signature] = token.split('.');
    if (version !== 'v1' || !payload || !signature) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let claims: CollabTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CollabTokenClaims;
    } catch {
      return null;
    }
    if (typeof claims.u !== 'string' || typeof claims.s !== 'string' || typeof claims.e !== 'number') return null;
    if (claims.d !== undefined && typeof claims.d !== 'string') return null;
    return claims.e > now ? claims : null;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
