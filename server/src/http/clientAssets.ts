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
import type { User } from '../users/userStore.ts';

/** The client's meeting page route, /meetings/:meetingId (client/src/app/App.tsx). */
const MEETING_PAGE = /^\/meetings\/([^/]+)\/?$/;
/** The meeting page and the pages under it (/meetings/:meetingId/registrations…). */
const MEETING_PAGES = /^\/meetings\/([^/]+)(\/|$)/;

export interface ClientAssetsOptions {
  root: string;
  /**
   * Whether the signed-in person may read the meeting (canReadMeeting; true for one that does not
   * exist, which the page itself says). A page of a meeting they may not read answers 404, as its API does.
   */
  readsMeeting?: (user: User, meetingId: string) => Promise<boolean>;
}

/** The meeting a page path names, or undefined (not a meeting's page, or not a decodable id). */
function meetingOfPage(url: string): string | undefined {
  const found = MEETING_PAGES.exec(url.split('?')[0] ?? '');
  if (!found) return undefined;
  try {
    return decodeURIComponent(found[1]!);
  } catch {
    return undefined;
  }
}

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

export async function clientAssets(app: FastifyInstance, options: ClientAssetsOptions): Promise<void> {
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
  app.setNotFoundHandler(async (request, reply) => {
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
      const meetingId = meetingOfPage(request.url);
      // The same page, which then says the meeting was not found (its API answers 404 too), with
      // the status of a meeting that does not exist: nothing of it is preloaded.
      if (
        request.user &&
        meetingId !== undefined &&
        options.readsMeeting &&
        !(await options.readsMeeting(request.user, meetingId))
      ) {
        return reply.status(404).header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
      }
      if (signedIn) reply.header('link', firstRequests(request.url));
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile(pageFile(request.url));
    }
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
