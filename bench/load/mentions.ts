/**
 * A burst of comments (S16), run inside a load generator: each comment is a POST of JSON with its
 * author's session cookie, sent on a fixed schedule (open loop: a slow answer does not delay the
 * next comment) over keep-alive connections, as from the authors' open meeting pages.
 */
import http from 'node:http';
import { nowUs, sleep } from '../lib/clock.ts';

/** Keep-alive connections the authors' process keeps open to the server. */
const CONNECTIONS = 100;

export function mentionHandlers() {
  return {
    /**
     * Request k at startAt + k × spacing. Returns each request's start and end (µs), its HTTP
     * status, and the `id` of each answer (the new thread's), '' when there was none.
     */
    async postComments({
      baseUrl,
      path,
      requests,
      startAtUs,
      spacingUs,
    }: {
      baseUrl: string;
      path: string;
      requests: { cookie: string; body: unknown }[];
      startAtUs: number;
      spacingUs: number;
    }) {
      const started = new Float64Array(requests.length);
      const ended = new Float64Array(requests.length);
      const statuses = new Int32Array(requests.length);
      const ids: string[] = requests.map(() => '');
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, keepAliveMsecs: 10_000 });
      const base = new URL(baseUrl);
      const send = (method: 'GET' | 'POST', target: string, cookie: string, body?: string) =>
        new Promise<{ status: number; text: string }>((resolve) => {
          const request = http.request(
            {
              host: base.hostname,
              port: base.port,
              path: target,
              method,
              agent,
              headers: {
                cookie,
                ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
              },
            },
            (response) => {
              let text = '';
              response.setEncoding('utf8');
              response.on('data', (chunk: string) => (text += chunk));
              response.on('end', () => resolve({ status: response.statusCode ?? -1, text }));
              response.on('error', () => resolve({ status: -1, text }));
            },
          );
          request.on('error', () => resolve({ status: -1, text: '' }));
          request.end(body);
        });
      // Open the pool as pages that have loaded do (who am I?).
      await Promise.all(requests.slice(0, CONNECTIONS).map((request) => send('GET', '/api/me', request.cookie)));
      const pending: Promise<void>[] = [];
      for (let k = 0; k < requests.length; k++) {
        const request = requests[k]!;
        const wait = (startAtUs + k * spacingUs - nowUs()) / 1000;
        if (wait > 0.5) await sleep(wait);
        started[k] = nowUs();
        pending.push(
          send('POST', path, request.cookie, JSON.stringify(request.body)).then(({ status, text }) => {
            ended[k] = nowUs();
            statuses[k] = status;
            if (status < 300) {
              try {
                ids[k] = String((JSON.parse(text) as { id?: unknown }).id ?? '');
              } catch {
                ids[k] = '';
              }
            }
          }),
        );
      }
      await Promise.all(pending);
      agent.destroy();
      return { started, ended, statuses, ids };
    },
  };
}
