/**
 * What every scenario gets from the run: its options, the servers to start, load generators,
 * and a uniform way to measure a phase (server CPU, memory, event-loop delay).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessStats } from './processStats.ts';
import { cpuShare } from './processStats.ts';
import { Child } from './rpc.ts';
import { type RunSettings, type ServerSpec, ServerUnderTest } from './servers.ts';

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunOptions {
  quick: boolean;
  only: Set<string> | null;
  settings: RunSettings;
  /** Extra Plenary builds to measure beside the current one (before/after comparisons). */
  compare: { label: string; root: string }[];
  log: (line: string) => void;
}

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface PhaseStats {
  /** Share of one core used by the server process during the phase. */
  cpu: number;
  rssMb: number;
  heapMb: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
}

export function phaseStats(before: ProcessStats, after: ProcessStats): PhaseStats {
  return {
    cpu: cpuShare(before, after),
    rssMb: after.rssBytes / 2 ** 20,
    heapMb: after.heapUsedBytes / 2 ** 20,
    eventLoopP99Ms: after.eventLoopDelay.p99,
    eventLoopMaxMs: after.eventLoopDelay.max,
  };
}

/** Load generator processes, started for one measurement and closed after it. */
export class Generators {
  readonly children: Child[];

  private constructor(children: Child[]) {
    this.children = children;
  }

  static async start(count: number, verbose = false): Promise<Generators> {
    const children = Array.from(
      { length: count },
      (_, i) =>
        new Child(`load-${i}`, path.join(BENCH, 'load', 'generator.ts'), {
          quiet: !verbose,
          execArgv: ['--max-old-space-size=4096'],
        }),
    );
    await Promise.all(children.map((child) => child.ready));
    return new Generators(children);
  }

  get count(): number {
    return this.children.length;
  }

  at(i: number): Child {
    return this.children[i % this.children.length]!;
  }

  all<T>(method: string, params: unknown | ((i: number) => unknown) = {}): Promise<T[]> {
    return Promise.all(
      this.children.map((child, i) =>
        child.call<T>(method, typeof params === 'function' ? (params as (i: number) => unknown)(i) : params),
      ),
    );
  }

  async stats(): Promise<ProcessStats[]> {
    return this.all<ProcessStats>('stats');
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop(5_000)));
  }
}

/** The generators' CPU during a phase, summed (in cores). */
export function generatorCpu(before: ProcessStats[], after: ProcessStats[]): number {
  return before.reduce((sum, stats, i) => sum + cpuShare(stats, after[i]!), 0);
}

export async function startServer(options: RunOptions, spec: ServerSpec): Promise<ServerUnderTest> {
  options.log(`  starting ${spec.label}`);
  const server = await ServerUnderTest.start(spec, options.settings);
  if (server.reused) options.log('    (the process an earlier scenario used, idle again)');
  return server;
}

export const BARE: ServerSpec = { label: 'bare Hocuspocus', kind: 'bare' };
export const PLENARY: ServerSpec = { label: 'Plenary', kind: 'plenary' };

/** The Plenary builds of this run: the current one, then any older one being compared. */
export function plenarySpecs(options: RunOptions, env: Record<string, string> = {}, suffix = ''): ServerSpec[] {
  return [
    { ...PLENARY, label: `Plenary${suffix}`, env },
    ...options.compare.map((build) => ({
      label: `Plenary${suffix} @ ${build.label}`,
      kind: 'plenary' as const,
      env,
      root: build.root,
    })),
  ];
}
