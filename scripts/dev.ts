/**
 * `npm run dev`: the server on :3000 (restarted by `node --watch` when its code changes) and
 * Vite with hot module replacement on :5173, which proxies /api and /collab to the server.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const server = spawn(process.execPath, ['--watch', 'server/src/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN ?? 'http://localhost:5173,http://localhost:3000' },
});
const vite = await createServer({ configFile: 'vite.config.ts' });
await vite.listen();
vite.printUrls();

const stop = () => {
  server.kill('SIGTERM');
  void vite.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
