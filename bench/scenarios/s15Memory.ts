/**
 * S15: memory once clients leave. One server process takes S1's load several times in a row, its
 * clients leaving after each round, then (Plenary) a small live poll as in S7; the server's RSS
 * and JS heap are read at the start and after each round, once it holds no connection and no
 * document, after forced full collections (the server processes run with --expose-gc). A server
 * that keeps something per connection, person or document after they have gone grows from round
 * to round.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sleep } from '../lib/clock.ts';
import { BARE, type Check, plenarySpecs, type RunOptions, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import type { ServerSpec, ServerUnderTest } from '../lib/servers.ts';
import { editorsLoad } from './s1Editors.ts';
import { type PollConfig, poll } from './s7Poll.ts';
import { allPassed, find, measureEach, round, type Scenario, typingMeasurement } from './scenario.ts';
import { mergeOutcomes, runTyping, type TypingConfig, type TypingOutcome } from './typing.ts';

interface Config {
  typing: TypingConfig;
  rounds: number;
  poll: PollConfig;
  /** Between the two collections, and after the second before reading. */
  pauseMs: [number, number];
}

interface Memory {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  connections: number;
  documents: number;
}

/** Returned to start: within this share above the memory at the start (issue #20). */
const TOLERANCE = 0.1;

/**
 * The server's memory once its clients have gone: waits until it holds no connection and no
 * document (Hocuspocus unloads a document after its last connection closes and its store hooks
 * ran), then collects twice, apart, so that what finalizers and weak references let go is
 * collected too.
 */
async function settledMemory(server: ServerUnderTest, pauseMs: [number, number], timeoutMs = 15_000): Promise<Memory> {
  const deadline = Date.now() + timeoutMs;
  let counts: { connections: number; documents: number };
  for (;;) {
    counts = await server.child.call<{ connections: number; documents: number }>('collabCounts');
    if ((counts.connections === 0 && counts.documents === 0) || Date.now() > deadline) break;
    await sleep(100);
  }
  await server.gc();
  await sleep(pauseMs[0]);
  await server.gc();
  await sleep(pauseMs[1]);
  const stats = await server.stats();
  return {
    rssBytes: stats.rssBytes,
    heapUsedBytes: stats.heapUsedBytes,
    heapTotalBytes: stats.heapTotalBytes,
    externalBytes: stats.externalBytes,
    ...counts,
  };
}

const mb = (bytes: number) => bytes / 2 ** 20;

/** BENCH_HEAP_SNAPSHOTS=DIR (development): a heap snapshot of the server at the start and after each round. */
async function snapshot(server: ServerUnderTest, name: string): Promise<void> {
  const dir = process.env.BENCH_HEAP_SNAPSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await server.child.call('heapSnapshot', {
    file: path.resolve(dir, `${server.label.replace(/[^A-Za-z0-9]+/g, '-')}-${name}.heapsnapshot`),
  });
}

async function repeatedRounds(options: RunOptions, server: ServerUnderTest, config: Config): Promise<Measurement> {
  const fresh = await settledMemory(server, config.pauseMs);
  // The first round compiles the code paths and fills the pools a server keeps for good (SQLite's
  // page cache, prepared statements): the start is measured after it.
  options.log('    warm-up round');
  const warmUp = await runTyping(options, [server], config.typing);
  const start = await settledMemory(server, config.pauseMs);
  await snapshot(server, 'start');
  const outcomes: TypingOutcome[] = [];
  const after: Memory[] = [];
  for (let r = 0; r < config.rounds; r++) {
    options.log(`    round ${r + 1} of ${config.rounds}`);
    outcomes.push(await runTyping(options, [server], config.typing));
    after.push(await settledMemory(server, config.pauseMs));
    await snapshot(server, `round-${r + 1}`);
  }
  let polled: Measurement | null = null;
  let afterPoll: Memory | null = null;
  if (server.isPlenary) {
    options.log(`    a live poll: ${config.poll.viewers} viewers, ${config.poll.ballots} ballots`);
    polled = await poll(options, server, config.poll);
    afterPoll = await settledMemory(server, config.pauseMs);
  }

  const typed = mergeOutcomes(outcomes);
  const measurement = typingMeasurement(server.label, typed);
  const samples = [...after, ...(afterPoll ? [afterPoll] : [])];
  const first = after[0]!;
  const last = after.at(-1)!;
  const above = (pick: (m: Memory) => number) => Math.max(...samples.map((m) => pick(m) / pick(start) - 1));
  const checks: Check[] = [
    ...mergeOutcomes([warmUp, ...outcomes]).checks,
    ...(polled?.checks ?? []).map((check) => ({ ...check, name: `poll: ${check.name}` })),
    {
      name: 'every connection and document released once the clients left',
      ok: [start, ...samples].every((m) => m.connections === 0 && m.documents === 0),
      detail: [start, ...samples].map((m) => `${m.connections}/${m.documents}`).join(', '),
    },
  ];
  // Start, each round, then the poll: what RSS is made of (the heap V8 has committed, memory outside it).
  const list = (pick: (m: Memory) => number) => [start, ...samples].map((m) => mb(pick(m)).toFixed(1)).join(', ');
  measurement.checks = checks;
  measurement.extra = {
    ...measurement.extra,
    'RSS before any client (MB)': round(mb(fresh.rssBytes), 1),
    'RSS at the start, after a warm-up round (MB)': round(mb(start.rssBytes), 1),
    'RSS at the start, after each round, after the poll (MB)': list((m) => m.rssBytes),
    'RSS growth, round 1 → last (MB)': round(mb(last.rssBytes - first.rssBytes), 2),
    'RSS at most above the start (%)': round(100 * above((m) => m.rssBytes), 1),
    'JS heap before any client (MB)': round(mb(fresh.heapUsedBytes), 1),
    'JS heap at the start (MB)': round(mb(start.heapUsedBytes), 1),
    'JS heap the same (MB)': list((m) => m.heapUsedBytes),
    'JS heap committed, the same (MB)': list((m) => m.heapTotalBytes),
    'external memory (ArrayBuffers, …), the same (MB)': list((m) => m.externalBytes),
    'JS heap growth, round 1 → last (MB)': round(mb(last.heapUsedBytes - first.heapUsedBytes), 2),
    'JS heap at most above the start (%)': round(100 * above((m) => m.heapUsedBytes), 1),
    ...(polled?.latency ? { 'poll: ballot p99 (ms)': round(polled.latency.p99, 1) } : {}),
  };
  return measurement;
}

/** Whether a row returned to within the tolerance of its start after every round, and did not grow from round to round. */
function verdictOf(m: Measurement | undefined): { met: boolean | null; text: string } {
  const rssAbove = m?.extra['RSS at most above the start (%)'] as number | undefined;
  const heapAbove = m?.extra['JS heap at most above the start (%)'] as number | undefined;
  if (!m || rssAbove === undefined || heapAbove === undefined) return { met: null, text: 'not measured' };
  const start = m.extra['RSS at the start, after a warm-up round (MB)'] as number;
  const heapStart = m.extra['JS heap at the start (MB)'] as number;
  const rssGrowth = m.extra['RSS growth, round 1 → last (MB)'] as number;
  const heapGrowth = m.extra['JS heap growth, round 1 → last (MB)'] as number;
  // Growth from the first round to the last, beyond a percent of the start, is growth that more rounds would continue.
  const grows = rssGrowth > 0.01 * start || heapGrowth > 0.01 * heapStart;
  const met = rssAbove <= 100 * TOLERANCE && heapAbove <= 100 * TOLERANCE && !grows;
  return {
    met,
    text: `${m.server}: RSS at most ${rssAbove.toFixed(1)} % above its start of ${start.toFixed(0)} MB, JS heap ${heapAbove.toFixed(1)} % above ${heapStart.toFixed(0)} MB (target ≤ ${100 * TOLERANCE} %); round 1 → last: RSS ${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)} MB, heap ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(2)} MB (${grows ? 'grows' : 'no growth'}).`,
  };
}

export const s15: Scenario = {
  id: 'S15',
  title: "Memory once clients leave: S1's load five times on one server, then a poll",
  target: "the server's memory returns to within 10 % of its start once clients leave, with no growth across five S1 runs",
  async run(options) {
    const typing = editorsLoad(options.quick);
    const config: Config = {
      typing: options.quick ? { ...typing, durationMs: 1_000, warmupMs: 250 } : typing,
      // BENCH_S15_ROUNDS (development): more rounds, to tell growth that levels off from growth that does not.
      // The quick run (CI: correctness only) has three, to stay within half a minute on a loaded machine.
      rounds: Number(process.env.BENCH_S15_ROUNDS ?? (options.quick ? 3 : 5)),
      poll: options.quick
        ? { viewers: 50, ballots: 20, windowMs: 500, generators: 1 }
        : { viewers: 500, ballots: 200, windowMs: 2_000, generators: 1 },
      pauseMs: options.quick ? [100, 100] : [200, 300],
    };
    // The quick run (CI: correctness only) measures Plenary alone, to stay within half a minute.
    const specs: ServerSpec[] = [...(options.quick ? [] : [BARE]), ...plenarySpecs(options)].filter(
      (spec) => !process.env.BENCH_ONLY_SERVER || spec.label.startsWith(process.env.BENCH_ONLY_SERVER),
    );
    const measurements: Measurement[] = [];
    for (const spec of specs) {
      measurements.push(
        await measureEach(
          options,
          () => startServer(options, spec),
          (server) => repeatedRounds(options, server, config),
          spec.label,
        ),
      );
    }
    const plenary = verdictOf(find(measurements, 'Plenary'));
    const bare = verdictOf(find(measurements, BARE.label));
    return {
      setup: `One process per server. S1's load (${config.typing.clients} clients on one agenda, each typing ${config.typing.ratePerSec} edits/s with a caret update per edit, for ${config.typing.durationMs / 1000} s, on a new agenda each round, tokens from POST /api/collab-token) runs once to warm the server up, then ${config.rounds} times; the clients disconnect after each round. On Plenary, a live poll follows (${config.poll.viewers} viewers of live:{meetingId}, ${config.poll.ballots} ballots in ${config.poll.windowMs / 1000} s, as in S7). After the warm-up round and after each round, once the server holds no connection and no document, it is collected twice (global.gc, ${config.pauseMs[0]} ms apart) and its RSS and JS heap read. Latency: the ${config.rounds} rounds pooled.`,
      latencyLabel: 'edit → applied on every other client',
      measurements,
      met: plenary.met === null ? null : plenary.met && allPassed(measurements),
      verdict: bare.met === null ? plenary.text : `${plenary.text} Beside it, ${bare.text}`,
      notes: [
        'The start is read after a warm-up round rather than before any client: a first round compiles code and fills pools a server keeps for good (SQLite page cache and prepared statements, V8 code space); "before any client" shows how much that is.',
        "Each round creates a new agenda and 50 new users with sessions, as S1 does; what the store holds of them is on disk, not in the server's memory.",
      ],
    };
  },
};
