/**
 * S6: cold load of the S4 document from the store: the document is stored, unloaded (no client
 * left), and then a client connects; measured from the WebSocket's opening to the first sync
 * received, with the text checked each time.
 */
import { sleep, waitUntil } from '../lib/clock.ts';
import { BARE, type Check, Generators, plenarySpecs, type RunOptions, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import { localAddress, type ServerSpec, type ServerUnderTest } from '../lib/servers.ts';
import { percentileCurve, summarize } from '../lib/stats.ts';
import type { ConnectResult } from '../load/generator.ts';
import { allPassed, find, measureEach, ms, round, type Scenario } from './scenario.ts';
import { QUICK_TRANSACTIONS, TRACE } from './s4Replay.ts';

const WRITER = 77;
const BARE_STORED: ServerSpec = { ...BARE, label: 'bare Hocuspocus (in-memory store)', env: { BENCH_MEMORY_STORE: '1' } };

async function coldLoads(options: RunOptions, server: ServerUnderTest, loads: number): Promise<Measurement> {
  const [document] = await server.documents(1);
  const doc = document!.doc;
  const [user] = await server.users(1);
  const [token] = await server.tokens([{ user: user!, doc }]);
  const gens = await Generators.start(1, options.settings.verbose);
  try {
    const gen = gens.at(0);
    const prepared = await gen.call<{ expected: string }>('prepareSequential', {
      trace: TRACE,
      clientId: WRITER,
      ...(options.quick ? { limit: QUICK_TRANSACTIONS } : {}),
    });
    const connected = await gen.call<ConnectResult>('connect', {
      clients: [{ index: 0, url: server.url, docName: doc, token: token!, apply: false, awareness: true }],
    });
    if (connected.failures.length > 0) throw new Error(connected.failures.join('; '));
    const { bytes } = await gen.call<{ bytes: number }>('sendState', { index: 0 });
    await gen.call('closeAll');
    const unloaded = () => waitUntil(async () => !(await server.isLoaded(doc)), 60_000, 'the document to be unloaded', 5);
    await unloaded();
    await server.resetStats();
    const before = await server.stats();
    const times: number[] = [];
    let wrong = 0;
    options.log(`    ${loads} cold loads of a ${Math.round(bytes / 1024)} KB document`);
    for (let i = 0; i < loads; i++) {
      const result = await gen.call<{ connectMs: number; textOk: boolean }>('coldLoad', {
        url: server.url,
        docName: doc,
        token,
        expected: prepared.expected,
        clientId: WRITER,
        localAddress: localAddress(i),
      });
      times.push(result.connectMs);
      if (!result.textOk) wrong++;
      await unloaded();
      await sleep(20);
    }
    const after = await server.stats();
    const samples = Float64Array.from(times);
    const checks: Check[] = [{ name: 'every load has the whole text', ok: wrong === 0, detail: `${loads - wrong} of ${loads}` }];
    return {
      server: server.label,
      latency: summarize(samples),
      curve: percentileCurve(samples),
      throughput: null,
      server_: {
        cpu: (after.cpuUs - before.cpuUs) / ((after.atMs - before.atMs) * 1000),
        rssMb: after.rssBytes / 2 ** 20,
        heapMb: after.heapUsedBytes / 2 ** 20,
        eventLoopP99Ms: after.eventLoopDelay.p99,
        eventLoopMaxMs: after.eventLoopDelay.max,
      },
      loadCpu: null,
      extra: { 'document (KB, one update)': round(bytes / 1024, 0), loads },
      checks,
    };
  } finally {
    await gens.all('closeAll').catch(() => {});
    await gens.close();
  }
}

export const s6: Scenario = {
  id: 'S6',
  title: 'Cold load of the S4 document from the store',
  target: 'p50 ≤ 30 ms',
  async run(options) {
    const loads = options.quick ? 10 : 50;
    const measurements: Measurement[] = [];
    for (const spec of [BARE_STORED, ...plenarySpecs(options)]) {
      measurements.push(
        await measureEach(
          options,
          () => startServer(options, spec),
          (server) => coldLoads(options, server, loads),
          spec.label,
        ),
      );
    }
    const p50 = find(measurements, 'Plenary')?.latency?.p50;
    return {
      setup: `The ${options.quick ? `first ${QUICK_TRANSACTIONS.toLocaleString('en-US')} transactions of the ` : ''}${TRACE} document, written through the server and stored (Plenary folds it into a snapshot when the last client leaves; the baseline keeps Y.encodeStateAsUpdate in a Map), then ${loads} times: a client connects to the unloaded document (the server reads and applies the stored state, then sends it), the text is checked, the client leaves and the document is unloaded again.`,
      latencyLabel: 'WebSocket open → authenticated and first sync received (document not in memory)',
      measurements,
      met: p50 === undefined ? null : p50 <= 30 && allPassed(measurements),
      verdict: p50 === undefined ? 'not measured' : `Plenary p50 ${ms(p50)} (target ≤ 30 ms).`,
      notes: [],
    };
  },
};
