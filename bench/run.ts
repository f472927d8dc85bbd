/**
 * The benchmark harness: `npm run bench` (the full run, writes BENCHMARKS.md and
 * bench/results/) and `npm run bench -- --quick` (a smoke run of every scenario, scaled down,
 * written to bench/results/quick/ or to --out DIR).
 *
 * Options:
 *   --quick            scaled-down scenarios (about a minute and a half)
 *   --only S1,S4       run only these scenarios (S13, which needs Chromium, runs only when named)
 *   --out DIR          write the report, JSON and charts to DIR
 *   --compare REV      also measure Plenary at git revision REV (before/after in one run)
 *   --profile DIR      write a V8 CPU profile of every thread of every server process to DIR
 *                      (a directory per process; worker threads' profiles beside the main thread's)
 *   --verbose          show the child processes' output
 *
 * BENCH_TIMELINE=DIR (diagnostics) writes, for each typing measurement, every edit's send time
 * (ms after typing started, the warm-up included) and latency to DIR/typing-<start>.csv, and the
 * S11/S12 abusers' requests, answers, closes and diffs (monotonic ms) to DIR/abuse-<time>.csv.
 *
 * Exits 1 when a correctness check fails (a run that lost an edit is a failed run), never
 * because a target was missed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions } from './lib/context.ts';
import { describeMachine } from './lib/machine.ts';
import { writeReport } from './lib/report.ts';
import { passed, type RunRecord, type ScenarioResult } from './lib/results.ts';
import { stopKeptServers } from './lib/servers.ts';
import { SCENARIOS } from './scenarios/index.ts';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');

function parseArgs(argv: string[]) {
  const args = {
    quick: false,
    only: null as Set<string> | null,
    out: null as string | null,
    compare: [] as string[],
    profile: null as string | null,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg === '--only') args.only = new Set(value().toUpperCase().split(','));
    else if (arg === '--out') args.out = path.resolve(value());
    else if (arg === '--compare') args.compare.push(value());
    else if (arg === '--profile') args.profile = path.resolve(value());
    else if (arg === '--verbose') args.verbose = true;
    else throw new Error(`unknown option ${arg} (see bench/run.ts)`);
  }
  return args;
}

/** A copy of Plenary at a git revision, sharing this checkout's node_modules. */
function checkoutRevision(revision: string): { label: string; root: string } {
  const sha = execFileSync('git', ['rev-parse', '--short', revision], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `plenary-${sha}-`));
  const archive = execFileSync('git', ['archive', '--format=tar', sha, 'server', 'shared', 'package.json'], {
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return { label: sha, root };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const compare = args.compare.map(checkoutRevision);
  // A quick run starts about twenty servers and fifty load generators, each compiling the same modules: the
  // children (which inherit this environment) share V8's compile cache, so that each start after the first
  // reads the compiled code instead of compiling it again. The full run starts its children as it always has.
  if (args.quick && !process.env.NODE_COMPILE_CACHE)
    process.env.NODE_COMPILE_CACHE = path.join(os.tmpdir(), 'plenary-bench-compile-cache');
  const options: RunOptions = {
    quick: args.quick,
    only: args.only,
    settings: { ...(args.profile ? { profileDir: args.profile } : {}), verbose: args.verbose, reuse: args.quick },
    compare,
    log,
  };
  const machine = describeMachine();
  log(`Plenary benchmark (${args.quick ? 'quick' : 'full'}) on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    if (args.only ? !args.only.has(scenario.id) : scenario.onlyWhenNamed) continue;
    log(`${scenario.id}: ${scenario.title}`);
    const t0 = Date.now();
    try {
      const body = await scenario.run(options);
      results.push({ id: scenario.id, title: scenario.title, target: scenario.target, ...body, durationMs: Date.now() - t0 });
    } catch (error) {
      log(`  ${scenario.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      results.push({
        id: scenario.id,
        title: scenario.title,
        target: scenario.target,
        setup: '',
        latencyLabel: '',
        measurements: [],
        verdict: 'the scenario failed to run',
        met: false,
        notes: [],
        error: error instanceof Error ? error.message : String(error),
        durationMs: Date.now() - t0,
      });
    }
    const last = results.at(-1)!;
    log(
      `  ${last.verdict} (${((Date.now() - t0) / 1000).toFixed(1)} s)${last.measurements.every(passed) && !last.error ? '' : ' CORRECTNESS FAILED'}`,
    );
  }
  await stopKeptServers();
  const record: RunRecord = {
    command,
    quick: args.quick,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine,
    scenarios: results,
  };
  const full = !args.quick && !args.out && !args.only;
  const dataDir = args.out ?? path.join(BENCH, 'results', full ? '' : 'quick');
  fs.mkdirSync(dataDir, { recursive: true });
  const markdown = full ? path.join(ROOT, 'BENCHMARKS.md') : path.join(dataDir, 'report.md');
  const read = (file: string) => (fs.existsSync(path.join(BENCH, file)) ? fs.readFileSync(path.join(BENCH, file), 'utf8') : '');
  writeReport(record, {
    markdown,
    dataDir,
    chartsLink: full ? 'bench/results/charts' : 'charts',
    preamble: read('METHOD.md'),
    appendix: read('IMPROVEMENTS.md'),
  });
  for (const build of compare) fs.rmSync(build.root, { recursive: true, force: true });
  log(`Report: ${path.relative(process.cwd(), markdown)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const failed = results.filter((result) => result.error || !result.measurements.every(passed));
  if (failed.length > 0) {
    log(`Correctness failed in ${failed.map((result) => result.id).join(', ')}`);
    process.exitCode = 1;
  }
  // Keep-alive sockets of fetch and closed children's pipes would hold the process for a while.
  process.exit();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
