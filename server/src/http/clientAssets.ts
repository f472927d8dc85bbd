/**
 * Serves the built client (dist/client): hashed assets cached for a year, index.html never
 * cached, and index.html for every page route so that deep links work. Text assets go out as
 * the Brotli or gzip copies the build wrote beside them (by Accept-Encoding); source maps are
 * not served.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function clientAssets(app: FastifyInstance, options: { root: string }): Promise<void> {
  const hasClient = fs.existsSync(path.join(options.root, 'index.html'));
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
    if (isPage) return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
