/**
 * One webhook delivery: a POST whose socket connects only to public addresses (publicOnlyLookup),
 * never follows a redirect, and gives up after a timeout. node:http rather than fetch, because
 * fetch offers no way to check the addresses it connects to.
 */
import http from 'node:http';
import https from 'node:https';
import { InternalAddressError, isInternalHost, publicOnlyLookup, webhookHost } from './webhookAddress.ts';

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** `http://127.0.0.1…` is allowed (tests only, WEBHOOKS_ALLOW_LOOPBACK_HTTP). */
  allowLoopbackHttp: boolean;
}

/** Resolves with the answer's status; rejects when the endpoint is refused or cannot be reached. */
export function postWebhook(post: WebhookPost): Promise<number> {
  const url = new URL(post.url);
  const host = webhookHost(url);
  const loopbackHttp = post.allowLoopbackHttp && url.protocol === 'http:' && host === '127.0.0.1';
  // An endpoint registered before a check existed, or a URL naming an address outright: the
  // lookup below is not called for an IP address, so it is checked here.
  if (!loopbackHttp && url.protocol !== 'https:') return Promise.reject(new Error('refused: not an https:// URL'));
  if (!loopbackHttp && isInternalHost(host)) return Promise.reject(new InternalAddressError(host, host));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: publicOnlyLookup,
        signal: AbortSignal.timeout(post.timeoutMs),
        agent: false,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(post.body);
  });
}
