/** Liveness, readiness and metrics for operators and load balancers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../http/appError.ts';
import type { Metrics } from './metrics.ts';
import { metricsAccess } from './metricsAccess.ts';

export type ReadinessCheck = () => Promise<void>;

export interface HealthRoutesOptions {
  metrics: Metrics;
  /** Named checks; `/readyz` is 200 only when every one resolves. */
  checks: Record<string, ReadinessCheck>;
  /** Addresses that may read /metrics (default: the loopback). */
  metricsAllow?: string[];
  /** A bearer token that opens /metrics from anywhere. */
  metricsToken?: string | undefined;
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: ReadinessCheck): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    check().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (
  app,
  { metrics, checks, metricsAllow = ['127.0.0.1', '::1'], metricsToken },
) => {
  const mayReadMetrics = metricsAccess(metricsAllow, metricsToken);
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process serves',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The store (and Redis, when configured) answer',
        response: {
          200: Type.Object({ status: Type.String(), checks: Type.Record(Type.String(), Type.String()) }),
          503: Type.Object({ status: Type.String(), checks: Type.Record(Type.String(), Type.String()) }),
        },
      },
    },
    async (_request, reply) => {
      const results: Record<string, string> = {};
      let ready = true;
      await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await withTimeout(check);
            results[name] = 'ok';
          } catch (error) {
            ready = false;
            results[name] = `failed: ${error instanceof Error ? error.message : String(error)}`;
          }
        }),
      );
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: results });
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics (from METRICS_ALLOW addresses, or with the METRICS_TOKEN bearer token)',
        // From an allowed address nothing (`{}`), else the metrics token; never a session or an API token.
        security: [{}, { metricsToken: [] }],
      },
    },
    async (request, reply) => {
      if (!mayReadMetrics(request.ip, request.headers.authorization)) {
        throw new AppError(
          'METRICS_NOT_ALLOWED',
          'Metrics are served to the configured addresses or with the metrics token only.',
        );
      }
      const body = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(body);
    },
  );
};
