/**
 * S8: two instances through Redis. 200 editors on one agenda, split evenly over two instances
 * that share PostgreSQL and a redis-server of the run's own; latency of edits that cross from
 * one instance to the other beside those that stay on one, and beside a single instance on the
 * same PostgreSQL, in the same run; Redis commands per edit from INFO commandstats. The
 * baseline: two bare Hocuspocus servers with @hocuspocus/extension-redis.
 */

import { RedisServer } from '../../test/helpers/redisServer.ts';
import { createTestDatabase } from '../../test/helpers/services.ts';
import { BARE, PLENARY, type RunOptions, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import type { ServerSpec, ServerUnderTest } from '../lib/servers.ts';
import { allPassed, failedMeasurement, find, ms, round, type Scenario, typingMeasurement } from './scenario.ts';
import { runTyping, type TypingConfig, type TypingOutcome } from './typing.ts';

async function cluster(options: RunOptions, specs: ServerSpec[], config: TypingConfig): Promise<TypingOutcome> {
  const instances: ServerUnderTest[] = [];
  try {
    // One after the other: the first runs the migrations.
    for (const spec of specs) instances.push(await startServer(options, spec));
    return await runTyping(options, instances, config);
  } finally {
    for (const instance of instances) await instance.stop().catch(() => {});
  }
}

export const s8: Scenario = {
  id: 'S8',
  title: 'Two instances through Redis: 200 editors split over two instances',
  target: 'cross-instance p99 ≤ 15 ms',
  async run(options) {
    const config: TypingConfig = options.quick
      ? {
          clients: 40,
          writers: 40,
          ratePerSec: 1,
          durationMs: 1_500,
          warmupMs: 250,
          keepEvery: 1,
          generators: 1,
          connectRate: 0,
          tokensOverHttp: false,
        }
      : {
          clients: 200,
          writers: 200,
          ratePerSec: 1,
          durationMs: 30_000,
          warmupMs: 5_000,
          keepEvery: 1,
          generators: 2,
          connectRate: 200,
          tokensOverHttp: false,
        };
    let redis: RedisServer;
    try {
      redis = await RedisServer.start();
    } catch (error) {
      return {
        setup: '',
        latencyLabel: '',
        measurements: [],
        met: null,
        verdict: `not run: no redis-server (${String(error)})`,
        notes: [],
      };
    }
    const measurements: Measurement[] = [];
    const commandsPerEdit = async (label: string, run: (around: TypingConfig['around']) => Promise<TypingOutcome>) => {
      let before = new Map<string, number>();
      let after = new Map<string, number>();
      const outcome = await run({
        before: async () => {
          await redis.resetStats();
          before = await redis.commandCalls();
        },
        after: async () => {
          after = await redis.commandCalls();
        },
      });
      const perCommand = [...after]
        .map(([name, calls]) => [name, calls - (before.get(name) ?? 0)] as const)
        .filter(([, calls]) => calls > 0);
      const total = perCommand.reduce((sum, [, calls]) => sum + calls, 0);
      options.log(`    ${label}: ${perCommand.map(([name, calls]) => `${name} ${calls}`).join(', ')}`);
      return {
        outcome,
        perEdit: total / outcome.edits,
        perCommand: perCommand.map(([name, calls]) => `${name} ${round(calls / outcome.edits, 2)}`).join(', '),
      };
    };
    const pairRows = (
      label: string,
      baseline: string | null,
      result: { outcome: TypingOutcome; perEdit: number; perCommand: string },
    ) => {
      const extra = {
        'Redis commands per edit': round(result.perEdit, 2),
        'Redis commands per edit, by command': result.perCommand,
      };
      const cross = typingMeasurement(`${label}: across instances`, result.outcome, result.outcome.crossInstance);
      const same = typingMeasurement(`${label}: same instance`, result.outcome, result.outcome.sameInstance);
      Object.assign(cross.extra, extra);
      Object.assign(same.extra, extra);
      if (baseline) {
        cross.baseline = `${baseline}: across instances`;
        same.baseline = `${baseline}: same instance`;
      }
      same.checks = [];
      return [cross, same];
    };
    const BARE_PAIR = 'bare Hocuspocus ×2, Redis';
    const PLENARY_PAIR = 'Plenary ×2, Redis + PostgreSQL';
    const PLENARY_ONE = 'Plenary, one instance, PostgreSQL';
    const BARE_ONE = 'bare Hocuspocus, one instance';
    try {
      // The baseline pair.
      try {
        const bareEnv = { BENCH_REDIS_URL: redis.url, REDIS_PREFIX: `bench-bare-${Date.now().toString(36)}` };
        const result = await commandsPerEdit(BARE_PAIR, (around) =>
          cluster(
            options,
            [
              { ...BARE, label: `${BARE_PAIR} (A)`, env: bareEnv },
              { ...BARE, label: `${BARE_PAIR} (B)`, env: bareEnv },
            ],
            { ...config, around },
          ),
        );
        measurements.push(...pairRows(BARE_PAIR, null, result));
      } catch (error) {
        measurements.push(failedMeasurement(BARE_PAIR, error));
      }
      // Plenary: two instances, then one, each on a database of its own.
      // A quick run measures the two pairs only.
      for (const [label, count] of (options.quick
        ? [[PLENARY_PAIR, 2]]
        : [
            [PLENARY_PAIR, 2],
            [PLENARY_ONE, 1],
          ]) as [string, number][]) {
        let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
        try {
          database = await createTestDatabase(count === 2 ? 'pair' : 'one');
          const env: Record<string, string> = {
            DATABASE_URL: database.url,
            ...(count === 2 ? { REDIS_URL: redis.url, REDIS_PREFIX: `bench-${Date.now().toString(36)}:` } : {}),
          };
          const specs = Array.from(
            { length: count },
            (_, i): ServerSpec => ({ ...PLENARY, label: count === 2 ? `${label} (${'AB'[i]})` : label, env }),
          );
          if (count === 2) {
            measurements.push(
              ...pairRows(
                label,
                BARE_PAIR,
                await commandsPerEdit(label, (around) => cluster(options, specs, { ...config, around })),
              ),
            );
          } else {
            const m = typingMeasurement(label, await cluster(options, specs, config));
            m.baseline = BARE_ONE;
            measurements.push(m);
          }
        } catch (error) {
          options.log(`    ${label} failed: ${String(error)}`);
          measurements.push(failedMeasurement(label, error));
        } finally {
          await database?.drop().catch(() => {});
        }
      }
      if (!options.quick) {
        try {
          measurements.push(typingMeasurement(BARE_ONE, await cluster(options, [{ ...BARE, label: BARE_ONE }], config)));
        } catch (error) {
          measurements.push(failedMeasurement(BARE_ONE, error));
        }
      }
    } finally {
      await redis.stop();
    }
    const cross = find(measurements, `${PLENARY_PAIR}: across instances`)?.latency;
    const same = find(measurements, `${PLENARY_PAIR}: same instance`)?.latency;
    const one = find(measurements, PLENARY_ONE)?.latency;
    const perEdit = find(measurements, `${PLENARY_PAIR}: across instances`)?.extra['Redis commands per edit'];
    return {
      setup: `${config.clients} editors on one agenda, alternately on instance A and B (two Plenary processes sharing a PostgreSQL database made for the run and a redis-server of the run's own), each typing ${config.ratePerSec} character per second with a caret update each, ${config.durationMs / 1000} s (the first ${config.warmupMs / 1000} s not measured). Latency pairs are split by whether writer and reader are on the same instance. Then the same load on one Plenary instance on PostgreSQL, and on bare Hocuspocus (two instances with @hocuspocus/extension-redis; one instance). Redis commands per edit: INFO commandstats of the run's redis-server over the typing phase, divided by the edits (caret updates included, as they cross Redis too).`,
      latencyLabel: 'edit → applied on every other client',
      measurements,
      met: cross ? cross.p99 <= 15 && allPassed(measurements) : null,
      verdict: cross
        ? `Plenary across instances p50 ${ms(cross.p50)}, p99 ${ms(cross.p99)} (target ≤ 15 ms); same instance p99 ${ms(same?.p99)}; one instance p99 ${ms(one?.p99)}; ${perEdit} Redis commands per edit.`
        : 'not measured',
      notes: [],
    };
  },
};
