/**
 * The rate limiter's counters: in Redis when it answers (so that limits hold across instances),
 * in this process's memory when it does not answer within FALLBACK_AFTER_MS. A Redis that stops
 * answering used to hold every request until it timed out; now a request waits at most that long,
 * and not at all once Redis is known to be away.
 */
import type { Redis as IORedis } from 'ioredis';
import { redisAnswers } from '../cluster/redisClient.ts';

const FALLBACK_AFTER_MS = 150;

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;
interface RouteOptions {
  routeInfo?: { method: string; url: string };
}

const SCRIPT = `
  local current = redis.call('INCR', KEYS[1])
  if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
  return {current, ttl}
`;

/** Fixed windows in memory, bounded in size (oldest windows go first). */
class MemoryCounters {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  incr(key: string, timeWindow: number): Result {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      window = { count: 0, resetAt: now + timeWindow };
      this.windows.set(key, window);
      if (this.windows.size > 50_000) this.windows.delete(this.windows.keys().next().value!);
    }
    window.count += 1;
    return { current: window.count, ttl: window.resetAt - now };
  }
}

/** A store class for @fastify/rate-limit's `store` option. */
export function fallbackRateLimitStore(redis: IORedis, prefix: string) {
  const memory = new MemoryCounters();
  if (!(redis as unknown as { plenaryRateLimit?: unknown }).plenaryRateLimit) {
    redis.defineCommand('plenaryRateLimit', { numberOfKeys: 1, lua: SCRIPT });
  }
  const run = (key: string, timeWindow: number): Promise<[number, number]> =>
    (redis as unknown as { plenaryRateLimit(key: string, window: number): Promise<[number, number]> }).plenaryRateLimit(
      key,
      timeWindow,
    );

  return class FallbackRateLimitStore {
    private readonly key: string;

    constructor(_globalParams?: unknown, key = prefix) {
      this.key = key;
    }

    incr(ip: string, callback: Callback, timeWindow: number): void {
      const key = this.key + ip;
      const local = () => callback(null, memory.incr(key, timeWindow));
      if (!redisAnswers(redis)) {
        local();
        return;
      }
      let answered = false;
      const timer = setTimeout(() => {
        answered = true;
        local();
      }, FALLBACK_AFTER_MS);
      run(key, timeWindow).then(
        ([current, ttl]) => {
          if (answered) return;
          answered = true;
          clearTimeout(timer);
          callback(null, { current: Number(current), ttl: Number(ttl) });
        },
        () => {
          if (answered) return;
          answered = true;
          clearTimeout(timer);
          local();
        },
      );
    }

    /** A route with a limit of its own counts apart (the plugin passes its route info). */
    child(routeOptions: object): FallbackRateLimitStore {
      const route = (routeOptions as RouteOptions).routeInfo;
      return new FallbackRateLimitStore(undefined, `${this.key}${route?.method ?? ''}${route?.url ?? ''}-`);
    }
  };
}
