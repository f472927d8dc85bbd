/**
 * The built client as the server serves it (the e2e project builds it first): every page route
 * answers with index.html, never cached, to GET and HEAD alike, so deep links and link checkers
 * work; hashed assets are cached for a year; an unknown API route is a JSON 404, not the page.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { login } from '../helpers/clients.ts';
import { ROOT, startServer, type TestServer } from '../helpers/testServer.ts';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with exactly these headers and the body as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('the built client', () => {
  it('answers every page route with index.html, uncached, to GET and HEAD', async () => {
    for (const route of ['/', `/meetings/${DEMO_MEETING.id}`]) {
      const page = await fetch(`${server.baseUrl}${route}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const html = await page.text();
      expect(html).toContain('<div id="root">');
      const head = await fetch(`${server.baseUrl}${route}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toContain('text/html');
      expect(await head.text()).toBe('');

      // The page's own script is a hashed asset, cached for a year.
      const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`${server.baseUrl}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const api = await fetch(`${server.baseUrl}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('NOT_FOUND');
  });

  it('sends a meeting page with its socket code and first reads preloaded, the sign-in page without them', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/client/.vite/manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    // The socket the meeting page opens first, with Yjs and the provider (the chunk socket.ts imports).
    const socketChunk = manifest[manifest['src/collab/socket.ts']?.imports?.[0] ?? '']?.file;
    expect(socketChunk).toBeDefined();
    // The editor's chunk is not preloaded by the HTML itself, so that the entry's own chunk does not
    // share a slow link with it (issue #15), but by the page's next-wave script, below.
    const editorChunk = manifest['src/agenda/AgendaDocument.tsx']?.file;
    expect(editorChunk).toBeDefined();

    // The API's reads are preloaded for a signed-in visitor only: a signed-out one would be refused them.
    const { cookie } = await login(server.baseUrl, 'kwame@example.org');
    const meeting = await fetch(`${server.baseUrl}/meetings/${DEMO_MEETING.id}?tab=polls`, { headers: { cookie } });
    expect(meeting.status).toBe(200);
    const links = meeting.headers.get('link') ?? '';
    expect(links).toContain('</api/me>; rel=preload; as=fetch; crossorigin');
    expect(links).toContain(`</api/meetings/${encodeURIComponent(DEMO_MEETING.id)}>; rel=preload; as=fetch; crossorigin`);
    const meetingHtml = await meeting.text();
    expect(meetingHtml).toContain('<div id="root">');
    expect(meetingHtml).toContain(`<link rel="modulepreload" crossorigin href="/${socketChunk}">`);
    expect(meetingHtml).not.toContain(editorChunk);

    const front = await fetch(`${server.baseUrl}/`, { headers: { cookie } });
    expect(front.headers.get('link')).toBe('</api/me>; rel=preload; as=fetch; crossorigin');
    const signIn = await fetch(`${server.baseUrl}/`);
    expect(signIn.headers.get('link')).toBeNull();
    expect(signIn.headers.get('set-cookie')).toBeNull();
    expect(await signIn.text()).not.toContain(socketChunk);
    expect((await fetch(`${server.baseUrl}/meetings/${DEMO_MEETING.id}`)).headers.get('link')).toBeNull();
    // A page loaded with a session that is no longer valid clears the hint its script reads (shared/constants/users.ts).
    const stale = await fetch(`${server.baseUrl}/`, { headers: { cookie: 'plenary_session=gone; plenary_signed_in=1' } });
    expect(stale.headers.get('link')).toBeNull();
    expect(stale.headers.get('set-cookie')).toMatch(/^plenary_signed_in=;/);
    // Behind a proxy that ends TLS (the request reaches the server over plain HTTP), the page load
    // clears the hint as signing in set it, Secure: a browser keeps a Secure cookie that a plain one would replace.
    const behindProxy = await startServer({ env: { PUBLIC_ORIGIN: 'https://board.example.org' }, seed: false });
    try {
      const cleared = await fetch(`${behindProxy.baseUrl}/`, {
        headers: { cookie: 'plenary_session=gone; plenary_signed_in=1' },
      });
      expect(cleared.headers.get('set-cookie')).toMatch(/^plenary_signed_in=;.*; Secure/);
    } finally {
      await behindProxy.close();
    }
    // Only the meeting page itself: its sub-pages get index.html.
    expect(await (await fetch(`${server.baseUrl}/meetings/${DEMO_MEETING.id}/floor/present`)).text()).not.toContain(socketChunk);
  });

  it("loads the meeting page's and the editor's code in few files, asked for once the HTML's scripts but the largest have arrived", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/client/.vite/manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    const closure = (key: string, into = new Set<string>()): Set<string> => {
      if (into.has(key)) return into;
      into.add(key);
      for (const imported of manifest[key]?.imports ?? []) closure(imported, into);
      return into;
    };
    const loaded = closure('index.html', closure('src/collab/socket.ts'));
    const later = [...closure('src/agenda/AgendaDocument.tsx', closure('src/meetings/MeetingPage.tsx'))]
      .filter((key) => !loaded.has(key))
      .map((key) => manifest[key]!.file);
    // Over HTTP/1.1's six connections per host each file past six waits a round trip: the page and
    // its editor are one chunk each (and a re-export of each module the page imports), not the 16
    // files of the bundler's own split (vite.config.ts, scripts/vite/pageChunks.ts).
    expect(later.length).toBeLessThanOrEqual(4);

    // meeting.html's next-wave script names every one of them, the stylesheets they import too.
    const html = await (await fetch(`${server.baseUrl}/meetings/${DEMO_MEETING.id}`)).text();
    const next = html.match(/<script async src="(\/assets\/meeting-next-[^"]+\.js)"><\/script>/)?.[1];
    expect(next).toBeDefined();
    const script = await fetch(`${server.baseUrl}${next}`);
    expect(script.headers.get('content-type')).toContain('javascript');
    const source = await script.text();
    for (const file of later) expect(source).toContain(`"/${file}","script"`);
    const styles = [...closure('src/agenda/AgendaDocument.tsx')]
      .filter((key) => !loaded.has(key))
      .flatMap((key) => manifest[key]?.css ?? []);
    expect(styles.length).toBeGreaterThan(0);
    for (const file of styles) expect(source).toContain(`"/${file}","style"`);
    // It waits for every script the HTML names but the largest, the entry's chunk: the next wave's
    // first bytes then come as that one ends, not a round trip after (issue #15).
    const named = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    const largest = named.sort(
      (a, b) => fs.statSync(path.join(ROOT, 'dist/client', b)).size - fs.statSync(path.join(ROOT, 'dist/client', a)).size,
    )[0];
    expect(manifest['index.html']?.imports?.map((key) => manifest[key]!.file)).toContain(largest);
    expect(source).toContain(`!url.endsWith("/${largest}")`);
    // The sign-in page has none.
    expect(await (await fetch(`${server.baseUrl}/`)).text()).not.toContain('-next-');
  });

  it("sends scripts and styles with a subresource's security headers, the page and the API with all of them", async () => {
    const page = await fetch(`${server.baseUrl}/meetings/${DEMO_MEETING.id}`);
    const html = await page.text();
    const documentHeaders = (headers: Headers) => {
      expect(headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
    };
    documentHeaders(page.headers);
    documentHeaders((await fetch(`${server.baseUrl}/api/me`)).headers);
    // A path under /assets/ that is no file gets the page, and the page's policy with it.
    const notAFile = await fetch(`${server.baseUrl}/assets/no-such-page`);
    expect(await notAFile.text()).toContain('<div id="root">');
    documentHeaders(notAFile.headers);

    const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
    expect(files.some((file) => file.endsWith('.css'))).toBe(true);
    for (const file of files) {
      const asset = await fetch(`${server.baseUrl}${file}`, { headers: { 'accept-encoding': 'br' } });
      expect(asset.status).toBe(200);
      // What a script or stylesheet needs: its type is not sniffed, other sites cannot embed it.
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      expect(asset.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(asset.headers.get('referrer-policy')).toBe('no-referrer');
      // The document's own headers, which mean nothing on a subresource, are not repeated (issue #15).
      for (const name of [
        'content-security-policy',
        'x-frame-options',
        'cross-origin-opener-policy',
        'strict-transport-security',
      ])
        expect(asset.headers.get(name)).toBeNull();
    }
  });

  it('sends scripts and styles precompressed, Brotli or gzip as the browser accepts, and no source maps', async () => {
    const html = await (await fetch(`${server.baseUrl}/`)).text();
    // The largest script the page loads (its entry is a few hundred bytes, sent as it is).
    const script =
      [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)]
        .map((match) => match[1]!)
        .sort(
          (a, b) => fs.statSync(path.join(ROOT, 'dist/client', b)).size - fs.statSync(path.join(ROOT, 'dist/client', a)).size,
        )[0] ?? '';
    const plain = await rawGet(`${server.baseUrl}${script}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const brotli = await rawGet(`${server.baseUrl}${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toContain('javascript');
    expect(brotli.headers.vary?.toLowerCase()).toContain('accept-encoding');
    expect(zlib.brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);

    const gzip = await rawGet(`${server.baseUrl}${script}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    // The map sits beside the script in dist/ but is neither referenced nor served.
    expect(plain.body.toString()).not.toContain('sourceMappingURL');
    expect(fs.existsSync(path.join(ROOT, 'dist/client', `${script}.map`))).toBe(true);
    expect((await rawGet(`${server.baseUrl}${script}.map`)).status).toBe(404);
  });

  it('keeps the sign-in page within its JavaScript budget: 150 KB gzip, the editor and Yjs loaded later', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/client/.vite/manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
    const budget = JSON.parse(fs.readFileSync(path.join(ROOT, 'client/budget.json'), 'utf8')) as {
      entries: Record<string, { maxGzipJsBytes: number }>;
    };
    const seen = new Set<string>();
    const files: string[] = [];
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) throw new Error(`no manifest entry ${key}`);
      files.push(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    visit('index.html');
    const gzipBytes = files.reduce(
      (sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'dist/client', file))).length,
      0,
    );
    expect(budget.entries['index.html']?.maxGzipJsBytes).toBeLessThanOrEqual(150 * 1024);
    expect(gzipBytes).toBeLessThanOrEqual(150 * 1024);
    // What makes the meeting page heavy is not on the sign-in page.
    const signInCode = files.map((file) => fs.readFileSync(path.join(ROOT, 'dist/client', file), 'utf8')).join('\n');
    expect(signInCode).not.toContain('ProseMirror');
    expect(signInCode).not.toContain('HocuspocusProvider');
    // Nor the schema library: the client takes the API's constants from shared/constants/, which do
    // not import TypeBox, and only types from shared/schemas/ (issue #15). A chunk's map lists the
    // modules bundled in it; the bundler's runtime chunk has none and no map.
    const maps = files.map((file) => path.join(ROOT, 'dist/client', `${file}.map`)).filter((map) => fs.existsSync(map));
    const signInModules = maps.flatMap((map) => (JSON.parse(fs.readFileSync(map, 'utf8')) as { sources: string[] }).sources);
    expect(signInModules.some((source) => source.includes('client/src/main.tsx'))).toBe(true);
    expect(signInModules.filter((source) => source.includes('node_modules/typebox/'))).toEqual([]);
  });
});
