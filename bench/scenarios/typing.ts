/**
 * Many clients on one agenda, some of them typing: the common core of S1, S2, S8 and S9.
 *
 * Each writer types one character per edit into its own paragraph, on a fixed schedule, and
 * sends an awareness update (its caret) with each, as the editor does. Every client records when
 * each writer's characters arrive; latency is arrival minus the moment of the local edit, both on
 * the system-wide monotonic clock. At the end every client must hold every character (a lost or
 * reordered edit fails the run), the writers' edits must all be acknowledged, the texts of the
 * clients that keep a document and of the store must be exactly what was typed, and no client
 * may have been dropped.
 */

import { typedText } from '../lib/benchDoc.ts';
import { nowUs, sleep } from '../lib/clock.ts';
import { type Check, Generators, generatorCpu, type PhaseStats, phaseStats, type RunOptions } from '../lib/context.ts';
import { type BenchUser, localAddress, type ServerUnderTest } from '../lib/servers.ts';
import { concat, type Summary, summarize } from '../lib/stats.ts';
import { type ThreadGroupTimes, type ThreadReading, threadTimesOver } from '../lib/threadTimes.ts';
import type { ClientReport, ClientSpec, ConnectResult } from '../load/generator.ts';

export interface TypingConfig {
  clients: number;
  writers: number;
  /** Edits per second per writer. */
  ratePerSec: number;
  durationMs: number;
  /** Edits made in the first part of the run are not measured. */
  warmupMs: number;
  /** Arrival times are kept for every k-th client (and all writers); all clients are checked. */
  keepEvery: number;
  generators: number;
  /** Connections per second while connecting (0: as fast as they go). */
  connectRate: number;
  /** Tokens through POST /api/collab-token (true) or minted in the server process. */
  tokensOverHttp: boolean;
  /** Called just before typing starts and just after it ends (S8 reads Redis's statistics). */
  around?: { before(): Promise<void>; after(): Promise<void> };
  /** The agenda to type into (S16 comments on it); a new meeting's when absent. */
  document?: { meetingId: string; doc: string };
  /** Called with the moment typing starts (µs, monotonic clock), not awaited (S16 starts its burst). */
  onStart?: (startAtUs: number) => void;
  /** Where the load generators' threads spent this span of typing (ms from its start; S16's burst). */
  threadSpan?: { fromMs: number; toMs: number };
}

export interface TypingOutcome {
  /** Every (writer edit, receiving client) pair measured, ms. */
  latencies: Float64Array;
  /** The same, split by whether sender and receiver were on the same instance (S8). */
  sameInstance: Float64Array;
  crossInstance: Float64Array;
  edits: number;
  deliveries: number;
  measuredSeconds: number;
  connect: Summary;
  servers: PhaseStats[];
  loadCpu: number;
  /** How late the generators made edits, relative to the schedule (ms, p99). */
  scheduleLateP99Ms: number;
  checks: Check[];
  framesPerClient: number;
  /** The generators' threads over `threadSpan`, summed over the processes by group; null without one (or off Linux). */
  generatorThreads: Record<string, ThreadGroupTimes> | null;
}

export async function runTyping(options: RunOptions, instances: ServerUnderTest[], config: TypingConfig): Promise<TypingOutcome> {
  const primary = instances[0]!;
  const doc = (config.document ?? (await primary.documents(1))[0]!).doc;
  const users: BenchUser[] = await primary.users(config.clients);
  const tokens = config.tokensOverHttp
    ? await Promise.all(users.map((user) => primary.tokenOverHttp(user, doc)))
    : await primary.tokens(users.map((user) => ({ user, doc })));
  const writerIds = (i: number) => 1000 + i;
  const isKept = (i: number) => i < config.writers || i % config.keepEvery === 0;
  const specs: ClientSpec[] = users.map((_, i) => ({
    index: i,
    url: instances[i % instances.length]!.url,
    docName: doc,
    token: tokens[i]!,
    localAddress: localAddress(i),
    apply: isKept(i),
    ...(i < config.writers ? { clientId: writerIds(i) } : {}),
    awareness: true,
  }));
  const instanceOf = (i: number) => i % instances.length;
  const gens = await Generators.start(config.generators, options.settings.verbose);
  const genOf = (i: number) => i % gens.count;
  try {
    options.log(`    connecting ${config.clients} clients`);
    const connects = await gens.all<ConnectResult>('connect', (g: number) => ({
      clients: specs.filter((spec) => genOf(spec.index) === g),
      ratePerSec: config.connectRate / gens.count,
      timeoutMs: 60_000,
    }));
    const connectFailures = connects.flatMap((result) => result.failures);
    if (connectFailures.length > 0) throw new Error(`clients failed to connect: ${connectFailures.slice(0, 5).join('; ')}`);
    const connect = summarize(concat(connects.map((result) => result.connectMs)));

    const writerIndices = Array.from({ length: config.writers }, (_, i) => i);
    const created = (
      await gens.all<{ index: number; clientId: number; c0: number }[]>('createParagraphs', (g: number) => ({
        indices: writerIndices.filter((i) => genOf(i) === g),
      }))
    ).flat();
    created.sort((a, b) => a.index - b.index);
    const lacking = (
      await gens.all<string[]>('waitCoverage', { target: created.map((w) => [w.clientId, w.c0]), timeoutMs: 30_000 })
    ).flat();
    if (lacking.length > 0) throw new Error(`paragraphs did not reach every client: ${lacking.slice(0, 3).join('; ')}`);

    const perWriter = Math.floor((config.durationMs / 1000) * config.ratePerSec);
    await gens.all('track', {
      writers: created.map((w) => ({ clientId: w.clientId, c0: w.c0, capacity: perWriter })),
      keep: specs.filter((spec) => isKept(spec.index)).map((spec) => spec.index),
    });
    // A moment for the connections to go quiet before the figures start (shorter in a quick run, which
    // checks correctness and whose figures are only indicative), and for every generator to have the schedule.
    const settleMs = options.quick ? 100 : 300;
    await sleep(settleMs);
    await Promise.all(instances.map((server) => server.resetStats()));
    await gens.all('resetStats');
    const serverBefore = await Promise.all(instances.map((server) => server.stats()));
    const genBefore = await gens.stats();
    await config.around?.before();
    const startAtUs = nowUs() + settleMs * 1000;
    config.onStart?.(startAtUs);
    const span = config.threadSpan;
    // A diagnostic: a failed reading gives none, it does not fail the round.
    const generatorThreads = (
      span
        ? threadTimesOver(() => gens.all<ThreadReading>('threads'), startAtUs + span.fromMs * 1000, startAtUs + span.toMs * 1000)
        : Promise.resolve(null)
    ).catch(() => null);
    options.log(`    typing: ${config.writers} writers × ${config.ratePerSec}/s for ${config.durationMs / 1000} s`);
    const typed = await gens.all<{ sendTimes: Float64Array[]; lateUs: Float64Array; counts: number[] }>('type', (g: number) => ({
      writers: config.writers,
      mine: writerIndices.filter((i) => genOf(i) === g).map((i) => ({ writer: i, index: i })),
      startAtUs,
      durationMs: config.durationMs,
      ratePerSec: config.ratePerSec,
      awareness: true,
    }));
    const serverAfter = await Promise.all(instances.map((server) => server.stats()));
    const genAfter = await gens.stats();
    const endUs = nowUs();

    // Send times and counts by writer.
    const sendTimes: Float64Array[] = [];
    const counts: number[] = [];
    typed.forEach((result, g) => {
      writerIndices
        .filter((i) => genOf(i) === g)
        .forEach((writer, slot) => {
          sendTimes[writer] = result.sendTimes[slot]!;
          counts[writer] = result.counts[slot]!;
        });
    });
    const target = created.map((w): [number, number] => [w.clientId, w.c0 + counts[w.index]!]);
    const missing = (await gens.all<string[]>('waitCoverage', { target, timeoutMs: 60_000 })).flat();
    await config.around?.after();
    const unacknowledged = (await gens.all<string[]>('waitAcknowledged', { timeoutMs: 30_000 })).flat();
    const reports = (await gens.all<ClientReport[]>('collect', { texts: true })).flat();
    reports.sort((a, b) => a.index - b.index);

    // Latency of every measured (edit, receiver) pair after the warm-up.
    const measuredFrom = startAtUs + config.warmupMs * 1000;
    const all: number[] = [];
    const same: number[] = [];
    const cross: number[] = [];
    let lostArrivals = 0;
    const timeline: string[] | undefined = process.env.BENCH_TIMELINE ? ['sentMs,latencyMs,writer,receiver'] : undefined;
    for (const report of reports) {
      if (!report.arrivals) continue;
      for (let w = 0; w < config.writers; w++) {
        if (w === report.index) continue;
        const sends = sendTimes[w]!;
        const arrivals = report.arrivals[w]!;
        const sameHost = instanceOf(w) === instanceOf(report.index);
        for (let n = 0; n < counts[w]!; n++) {
          const sent = sends[n]!;
          const arrived = arrivals[n]!;
          // Diagnostics (BENCH_TIMELINE): every edit, the warm-up included.
          if (timeline && !Number.isNaN(arrived)) {
            timeline.push(
              `${((sent - startAtUs) / 1000).toFixed(1)},${((arrived - sent) / 1000).toFixed(2)},${w},${report.index}`,
            );
          }
          if (!(sent >= measuredFrom)) continue;
          if (Number.isNaN(arrived)) {
            lostArrivals++;
            continue;
          }
          const ms = (arrived - sent) / 1000;
          all.push(ms);
          (sameHost ? same : cross).push(ms);
        }
      }
    }

    if (timeline && process.env.BENCH_TIMELINE) {
      const fs = await import('node:fs');
      fs.mkdirSync(process.env.BENCH_TIMELINE, { recursive: true });
      fs.writeFileSync(`${process.env.BENCH_TIMELINE}/typing-${Math.round(startAtUs / 1000)}.csv`, `${timeline.join('\n')}\n`);
    }
    const checks: Check[] = [];
    const dropped = reports.filter((report) => report.dropped);
    checks.push({
      name: 'no client dropped',
      ok: dropped.length === 0,
      detail:
        dropped
          .slice(0, 3)
          .map((r) => `client ${r.index}: ${r.dropped}`)
          .join('; ') || `${reports.length} clients stayed connected`,
    });
    checks.push({
      name: 'every edit reached every client',
      ok: missing.length === 0 && lostArrivals === 0 && reports.every((r) => r.gaps === 0),
      detail:
        missing.length || lostArrivals
          ? `${missing.slice(0, 2).join('; ')} (${lostArrivals} measured arrivals missing)`
          : `${counts.reduce((a, b) => a + b, 0)} edits × ${reports.length - 1} receivers`,
    });
    checks.push({
      name: 'every edit acknowledged',
      ok: unacknowledged.length === 0 && reports.every((r) => r.refused === 0),
      detail: unacknowledged.slice(0, 3).join('; '),
    });
    const readers = reports.filter((r) => r.texts);
    const badCarets = readers.filter((r) => r.awarenessErrors > 0 || r.awarenessStates === 0);
    checks.push({
      name: 'caret updates arrive and decode, each with its user',
      ok: badCarets.length === 0,
      detail: badCarets.length
        ? `client ${badCarets[0]!.index}: ${badCarets[0]!.awarenessStates} states, ${badCarets[0]!.awarenessErrors} errors`
        : `${readers.reduce((sum, r) => sum + r.awarenessStates, 0)} states read`,
    });
    const expected = new Map(created.map((w) => [w.clientId, typedText(counts[w.index]!)]));
    const wrongTexts = reports.filter((report) => report.texts && !sameTexts(new Map(report.texts), expected));
    checks.push({
      name: 'texts on the clients equal what was typed',
      ok: wrongTexts.length === 0,
      detail: wrongTexts.length
        ? `${wrongTexts.length} clients differ (e.g. client ${wrongTexts[0]!.index})`
        : `${reports.filter((r) => r.texts).length} clients checked`,
    });
    await sleep(200);
    const stored = await primary.storedTexts(doc);
    checks.push({
      name: primary.isPlenary ? 'the store holds exactly what was typed' : 'the server holds exactly what was typed',
      ok: stored !== null && sameTexts(stored, expected),
    });

    const edits = counts.reduce((a, b) => a + b, 0);
    return {
      latencies: Float64Array.from(all),
      sameInstance: Float64Array.from(same),
      crossInstance: Float64Array.from(cross),
      edits,
      deliveries: reports.reduce((sum, r) => sum + r.updatesIn, 0),
      measuredSeconds: (endUs - startAtUs) / 1e6,
      connect,
      servers: instances.map((_, i) => phaseStats(serverBefore[i]!, serverAfter[i]!)),
      loadCpu: generatorCpu(genBefore, genAfter),
      scheduleLateP99Ms: summarize(concat(typed.map((t) => t.lateUs))).p99 / 1000,
      checks,
      framesPerClient: reports.reduce((sum, r) => sum + r.framesIn, 0) / reports.length,
      generatorThreads: await generatorThreads,
    };
  } finally {
    await gens.all('closeAll').catch(() => {});
    await gens.close();
  }
}

/**
 * Several rounds of one configuration, as one outcome: samples pooled, counts and times added,
 * server figures averaged, checks of every round kept (a failure in any round fails it).
 */
export function mergeOutcomes(outcomes: TypingOutcome[]): TypingOutcome {
  if (outcomes.length === 1) return outcomes[0]!;
  const average = (pick: (stats: PhaseStats) => number, i: number) =>
    outcomes.reduce((sum, o) => sum + pick(o.servers[i]!), 0) / outcomes.length;
  const instances = outcomes[0]!.servers.length;
  const failing = new Map<string, Check>();
  for (const outcome of outcomes)
    for (const check of outcome.checks) if (!check.ok && !failing.has(check.name)) failing.set(check.name, check);
  return {
    latencies: concat(outcomes.map((o) => o.latencies)),
    sameInstance: concat(outcomes.map((o) => o.sameInstance)),
    crossInstance: concat(outcomes.map((o) => o.crossInstance)),
    edits: outcomes.reduce((sum, o) => sum + o.edits, 0),
    deliveries: outcomes.reduce((sum, o) => sum + o.deliveries, 0),
    measuredSeconds: outcomes.reduce((sum, o) => sum + o.measuredSeconds, 0),
    connect: summarize(concat(outcomes.map((o) => Float64Array.of(o.connect.p50, o.connect.p99)))),
    servers: Array.from({ length: instances }, (_, i) => ({
      cpu: average((s) => s.cpu, i),
      rssMb: average((s) => s.rssMb, i),
      heapMb: average((s) => s.heapMb, i),
      eventLoopP99Ms: Math.max(...outcomes.map((o) => o.servers[i]!.eventLoopP99Ms)),
      eventLoopMaxMs: Math.max(...outcomes.map((o) => o.servers[i]!.eventLoopMaxMs)),
    })),
    loadCpu: outcomes.reduce((sum, o) => sum + o.loadCpu, 0) / outcomes.length,
    scheduleLateP99Ms: Math.max(...outcomes.map((o) => o.scheduleLateP99Ms)),
    checks: outcomes[0]!.checks.map(
      (check) => failing.get(check.name) ?? { ...check, detail: `${outcomes.length} rounds; ${check.detail ?? ''}` },
    ),
    framesPerClient: outcomes.reduce((sum, o) => sum + o.framesPerClient, 0) / outcomes.length,
    // Per round only: a scenario that reports them keeps each round's (S16).
    generatorThreads: null,
  };
}

/**
 * Runs each server `rounds` times, alternating (A, B, A, B, …), each round on a fresh server, and
 * pools each server's rounds: on a machine whose load drifts, every server sees the same drift.
 */
export async function interleavedRounds(
  specs: string[],
  rounds: number,
  runOne: (label: string, round: number) => Promise<TypingOutcome>,
): Promise<Map<string, { outcome?: TypingOutcome; error?: unknown; p99s: number[] }>> {
  const results = new Map<string, { outcomes: TypingOutcome[]; error?: unknown }>();
  for (const label of specs) results.set(label, { outcomes: [] });
  for (let round = 0; round < rounds; round++) {
    for (const label of specs) {
      const entry = results.get(label)!;
      if (entry.error) continue;
      try {
        entry.outcomes.push(await runOne(label, round));
      } catch (error) {
        entry.error = error;
      }
    }
  }
  return new Map(
    [...results].map(([label, entry]) => [
      label,
      {
        ...(entry.error ? { error: entry.error } : { outcome: mergeOutcomes(entry.outcomes) }),
        p99s: entry.outcomes.map((o) => summarize(o.latencies).p99),
      },
    ]),
  );
}

function sameTexts(actual: Map<number, string>, expected: Map<number, string>): boolean {
  for (const [clientId, text] of expected) if (actual.get(clientId) !== text) return false;
  return true;
}
