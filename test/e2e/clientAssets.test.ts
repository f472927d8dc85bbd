/**
 * The built client as the server serves it (the e2e project builds it first): every page route
 * answers with index.html, never cached, to GET and HEAD alike, so deep links and link checkers
 * work; hashed assets are cached for a year; an unknown API route is a JSON 404, not the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

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
});
