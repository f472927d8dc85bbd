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
 * helmet's middleware is made once, here. @fastify/helmet makes it again for every request,
 * parsing the policy each time: 1–2 % of the server's time while 2,000 ballots arrive (S7).
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * The built client's content-hashed scripts and stylesheets (vite.config.ts), served by
 * clientAssets.ts. By extension, not by folder: a path under /assets/ without one gets the
 * page (index.html), which needs the policy.
 */
const HASHED_ASSET = /^\/assets\/[\w.-]+\.(?:js|css)(?:\?|$)/;

export function addSecurityHeaders(http: FastifyInstance, publicOrigins: readonly string[]): void {
  const setHeaders = helmet({
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
  // Set on the raw response before Fastify writes its own headers, which it merges with these.
  http.addHook('onRequest', (request, reply, done) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && HASHED_ASSET.test(request.url)) {
      reply.raw.setHeader('x-content-type-options', 'nosniff');
      reply.raw.setHeader('cross-origin-resource-policy', 'same-origin');
      reply.raw.setHeader('referrer-policy', 'no-referrer');
      return done();
    }
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
