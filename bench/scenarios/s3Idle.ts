/**
 * S3: many idle, signed-in connections over many documents: memory per connection, and connect +
 * first sync while connections arrive at a steady rate.
 */
import { sleep } from '../lib/clock.ts';
import { BARE, type Check, Generators, generatorCpu, plenarySpecs, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import { localAddress, type ServerUnderTest } from '../lib/servers.ts';
import { concat, percentileCurve, summarize } from '../lib/stats.ts';
import type { ClientSpec, ConnectResult } from '../load/generator.ts';
import { allPassed, find, measureEach, ms, round, type Scenario } from './scenario.ts';

interface Config {
  connections: number;
  documents: number;
  ratePerSec: number;
  holdMs: number;
  generators: number;
}

async function idle(options: Parameters<Scenario['run']>[0], server: ServerUnderTest, config: Config): Promise<Measurement> {
  const documents = await server.documents(config.documents);
  const users = await server.users(config.connections);
  const grants = users.map((user, i) => ({ user, doc: documents[i % documents.length]!.doc }));
  const gens = await Generators.start(config.generators, options.settings.verbose);
  try {
    await server.gc();
    await sleep(200);
    await server.resetStats();
    const before = await server.stats();
    const gensBefore = await gens.stats();
    // Tokens live five minutes: mint them in slices, just before their connections open.
    const slice = Math.max(config.ratePerSec * 60, 1000);
    options.log(`    opening ${config.connections} connections over ${config.documents} documents at ${config.ratePerSec}/s`);
    const connectMs: Float64Array[] = [];
    const openMs: Float64Array[] = [];
    const failures: string[] = [];
    for (let from = 0; from < grants.length; from += slice) {
      const tokens = await server.tokens(grants.slice(from, from + slice));
      const specs: ClientSpec[] = grants.slice(from, from + slice).map((grant, k) => ({
        index: from + k,
        url: server.url,
        docName: grant.doc,
        token: tokens[k]!,
        localAddress: localAddress(from + k, 8),
        apply: false,
        awareness: true,
      }));
      const results = await gens.all<ConnectResult>('connect', (g: number) => ({
        clients: specs.filter((spec) => spec.index % gens.count === g),
        ratePerSec: config.ratePerSec / gens.count,
        timeoutMs: 60_000,
      }));
      for (const result of results) {
        connectMs.push(result.connectMs);
        openMs.push(result.openMs);
        failures.push(...result.failures);
      }
    }
    const connected = await server.stats();
    // The generators' own event loops are in every latency they measure: a tail they cause is not the server's.
    const gensConnected = await gens.stats();
    options.log(`    holding them idle for ${config.holdMs / 1000} s`);
    await sleep(config.holdMs);
    await server.gc();
    await sleep(500);
    const after = await server.stats();
    const counts = await server.child.call<{ connections: number; documents: number }>('collabCounts');
    const dropped = (await gens.all<string[]>('dropped')).flat();
    const samples = concat(connectMs);
    const latency = summarize(samples);
    // The TCP connect and the upgrade alone: whether a tail is before the first frame or after it.
    const upgrade = summarize(concat(openMs));
    const perConnectionKb = (after.rssBytes - before.rssBytes) / config.connections / 1024;
    const heapPerConnectionKb = (after.heapUsedBytes - before.heapUsedBytes) / config.connections / 1024;
    const checks: Check[] = [
      {
        name: 'every connection authenticated and synced',
        ok: failures.length === 0,
        detail: failures.slice(0, 3).join('; ') || `${config.connections} connections`,
      },
      { name: 'no connection dropped while idle', ok: dropped.length === 0, detail: dropped.slice(0, 3).join('; ') },
      {
        name: 'the server counts every connection',
        ok: counts.connections === config.connections,
        detail: `${counts.connections} connections, ${counts.documents} documents`,
      },
    ];
    return {
      server: server.label,
      latency,
      curve: percentileCurve(samples),
      throughput: { value: config.connections / ((connected.atMs - before.atMs) / 1000), unit: 'connections/s' },
      server_: {
        cpu: (connected.cpuUs - before.cpuUs) / ((connected.atMs - before.atMs) * 1000),
        rssMb: after.rssBytes / 2 ** 20,
        heapMb: after.heapUsedBytes / 2 ** 20,
        eventLoopP99Ms: connected.eventLoopDelay.p99,
        eventLoopMaxMs: connected.eventLoopDelay.max,
      },
      loadCpu: generatorCpu(gensBefore, gensConnected),
      extra: {
        'WebSocket open p50 (ms)': round(upgrade.p50, 2),
        'WebSocket open p99 (ms)': round(upgrade.p99, 1),
        "load generators' event-loop delay p99, worst (ms)": round(
          Math.max(...gensConnected.map((g) => g.eventLoopDelay.p99)),
          1,
        ),
        "load generators' event-loop delay max, worst (ms)": round(
          Math.max(...gensConnected.map((g) => g.eventLoopDelay.max)),
          1,
        ),
        'memory per connection, RSS (KB)': round(perConnectionKb, 1),
        'memory per connection, JS heap (KB)': round(heapPerConnectionKb, 1),
        'RSS before connections (MB)': round(before.rssBytes / 2 ** 20, 0),
        'RSS with every connection idle (MB)': round(after.rssBytes / 2 ** 20, 0),
      },
      checks,
    };
  } finally {
    await gens.all('closeAll').catch(() => {});
    await gens.close();
  }
}

export const s3: Scenario = {
  id: 'S3',
  title: '10,000 idle signed-in connections over 1,000 documents',
  target: '≤ 40 KB server memory per connection; connect + first sync p99 ≤ 100 ms at 500 connections/s',
  async run(options) {
    const config: Config = options.quick
      ? { connections: 500, documents: 50, ratePerSec: 500, holdMs: 1_000, generators: 1 }
      : { connections: 10_000, documents: 1_000, ratePerSec: 500, holdMs: 10_000, generators: 2 };
    const measurements: Measurement[] = [];
    for (const spec of [BARE, ...plenarySpecs(options)].filter(
      (spec) => !process.env.BENCH_ONLY_SERVER || spec.label.startsWith(process.env.BENCH_ONLY_SERVER),
    )) {
      measurements.push(
        await measureEach(
          options,
          () => startServer(options, spec),
          (server) => idle(options, server, config),
          spec.label,
        ),
      );
    }
    const plenary = find(measurements, 'Plenary');
    const kb = plenary?.extra['memory per connection, RSS (KB)'] as number | undefined;
    const p99 = plenary?.latency?.p99;
    return {
      setup: `${config.connections.toLocaleString('en-US')} connections, each its own signed-in user with a token for its document, spread evenly over ${config.documents.toLocaleString('en-US')} agendas, opened at ${config.ratePerSec}/s from ${config.generators} load-generator process(es) on 8 loopback addresses, then held idle for ${config.holdMs / 1000} s. Each sends what the provider sends (token, sync step 1, an awareness state). Memory: the server's RSS (and JS heap) after a GC with every connection idle, minus the same before the first connection, divided by the connections.`,
      latencyLabel: 'WebSocket open → authenticated and first sync received',
      measurements,
      met: kb !== undefined && p99 !== undefined ? kb <= 40 && p99 <= 100 && allPassed(measurements) : null,
      verdict:
        kb === undefined
          ? 'not measured'
          : `Plenary ${kb.toFixed(1)} KB per connection (target ≤ 40 KB), connect + first sync p99 ${ms(p99)} (target ≤ 100 ms).`,
      notes: [],
    };
  },
};
