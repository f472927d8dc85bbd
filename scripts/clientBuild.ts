/**
 * Builds the client with Vite into dist/client when the build is missing or older than any
 * source it is made from. Used by `npm start` and by the end-to-end tests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'dist/client/index.html');
const sources = ['client', 'shared', 'vite.config.ts', 'scripts/vite', 'package-lock.json'];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function clientIsFresh(): boolean {
  const built = fs.statSync(output, { throwIfNoEntry: false });
  if (!built) return false;
  return sources.every((source) => newestMtime(path.join(root, source)) <= built.mtimeMs);
}

export async function ensureClientBuilt(): Promise<void> {
  if (clientIsFresh()) return;
  process.stdout.write('Building the client (Vite)…\n');
  // A child process with NODE_ENV=production: under a test runner NODE_ENV is "test", which
  // would make Vite bundle React's development build.
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('the client build failed');
  process.stdout.write('Client built.\n');
}
