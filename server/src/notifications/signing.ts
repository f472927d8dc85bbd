/**
 * Signed tokens of one-click unsubscribe links, and the Standard Webhooks signature
 * (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the endpoint's `whsec_` secret).
 */
import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe link turns off: one kind, or (`digest`) every kind that goes to the digest. */
export interface UnsubscribeClaim {
  userId: string;
  kind: string;
}

/**
 * `<payload>.<mac>`, short enough for a URL path segment: the payload is `userId:kind`, the MAC
 * is the first 16 bytes of an HMAC-SHA256 with the server's key.
 */
export function unsubscribeToken(key: Buffer, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(`${claim.userId}:${claim.kind}`).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The server's key as a KeyObject, made once: an HMAC from raw bytes imports the key each time (every email signs a link). */
const keyObjects = new WeakMap<Buffer, KeyObject>();

function mac(key: Buffer, payload: string): Buffer {
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = createSecretKey(key);
    keyObjects.set(key, keyObject);
  }
  return createHmac('sha256', keyObject).update(`unsubscribe.${payload}`).digest().subarray(0, 16);
}

export function readUnsubscribeToken(key: Buffer, token: string): UnsubscribeClaim | null {
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined) return null;
  const expected = mac(key, payload);
  const received = Buffer.from(given, 'base64url');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return null;
  const text = Buffer.from(payload, 'base64url').toString('utf8');
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return null;
  return { userId: text.slice(0, colon), kind: text.slice(colon + 1) };
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The webhook-signature header's value for one message. */
export function webhookSignature(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64')}`;
}
