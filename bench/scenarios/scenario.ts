/** The shape of a scenario, and helpers shared by several. */
import type { RunOptions } from '../lib/context.ts';
import { startServer } from '../lib/context.ts';
import { type Measurement, passed, type ScenarioResult } from '../lib/results.ts';
import type { ServerSpec, ServerUnderTest } from '../lib/servers.ts';
import { percentileCurve, summarize } from '../lib/stats.ts';
import { interleavedRounds, runTyping, type TypingConfig, type TypingOutcome } from './typing.ts';

export type ScenarioBody = Omit<ScenarioResult, 'durationMs' | 'id' | 'title' | 'target'>;

export interface Scenario {
  id: string;
  title: string;
  target: string;
  /** Runs only when named (`--only S13`), never in the default or quick run. */
  onlyWhenNamed?: boolean;
  run(options: RunOptions): Promise<ScenarioBody>;
}

export function typingMeasurement(
  server: string,
  outcome: TypingOutcome,
  samples: Float64Array = outcome.latencies,
): Measurement {
  return {
    server,
    latency: summarize(samples),
    curve: percentileCurve(samples),
    throughput: { value: outcome.edits / outcome.measuredSeconds, unit: 'edits/s' },
    server_: outcome.servers[0] ?? null,
    loadCpu: outcome.loadCpu,
    extra: {
      'deliveries/s': Math.round(outcome.deliveries / outcome.measuredSeconds),
      'connect + first sync p99 (ms)': round(outcome.connect.p99),
      'frames received per client': Math.round(outcome.framesPerClient),
      'generator lateness p99 (ms)': round(outcome.scheduleLateP99Ms),
      ...(outcome.servers[0]
        ? { 'server CPU per edit (µs)': Math.round((outcome.servers[0].cpu * outcome.measuredSeconds * 1e6) / outcome.edits) }
        : {}),
    },
    checks: outcome.checks,
  };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}

/** The first measurement of each server label (the current Plenary is the one labelled exactly). */
export function find(measurements: Measurement[], label: string): Measurement | undefined {
  return measurements.find((m) => m.server === label);
}

export function allPassed(measurements: Measurement[]): boolean {
  return measurements.every(passed);
}

/**
 * The typing load on each server, in interleaved rounds (see interleavedRounds), as rows of the
 * report. `prepare` may adjust a freshly started server (S9 switches durability off);
 * `adjust` may edit an outcome before it becomes a row.
 */
export async function typingRows(
  options: RunOptions,
  specs: ServerSpec[],
  config: TypingConfig,
  rounds: number,
  hooks: {
    prepare?: (server: ServerUnderTest, spec: ServerSpec) => Promise<void>;
    adjust?: (outcome: TypingOutcome, spec: ServerSpec) => void;
  } = {},
): Promise<Measurement[]> {
  // BENCH_ONLY_SERVER=label measures only the servers whose label starts with it (development).
  if (process.env.BENCH_ONLY_SERVER) specs = specs.filter((spec) => spec.label.startsWith(process.env.BENCH_ONLY_SERVER!));
  const bySpec = new Map(specs.map((spec) => [spec.label, spec]));
  const results = await interleavedRounds(
    specs.map((spec) => spec.label),
    rounds,
    async (label, round) => {
      const spec = bySpec.get(label)!;
      if (rounds > 1) options.log(`    round ${round + 1} of ${rounds}`);
      const server = await startServer(options, spec);
      try {
        await hooks.prepare?.(server, spec);
        const outcome = await runTyping(options, [server], config);
        hooks.adjust?.(outcome, spec);
        return outcome;
      } finally {
        await server.stop().catch(() => {});
      }
    },
  );
  return specs.map((spec) => {
    const result = results.get(spec.label)!;
    if (!result.outcome) {
      options.log(`    ${spec.label} failed: ${String(result.error)}`);
      return failedMeasurement(spec.label, result.error);
    }
    const measurement = typingMeasurement(spec.label, result.outcome);
    if (rounds > 1) measurement.extra['p99 of each round (ms)'] = result.p99s.map((p99) => p99.toFixed(1)).join(', ');
    return measurement;
  });
}

/** The row of a server whose measurement could not be made: one failed check saying why. */
export function failedMeasurement(label: string, error: unknown): Measurement {
  return {
    server: label,
    latency: null,
    curve: [],
    throughput: null,
    server_: null,
    loadCpu: null,
    extra: {},
    checks: [
      { name: 'the scenario ran', ok: false, detail: error instanceof Error ? error.message.slice(0, 500) : String(error) },
    ],
  };
}

/** Runs `body` for a server, always stopping it; a failure becomes a failed check of that server. */
export async function measureEach<S extends { stop(): Promise<void>; label: string }>(
  options: RunOptions,
  start: () => Promise<S>,
  body: (server: S) => Promise<Measurement>,
  label: string,
): Promise<Measurement> {
  let server: S | undefined;
  try {
    server = await start();
    return await body(server);
  } catch (error) {
    options.log(`    ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    return failedMeasurement(label, error);
  } finally {
    await server?.stop().catch(() => {});
  }
}
