/**
 * Serves the built client (dist/client): hashed assets cached for a year, index.html never
 * cached, and index.html for every page route so that deep links work (meeting.html for a meeting
 * page: the same, preloading that page's code as well). Text assets go out as
 * the Brotli or gzip copies the build wrote beside them (by Accept-Encoding); source maps are
 * not served.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { SIGNED_IN_HINT_COOKIE } from '../../../shared/constants/users.ts';

/** The client's meeting page route, /meetings/:meetingId (client/src/app/App.tsx). */
const MEETING_PAGE = /^\/meetings\/([^/]+)\/?$/;

/**
 * The API reads the page's first screen starts with (client/src/app/firstScreen.ts), as preloads
 * in a Link header: the browser asks for them with the HTML's scripts, not after running them,
 * and the page's own fetch of the same path takes the answer (issue #15).
 */
function firstRequests(url: string): string {
  const paths = ['/api/me'];
  const meeting = MEETING_PAGE.exec(url.split('?')[0] ?? '');
  if (meeting) {
    try {
      paths.push(`/api/meetings/${encodeURIComponent(decodeURIComponent(meeting[1]!))}`);
    } catch {
      // Not a meeting id: the page says so.
    }
  }
  return paths.map((p) => `<${p}>; rel=preload; as=fetch; crossorigin`).join(', ');
}

export async function clientAssets(app: FastifyInstance, options: { root: string }): Promise<void> {
  const hasClient = fs.existsSync(path.join(options.root, 'index.html'));
  // The meeting page's own copy of index.html, which also preloads its code (scripts/vite/pagePreloads.ts).
  const hasMeetingPage = fs.existsSync(path.join(options.root, 'meeting.html'));
  const pageFile = (url: string) =>
    hasMeetingPage && MEETING_PAGE.test(url.split('?')[0] ?? '') ? 'meeting.html' : 'index.html';
  if (hasClient) {
    await app.register(fastifyStatic, {
      root: options.root,
      wildcard: false,
      index: false,
      preCompressed: true,
      // Source maps stay on the server (vite.config.ts builds them "hidden").
      allowedPath: (pathName) => !pathName.endsWith('.map'),
      setHeaders(reply, filePath) {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      !path.extname(request.url.split('?')[0] ?? '') &&
      hasClient;
    if (isPage) {
      // The hint the page's script reads says what this request's session is (an expired or
      // revoked one clears it), and only a signed-in visitor gets the API's reads preloaded: a
      // signed-out one would be refused them (401s in the console before the sign-in page).
      const signedIn = Boolean(request.user);
      if (signedIn !== Boolean(request.cookies?.[SIGNED_IN_HINT_COOKIE])) {
        app.setSignedInHint(reply, signedIn);
      }
      if (signedIn) reply.header('link', firstRequests(request.url));
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile(pageFile(request.url));
    }
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
