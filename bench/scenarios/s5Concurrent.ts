/**
 * S5: the concurrent trace friendsforever replayed by two clients, one per author, through the
 * server: each author's copy forks and merges as in the trace (see bench/lib/traces.ts), and each
 * transaction is sent once the other's edits it was made on have arrived through the server.
 */
import {
  BARE,
  type Check,
  Generators,
  generatorCpu,
  phaseStats,
  plenarySpecs,
  type RunOptions,
  startServer,
} from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import { localAddress, type ServerUnderTest } from '../lib/servers.ts';
import { concat, percentileCurve, summarize } from '../lib/stats.ts';
import type { ConnectResult } from '../load/generator.ts';
import { allPassed, find, measureEach, round, type Scenario } from './scenario.ts';

const AGENTS = [10, 11];
const SETUP = 9;
/** How much of the trace a quick run replays. */
const QUICK_TRANSACTIONS = 6_000;

interface AgentResult {
  startUs: number;
  sentUs: number;
  doneUs: number;
  sendAt: Float64Array;
  arrivals: Float64Array | null;
  textOk: boolean;
  sent: number;
  acked: number;
  dropped: string | null;
}

async function replay(options: RunOptions, server: ServerUnderTest): Promise<Measurement> {
  const [document] = await server.documents(1);
  const doc = document!.doc;
  const users = await server.users(2);
  const tokens = await server.tokens(users.map((user) => ({ user, doc })));
  const gens = await Generators.start(2, options.settings.verbose);
  try {
    const prepared = await gens.all<{ transactions: number[]; expected: string }>('prepareConcurrent', {
      trace: 'friendsforever',
      clientIds: AGENTS,
      setupClientId: SETUP,
      ...(options.quick ? { limit: QUICK_TRANSACTIONS } : {}),
    });
    const connected = await gens.all<ConnectResult>('connect', (g: number) => ({
      clients: [
        {
          index: g,
          url: server.url,
          docName: doc,
          token: tokens[g]!,
          localAddress: localAddress(g),
          apply: true,
          awareness: true,
        },
      ],
    }));
    const failures = connected.flatMap((result) => result.failures);
    if (failures.length > 0) throw new Error(failures.join('; '));
    await server.resetStats();
    const before = await server.stats();
    const genBefore = await gens.stats();
    const results = await gens.all<AgentResult>('replayAgent', (g: number) => ({
      index: g,
      agent: g,
      sendSetup: g === 0,
      timeoutMs: options.quick ? 90_000 : 300_000,
    }));
    const after = await server.stats();
    const genAfter = await gens.stats();
    const [a, b] = results as [AgentResult, AgentResult];
    const latency = (sendAt: Float64Array, arrivals: Float64Array | null) =>
      Float64Array.from(sendAt, (sent, clock) => ((arrivals?.[clock] ?? Number.NaN) - sent) / 1000);
    const samples = concat([latency(a.sendAt, b.arrivals), latency(b.sendAt, a.arrivals)]);
    const transactions = prepared[0]!.transactions.reduce((x, y) => x + y, 0);
    const seconds = (Math.max(a.doneUs, b.doneUs) - Math.min(a.startUs, b.startUs)) / 1e6;
    const stored = await server.storedTexts(doc);
    const checks: Check[] = [
      { name: 'both clients converge on endContent', ok: a.textOk && b.textOk },
      {
        name: 'every update acknowledged',
        ok: a.acked === a.sent && b.acked === b.sent,
        detail: `${a.acked}/${a.sent}, ${b.acked}/${b.sent}`,
      },
      {
        name: server.isPlenary ? 'the store holds endContent' : 'the server holds endContent',
        ok: stored?.get(SETUP) === prepared[0]!.expected,
      },
      { name: 'no client dropped', ok: !a.dropped && !b.dropped, detail: [a.dropped, b.dropped].filter(Boolean).join('; ') },
    ];
    const stats = phaseStats(before, after);
    return {
      server: server.label,
      latency: summarize(samples),
      curve: percentileCurve(samples),
      throughput: { value: transactions / seconds, unit: 'edits/s' },
      server_: stats,
      loadCpu: generatorCpu(genBefore, genAfter),
      extra: {
        'replay time (s)': round(seconds, 2),
        transactions,
        'server CPU per edit (µs)': round((stats.cpu * seconds * 1e6) / transactions, 1),
      },
      checks,
    };
  } finally {
    await gens.all('closeAll').catch(() => {});
    await gens.close();
  }
}

export const s5: Scenario = {
  id: 'S5',
  title: 'Replay of the concurrent trace friendsforever with two clients, one per author',
  target: 'both converge on endContent',
  async run(options) {
    const measurements: Measurement[] = [];
    for (const spec of [BARE, ...plenarySpecs(options)]) {
      measurements.push(
        await measureEach(
          options,
          () => startServer(options, spec),
          (server) => replay(options, server),
          spec.label,
        ),
      );
    }
    const plenary = find(measurements, 'Plenary');
    const converged = plenary?.checks.find((check) => check.name.startsWith('both clients'))?.ok;
    return {
      setup:
        (options.quick ? `The first ${QUICK_TRANSACTIONS.toLocaleString('en-US')} transactions of ` : '') +
        "friendsforever: 26,078 transactions by two authors who typed at the same time (2,258 merges). Each author is a client in its own load-generator process; its copy of the document is forked and merged as the trace says, and each transaction is sent once the other author's insertions it was made on have arrived through the server, so the two streams interleave as they did. A quick run replays a prefix, whose expected text is what merging the prefix gives; the full run checks against the trace's endContent. Latency: each inserted character, sent by one author → applied by the other.",
      latencyLabel: 'character sent by one author → applied by the other',
      measurements,
      met: converged === undefined ? null : converged && allPassed(measurements),
      verdict:
        converged === undefined
          ? 'not measured'
          : converged
            ? 'both clients and the store converge on endContent'
            : 'the clients did not converge',
      notes: [],
    };
  },
};
