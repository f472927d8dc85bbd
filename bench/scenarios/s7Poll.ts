/**
 * S7: a live poll in a plenary session: thousands of viewers on `live:{meetingId}`, two thousand
 * ballots cast over HTTP within two seconds. The tally must be exact (results route and every
 * viewer), every viewer must show the final tally soon after the last ballot, and ballots must be
 * answered fast. Bare Hocuspocus has no commands or projections: there is no baseline row.
 */
import { nowUs, sleep } from '../lib/clock.ts';
import { type Check, Generators, phaseStats, plenarySpecs, type RunOptions, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import { localAddress, type ServerUnderTest } from '../lib/servers.ts';
import { concat, percentileCurve, summarize } from '../lib/stats.ts';
import type { ClientSpec, ConnectResult } from '../load/generator.ts';
import { allPassed, find, measureEach, ms, round, type Scenario } from './scenario.ts';

interface Config {
  viewers: number;
  ballots: number;
  windowMs: number;
  generators: number;
}

async function poll(options: RunOptions, server: ServerUnderTest, config: Config): Promise<Measurement> {
  const [meeting] = await server.documents(1, 'poll');
  const meetingId = meeting!.meetingId;
  const liveDoc = `live:${meetingId}`;
  const [chair] = await server.users(1, 'chair');
  const viewers = await server.users(config.viewers, 'member');
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.httpUrl}${path}`, {
      method: 'POST',
      headers: { cookie: chair!.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; options: { id: string; label: string }[] };
  };
  const created = await post(`/api/meetings/${meetingId}/polls`, {
    question: 'Should the MAG hold its second open consultation online?',
    kind: 'single',
    options: [{ label: 'Yes' }, { label: 'No' }, { label: 'Abstain' }],
    audience: 'members',
    results: 'live',
  });
  await post(`/api/polls/${created.id}/open`, {});
  const optionIds = created.options.map((option) => option.id);
  const expected: Record<string, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
  const voters = viewers.slice(0, config.ballots).map((user, k) => {
    const choice = optionIds[k % 3 === 2 ? 2 : k % 5 === 0 ? 1 : 0]!;
    expected[choice]!++;
    return { cookie: user.cookie, choice, slot: k };
  });

  const tokens = await server.tokens(viewers.map((user) => ({ user, doc: liveDoc })));
  const specs: ClientSpec[] = viewers.map((_, i) => ({
    index: i,
    url: server.url,
    docName: liveDoc,
    token: tokens[i]!,
    localAddress: localAddress(i, 8),
    apply: true,
    awareness: true,
  }));
  const gens = await Generators.start(config.generators, options.settings.verbose);
  // Voters vote from a process of their own, as they would from their own devices.
  const votingGens = await Generators.start(1, options.settings.verbose);
  try {
    options.log(`    ${config.viewers} viewers connecting`);
    const connects = await gens.all<ConnectResult>('connect', (g: number) => ({
      clients: specs.filter((spec) => spec.index % gens.count === g),
      ratePerSec: 1000 / gens.count,
      timeoutMs: 120_000,
    }));
    const failures = connects.flatMap((result) => result.failures);
    if (failures.length > 0) throw new Error(`viewers failed to connect: ${failures.slice(0, 3).join('; ')}`);
    await gens.all('watchPoll', { pollId: created.id, ballots: config.ballots, tally: expected });
    await sleep(500);
    await server.resetStats();
    const before = await server.stats();
    const startAtUs = nowUs() + 300_000;
    const spacingUs = (config.windowMs * 1000) / config.ballots;
    options.log(`    ${config.ballots} ballots in ${config.windowMs / 1000} s`);
    const cast = await votingGens.all<{ started: Float64Array; ended: Float64Array; statuses: Int32Array }>('vote', {
      baseUrl: server.httpUrl,
      pollId: created.id,
      voters,
      startAtUs,
      spacingUs,
    });
    // The last ballot: the moment the last voter cast it.
    const lastBallotUs = Math.max(...cast.map((c) => Math.max(...c.started)));
    const watched = await gens.all<{ seen: Float64Array; viewers: number; dropped: number; updatesPerViewer: number }>(
      'awaitPoll',
      { timeoutMs: 30_000 },
    );
    const after = await server.stats();
    const results = (await (
      await fetch(`${server.httpUrl}/api/polls/${created.id}/results`, { headers: { cookie: chair!.cookie } })
    ).json()) as { ballots: number; tally?: Record<string, number> };
    const ballotMs = concat(cast.map((c) => Float64Array.from(c.ended, (end, k) => (end - c.started[k]!) / 1000)));
    const statuses = cast.flatMap((c) => [...c.statuses]);
    const refused = statuses.filter((status) => status !== 200);
    const seen = concat(watched.map((w) => w.seen));
    const behindMs = Float64Array.from(seen, (at) => (at - lastBallotUs) / 1000);
    const lag = summarize(behindMs);
    const viewerCount = watched.reduce((sum, w) => sum + w.viewers, 0);
    const checks: Check[] = [
      {
        name: 'every ballot accepted',
        ok: refused.length === 0,
        detail: refused.length ? `${refused.length} refused (e.g. ${refused[0]})` : `${statuses.length} ballots`,
      },
      {
        name: 'the results route shows the exact tally',
        ok: results.ballots === config.ballots && optionIds.every((id) => results.tally?.[id] === expected[id]),
        detail: JSON.stringify(results.tally),
      },
      {
        name: 'every viewer shows the exact final tally',
        ok: seen.length === viewerCount,
        detail: `${seen.length} of ${viewerCount} viewers`,
      },
      { name: 'no viewer dropped', ok: watched.every((w) => w.dropped === 0) },
    ];
    const stats = phaseStats(before, after);
    return {
      server: server.label,
      latency: summarize(ballotMs),
      curve: percentileCurve(ballotMs),
      throughput: { value: config.ballots / ((lastBallotUs - startAtUs) / 1e6), unit: 'ballots/s' },
      server_: stats,
      loadCpu: null,
      extra: {
        'final tally on every viewer, after the last ballot: p50 (ms)': round(lag.p50, 0),
        'final tally on every viewer, after the last ballot: max (ms)': round(lag.max, 0),
        'server RSS with every viewer connected (MB)': round(before.rssBytes / 2 ** 20, 0),
        'live-document updates per viewer while voting': round(
          watched.reduce((sum, w) => sum + w.updatesPerViewer, 0) / watched.length,
          0,
        ),
      },
      checks,
    };
  } finally {
    await gens.all('closeAll').catch(() => {});
    await gens.close();
    await votingGens.close();
  }
}

export const s7: Scenario = {
  id: 'S7',
  title: 'Live poll: 5,000 viewers, 2,000 ballots in 2 s',
  target: 'exact tally; final tally on every viewer ≤ 1 s after the last ballot; ballot p99 ≤ 50 ms',
  async run(options) {
    const config: Config = options.quick
      ? { viewers: 500, ballots: 200, windowMs: 2_000, generators: 1 }
      : { viewers: 5_000, ballots: 2_000, windowMs: 2_000, generators: 2 };
    const measurements: Measurement[] = [];
    for (const spec of plenarySpecs(options)) {
      measurements.push(
        await measureEach(
          options,
          () => startServer(options, spec),
          (server) => poll(options, server, config),
          spec.label,
        ),
      );
    }
    const plenary = find(measurements, 'Plenary');
    const p99 = plenary?.latency?.p99;
    const behind = plenary?.extra['final tally on every viewer, after the last ballot: max (ms)'] as number | undefined;
    return {
      setup: `${config.viewers.toLocaleString('en-US')} signed-in members watch live:{meetingId} (read-only, as the meeting page opens it); the chair creates and opens a single-choice poll over HTTP; ${config.ballots.toLocaleString('en-US')} of the members cast a ballot each (PUT /api/polls/:id/ballot with their session cookie) on a fixed schedule spread over ${config.windowMs / 1000} s, from a load-generator process of their own (the viewers are in ${config.generators} other(s)). Latency: each ballot's HTTP request, sent → answered. "After the last ballot": from the moment the last ballot was sent to the moment a viewer's copy of the poll shows all ${config.ballots.toLocaleString('en-US')} ballots with the exact tally.`,
      latencyLabel: 'ballot request → answer',
      measurements,
      met: p99 !== undefined && behind !== undefined ? p99 <= 50 && behind <= 1000 && allPassed(measurements) : null,
      verdict:
        p99 === undefined
          ? 'not measured'
          : `ballot p99 ${ms(p99)} (target ≤ 50 ms); every viewer had the exact final tally ${ms(behind)} after the last ballot at most (target ≤ 1 s).`,
      notes: [
        'The live projection writes a poll\'s entry at most once per interval, which grows with the audience (server/src/live/liveProjection.ts, intervalFor: 500 ms for 5,000 viewers): "live-document updates per viewer" counts the messages each viewer received while voting went on. Voters vote over keep-alive connections opened before the window, as devices that have loaded the meeting page have (bench/load/polls.ts).',
        'Bare Hocuspocus has no HTTP commands or server-written projections, so this scenario has no baseline row.',
      ],
    };
  },
};
