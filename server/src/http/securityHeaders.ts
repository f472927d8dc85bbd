/**
 * Security headers (helmet), with the strict Content-Security-Policy that the built client runs
 * under: scripts, styles, images and connections from this origin only (and its WebSocket), no
 * plugins, no framing.
 *
 * The client's hashed scripts and stylesheets (`/assets/*.js`, `*.css`) get only the headers that mean
 * something on a subresource: `X-Content-Type-Options: nosniff` (a script or stylesheet is run
 * only with its own type), `Cross-Origin-Resource-Policy: same-origin` (another site cannot embed
 * them) and `Referrer-Policy` (a stylesheet's own requests follow it). The policy, framing and
 * isolation headers apply to the document (the client runs no workers), and HSTS is taken from the
 * page's own response: on a slow link the 600-odd bytes they took were sent again with each of the
 * 15 files of a meeting page's first load (issue #15, bench S13). Every other response (pages, the
 * API, attachments, errors) gets them all.
 *
 * helmet decides the headers, once, as the server starts: none of them depends on the request
 * (the policy has no nonce), so each request gets the same precomputed set. @fastify/helmet made
 * the middleware again for every request, parsing the policy each time (1–2 % of the server's time
 * while 2,000 ballots arrive, S7); running helmet's made middleware per request still cost a
 * chain of 13 calls and a `setHeader` on the raw response per header (about 30 µs of CPU a
 * request in a perf profile of S16's comments, of which Fastify's `reply.headers` takes back
 * about 10). They go in Fastify's own headers of the reply, written with its others in one
 * `writeHead`; a route that sets one of them still overrides it, as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The built client's content-hashed scripts and stylesheets (vite.config.ts), served by
 * clientAssets.ts. By extension, not by folder: a path under /assets/ without one gets the
 * page (index.html), which needs the policy.
 */
const HASHED_ASSET = /^\/assets\/[\w.-]+\.(?:js|css)(?:\?|$)/;

/** What the hashed scripts and stylesheets get (see above). */
const ASSET_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/**
 * The headers helmet's middleware sets with these options, by lower-case name: it is run once on
 * a response that only records them. Throws when it fails (a policy helmet refuses), as it did
 * when the server started.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  let ran = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    ran = true;
    failure = error;
  });
  if (failure) throw failure;
  if (!ran) throw new Error('helmet did not finish synchronously: its headers cannot be precomputed');
  return Object.freeze(headers);
}

export function addSecurityHeaders(http: FastifyInstance, publicOrigins: readonly string[]): void {
  const pageHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", ...publicOrigins.map((origin) => origin.replace(/^http/, 'ws'))],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  http.addHook('onRequest', (request, reply, done) => {
    const asset = (request.method === 'GET' || request.method === 'HEAD') && HASHED_ASSET.test(request.url);
    reply.headers(asset ? ASSET_HEADERS : pageHeaders);
    done();
  });
}
