/**
 * A real server for a test: in this process (buildApp on a free port) or as a child process
 * (for kill -9). SQLite in a fresh directory unless a PostgreSQL URL is given.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { seedDemo } from '../../server/src/demo/seedDemo.ts';
import { freePort } from './freePort.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE = process.execPath;

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `plenary-${label}-`));
}

export interface TestServer {
  app: App;
  baseUrl: string;
  wsUrl: string;
  origin: string;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Load the demo consultation (default true). */
  seed?: boolean;
  dataDir?: string;
  /** Where the built client is (a folder with index.html and meeting.html); dist/client by default. */
  clientRoot?: string;
}

export async function startServer(options: TestServerOptions = {}): Promise<TestServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? tempDir('data');
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_ORIGIN: origin,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await buildApp(config, { logger: false, ...(options.clientRoot ? { clientRoot: options.clientRoot } : {}) });
  if (options.seed !== false) await seedDemo(app.store, app.notify);
  await app.http.listen({ port, host: '127.0.0.1' });
  return {
    app,
    baseUrl: origin,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    origin,
    dataDir,
    close: () => app.close(),
  };
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  wsUrl: string;
  port: number;
  output: () => string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
}

/** `node server/src/main.ts` in a child process, ready when it prints that it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(NODE, ['server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Plenary is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    output: () => output,
    exited,
  };
}
