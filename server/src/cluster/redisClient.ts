/**
 * ioredis clients for the cluster. A command fails fast while Redis is down (it does not queue
 * for minutes), and the client reconnects by itself, forever, at most two seconds apart.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Redis as IORedis } from 'ioredis';

export function createRedisClient(url: string, role: string, log: FastifyBaseLogger): IORedis {
  const client = new IORedis(url, {
    connectionName: `plenary-${role}`,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
  });
  let down = false;
  // Without a listener, ioredis's error events would crash the process.
  client.on('error', (error: Error) => {
    if (!down) log.warn({ err: error, role }, "Redis connection lost; serving this instance's clients alone");
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info({ role }, 'Redis connection back');
    down = false;
  });
  return client;
}
