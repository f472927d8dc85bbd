import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleBudget } from './scripts/vite/bundleBudget.ts';
import { precompress } from './scripts/vite/precompress.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The client is built into dist/client, which the server serves. `npm run dev` proxies the API to it. */
const backend = process.env.PLENARY_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  root: path.join(here, 'client'),
  plugins: [react(), bundleBudget(path.join(here, 'client/budget.json')), precompress()],
  build: {
    outDir: path.join(here, 'dist/client'),
    emptyOutDir: true,
    // Maps are written for debugging a production build here, but not referenced from the
    // bundles, and the server does not serve them (server/src/http/clientAssets.ts).
    sourcemap: 'hidden',
    // .vite/manifest.json: which files each entry loads (the budget test reads it).
    manifest: true,
    chunkSizeWarningLimit: 1500,
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
