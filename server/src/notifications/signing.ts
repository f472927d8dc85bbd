/**
 * Signed tokens of one-click unsubscribe links, and the Standard Webhooks signature
 * (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the endpoint's `whsec_` secret).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe link turns off: one kind, or (`digest`) every kind that goes to the digest. */
export interface UnsubscribeClaim {
  userId: string;
  kind: string;
}

export function unsubscribeToken(key: Buffer, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify({ u: claim.userId, k: claim.kind })).toString('base64url');
  const mac = createHmac('sha256', key).update(`unsubscribe.${payload}`).digest('base64url');
  return `${payload}.${mac}`;
}

export function readUnsubscribeToken(key: Buffer, token: string): UnsubscribeClaim | null {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const expected = createHmac('sha256', key).update(`unsubscribe.${payload}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; k?: unknown };
    if (typeof parsed.u !== 'string' || typeof parsed.k !== 'string') return null;
    return { userId: parsed.u, kind: parsed.k };
  } catch {
    return null;
  }
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The webhook-signature header's value for one message. */
export function webhookSignature(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64')}`;
}
