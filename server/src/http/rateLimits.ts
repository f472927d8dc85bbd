/**
 * A route's own rate limit (tighter than the global one), counted per signed-in person, per
 * address when signed out: `config: perPersonPerMinute(30)`. Each route counts apart.
 */
import type { FastifyRequest } from 'fastify';

export const perPersonPerMinute = (max: number) => ({
  rateLimit: { max, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => request.user?.id ?? request.ip },
});
