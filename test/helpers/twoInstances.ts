/**
 * Two instances of the server on one store, as a deployment scales out: a PostgreSQL database of
 * their own and a Redis key prefix of their own (so that no other file or run hears them), with
 * the demo consultation.
 *
 *   const { a, b } = twoInstances('presence');                   // in this process, for the file
 *   const { a, b } = twoInstances('floor', { processes: true }); // child processes (kill -9)
 *   const pair = await startTwoInstances('share', { processes: true, redisUrl: redis.url }); // one test's
 */
import { afterAll, beforeAll } from 'vitest';
import { lateBound } from './lateBound.ts';
import { createTestDatabase, REDIS_URL, redisPrefix, type TestDatabase } from './services.ts';
import { type ServerProcess, startServer, startServerProcess, type TestServer } from './testServer.ts';

export interface TwoInstancesOptions {
  /** Child processes (`node server/src/main.ts`, for kill -9) rather than servers in this process. */
  processes?: boolean;
  /** Redis as the instances reach it (a proxy, a redis-server of the test's own), read when they start; the machine's by default. */
  redisUrl?: string | (() => string);
  /** More environment for both. */
  env?: Record<string, string>;
}

export interface InstancePair<T> {
  a: T;
  b: T;
  database: TestDatabase;
  /** Stops both (a process with SIGKILL) and drops their database. */
  stop(): Promise<void>;
}

type Processes = TwoInstancesOptions & { processes: true };

const START_TIMEOUT_MS = 120_000;

/** Starts two instances now; the caller stops them. */
export async function startTwoInstances(label: string, options: Processes): Promise<InstancePair<ServerProcess>>;
export async function startTwoInstances(label: string, options?: TwoInstancesOptions): Promise<InstancePair<TestServer>>;
export async function startTwoInstances(
  label: string,
  options: TwoInstancesOptions = {},
): Promise<InstancePair<ServerProcess> | InstancePair<TestServer>> {
  const database = await createTestDatabase(label);
  const redisUrl = typeof options.redisUrl === 'function' ? options.redisUrl() : (options.redisUrl ?? REDIS_URL);
  const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix(label), ...options.env };
  if (options.processes) {
    // Started at the same moment: migrations and the demo seed must cope.
    const [a, b] = await Promise.all([
      startServerProcess({ LOG_LEVEL: 'warn', ...env }),
      startServerProcess({ LOG_LEVEL: 'warn', ...env }),
    ]);
    return {
      a,
      b,
      database,
      async stop() {
        for (const server of [a, b]) server.child.kill('SIGKILL');
        await database.drop().catch(() => undefined);
      },
    };
  }
  // The seed is the test's here (startServer), not the server's: the second instance finds it in the store.
  const a = await startServer({ env });
  const b = await startServer({ env, seed: false });
  return {
    a,
    b,
    database,
    async stop() {
      await b.close();
      await a.close();
      await database.drop();
    },
  };
}

/**
 * For a test file (or a describe block): two instances started before its tests (beforeAll) and
 * stopped after them (afterAll). Call it before the file's own afterAll, which then runs first
 * (its clients closed before the servers).
 */
export function twoInstances(label: string, options: Processes): { a: ServerProcess; b: ServerProcess };
export function twoInstances(label: string, options?: TwoInstancesOptions): { a: TestServer; b: TestServer };
export function twoInstances(label: string, options: TwoInstancesOptions = {}): { a: object; b: object } {
  let pair: InstancePair<object> | undefined;
  // Two processes on a fresh database (migrations, the demo seed) took more than 30 s under the load
  // of a full CI run on two cores.
  beforeAll(async () => {
    pair = await startTwoInstances(label, options);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await pair?.stop();
  });
  return {
    a: lateBound(`Instance a of twoInstances('${label}')`, () => pair?.a),
    b: lateBound(`Instance b of twoInstances('${label}')`, () => pair?.b),
  };
}
