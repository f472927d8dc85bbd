import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleBudget } from './scripts/vite/bundleBudget.ts';
import { pagePreloads } from './scripts/vite/pagePreloads.ts';
import { precompress } from './scripts/vite/precompress.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The client is built into dist/client, which the server serves. `npm run dev` proxies the API to it. */
const backend = process.env.PLENARY_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  root: path.join(here, 'client'),
  plugins: [
    react(),
    bundleBudget(path.join(here, 'client/budget.json')),
    // meeting.html: index.html that also preloads the socket the page opens first and Yjs, sent for
    // /meetings/:id. Not the meeting page's code: the entry asks for it as soon as it runs
    // (client/src/app/firstScreen.ts), so that on a slow link the entry's chunk arrives first instead
    // of sharing the link with the editor's (issue #15, bench S13; docs/interface.md "First load").
    pagePreloads({ 'meeting.html': ['collab/socket.ts'] }),
    precompress(),
  ],
  build: {
    outDir: path.join(here, 'dist/client'),
    emptyOutDir: true,
    // Maps are written for debugging a production build here, but not referenced from the
    // bundles, and the server does not serve them (server/src/http/clientAssets.ts).
    sourcemap: 'hidden',
    // .vite/manifest.json: which files each entry loads (the budget test reads it).
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry imports statically in one chunk beside it, not a dozen small ones
          // shared with lazy pages: over HTTP/1.1's six connections each file costs a round trip
          // (issue #15, bench S13).
          groups: [{ name: 'app', tags: ['$initial'], test: (id) => !/index\.html|main\.tsx/.test(id) }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/collab': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
});
