/**
 * HTTP requests as a loaded page makes them: over a pool of kept-alive connections, with the
 * session cookie, JSON bodies. Shared by the load processes that cast ballots, upvote and comment.
 * A network error answers status -1 (the caller counts it as refused), never throws.
 */
import http from 'node:http';

export type Send = (method: string, path: string, cookie: string, body?: string) => Promise<{ status: number; text: string }>;

/** `send` makes a request; `close` ends the pool's connections once the load is done. */
export function keepAliveClient(baseUrl: string, maxSockets: number): { send: Send; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
  const base = new URL(baseUrl);
  const send: Send = (method, path, cookie, body) =>
    new Promise((resolve) => {
      const request = http.request(
        {
          host: base.hostname,
          port: base.port,
          path,
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
  return { send, close: () => agent.destroy() };
}
