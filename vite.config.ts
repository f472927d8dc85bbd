import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The client is built into dist/client, which the server serves. `npm run dev` proxies the API to it. */
const backend = process.env.PLENARY_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  root: path.join(here, 'client'),
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/client'),
    emptyOutDir: true,
    sourcemap: true,
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
