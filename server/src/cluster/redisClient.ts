/**
 * ioredis clients for the cluster. Redis may go away in two ways, and neither may hold up a
 * request or an edit:
 * - refused or reset: a command fails fast, and the client reconnects by itself, forever, at most
 *   two seconds apart;
 * - silent (connections stay open, nothing answers): a watchdog pinging every second drops a
 *   connection whose ping is not answered within REDIS_COMMAND_TIMEOUT_MS (or that never becomes
 *   ready) and opens a new one, so that commands waiting on it fail at once and the usual "Redis
 *   is back" handling (resubscribing, resyncing documents) runs when it answers again.
 * No global command timeout: a SUBSCRIBE issued while the event loop is busy (at start) must not
 * be given up before it is even sent. Instead, nothing that a request or an edit waits for is
 * sent while Redis does not answer (`redisAnswers`), and what is awaited has its own short limit
 * (`withinTimeout`). TCP keepalive notices a peer that vanished. One log line when an outage
 * starts, one when it ends.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Redis as IORedis } from 'ioredis';

/** A Redis command not answered by then has failed. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
const WATCHDOG_MS = 1_000;
/** A connection that has not become ready (the ready check unanswered) this long is dropped. */
const NOT_READY_MS = 2_000;

export function createRedisClient(url: string, role: string, log: FastifyBaseLogger): IORedis {
  const client = new IORedis(url, {
    connectionName: `plenary-${role}`,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    keepAlive: 5_000,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
  });
  let down = false;
  const outage = (reason: string, error?: unknown) => {
    if (!down) log.warn({ err: error, role }, `Redis ${reason}; serving this instance's clients alone`);
    down = true;
  };
  // Without a listener, ioredis's error events would crash the process.
  client.on('error', (error: Error) => outage('connection lost', error));
  client.on('ready', () => {
    if (down) log.info({ role }, 'Redis connection back');
    down = false;
  });

  let notReadySince: number | null = null;
  let pinging = false;
  const watchdog = setInterval(() => {
    if (client.status === 'end') return clearInterval(watchdog);
    if (client.status !== 'ready') {
      notReadySince ??= Date.now();
      if (client.status === 'connect' && Date.now() - notReadySince > NOT_READY_MS) {
        outage('does not answer');
        notReadySince = null;
        client.disconnect(true);
      }
      return;
    }
    notReadySince = null;
    if (pinging) return;
    pinging = true;
    withinTimeout(client.ping())
      .catch((error: unknown) => {
        if (client.status !== 'ready') return;
        outage('does not answer', error);
        client.disconnect(true); // a new connection; 'ready' again once Redis answers
      })
      .finally(() => {
        pinging = false;
      });
  }, WATCHDOG_MS);
  watchdog.unref();
  return client;
}

/** Whether the client can be expected to answer now (connected and answering the watchdog). */
export const redisAnswers = (client: IORedis): boolean => client.status === 'ready';

/** `promise`, or a rejection once REDIS_COMMAND_TIMEOUT_MS have passed without an answer. */
export function withinTimeout<T>(promise: Promise<T>, ms = REDIS_COMMAND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
