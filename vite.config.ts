import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { bundleBudget } from './scripts/vite/bundleBudget.ts';
import { pageChunks } from './scripts/vite/pageChunks.ts';
import { pagePreloads } from './scripts/vite/pagePreloads.ts';
import { precompress } from './scripts/vite/precompress.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The client is built into dist/client, which the server serves. `npm run dev` proxies the API to it. */
const backend = process.env.PLENARY_BACKEND ?? 'http://localhost:3000';
const source = (file: string) => path.join(here, 'client/src', file);

/**
 * `linkifyjs` (Tiptap's Link extension) resolves to client/src/editor/linkifyLater.ts, which loads
 * the package after the editor's chunk instead of inside it (issue #15); that module gets the real one.
 */
function linkifyLater(): Plugin {
  const later = source('editor/linkifyLater.ts');
  return {
    name: 'plenary:linkify-later',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === 'linkifyjs' && importer !== later) return later;
      return null;
    },
  };
}

export default defineConfig({
  root: path.join(here, 'client'),
  plugins: [
    react(),
    linkifyLater(),
    bundleBudget(path.join(here, 'client/budget.json')),
    // meeting.html: index.html that also preloads the socket the page opens first (with Yjs), sent for
    // /meetings/:id, and, once the HTML's scripts but the entry's chunk (the largest, then the only
    // download left) have arrived, the meeting page's and the editor's chunks: sooner, they would share
    // a slow link with the entry's chunk and delay it; later (when the entry runs and asks for them,
    // client/src/app/firstScreen.ts) leaves the link idle while it runs (issue #15, bench S13;
    // docs/interface.md "First load").
    pagePreloads({
      'meeting.html': { now: ['collab/socket.ts'], next: ['meetings/MeetingPage.tsx', 'agenda/AgendaDocument.tsx'] },
    }),
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
      preserveEntrySignatures: false,
      output: {
        codeSplitting: {
          // Everything the entry imports statically in one chunk beside it, not a dozen small ones
          // shared with lazy pages: over HTTP/1.1's six connections each file costs a round trip
          // (issue #15, bench S13).
          groups: [
            { name: 'app', tags: ['$initial'], test: (id) => !/index\.html|main\.tsx/.test(id), priority: 10 },
            // The socket with Yjs (the entry opens it before the meeting page's code has arrived,
            // client/src/app/firstScreen.ts), the meeting page and the agenda's editor: one chunk each,
            // not 16 files (scripts/vite/pageChunks.ts).
            ...pageChunks({
              entry: source('main.tsx'),
              parts: [
                { name: 'socket', root: source('collab/socket.ts') },
                { name: 'meeting', root: source('meetings/MeetingPage.tsx') },
                { name: 'editor', root: source('agenda/AgendaDocument.tsx') },
              ],
            }),
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/public': backend,
      '/collab': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
});
