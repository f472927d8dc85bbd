/**
 * S7: a live poll in a plenary session: thousands of viewers on `live:{meetingId}`, two thousand
 * ballots cast over HTTP within two seconds. The tally must be exact (results route and every
 * viewer), every viewer must show the final tally soon after the last ballot, and ballots must be
 * answered fast. Bare Hocuspocus has no commands or projections: there is no baseline row.
 */
import { nowUs, sleep } from '../lib/clock.ts';
import { type Check, generatorCpu, phaseStats, type RunOptions } from '../lib/context.ts';
import { cpuShare } from '../lib/processStats.ts';
import type { Measurement } from '../lib/results.ts';
import type { ServerUnderTest } from '../lib/servers.ts';
import { concat, percentileCurve, summarize } from '../lib/stats.ts';
import { type CastReport, callJson, measurePlenary, summarizeCast, withLiveAudience } from './liveAudience.ts';
import { allPassed, find, ms, round, type Scenario } from './scenario.ts';

export interface PollConfig {
  viewers: number;
  ballots: number;
  windowMs: number;
  generators: number;
}

/** One poll on a running server (S7; S15 runs it at a small size before its last measurement). */
export async function poll(options: RunOptions, server: ServerUnderTest, config: PollConfig): Promise<Measurement> {
  const [meeting] = await server.documents(1, 'poll');
  const meetingId = meeting!.meetingId;
  const [chair] = await server.users(1, 'chair');
  const viewers = await server.users(config.viewers, 'member');
  const post = (path: string, body: unknown) =>
    callJson<{ id: string; options: { id: string; label: string }[] }>(server, chair!.cookie, 'POST', path, body);
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

  const setup = { users: viewers, liveDoc: `live:${meetingId}`, generators: config.generators };
  return withLiveAudience(options, server, setup, async ({ viewers: gens, actors }) => {
    await gens.all('watchPoll', { pollId: created.id, ballots: config.ballots, tally: expected });
    await sleep(500);
    await server.resetStats();
    const before = await server.stats();
    const [viewersBefore, votersBefore] = await Promise.all([gens.stats(), actors.stats()]);
    await server.timeRequests('PUT', '/ballot');
    const startAtUs = nowUs() + 300_000;
    const spacingUs = (config.windowMs * 1000) / config.ballots;
    options.log(`    ${config.ballots} ballots in ${config.windowMs / 1000} s`);
    // The last ballot: the moment the last voter cast it.
    const cast = summarizeCast(
      await actors.all<CastReport>('vote', { baseUrl: server.httpUrl, pollId: created.id, voters, startAtUs, spacingUs }),
    );
    const watched = await gens.all<{ seen: Float64Array; viewers: number; dropped: number; updatesPerViewer: number }>(
      'awaitPoll',
      { timeoutMs: 30_000 },
    );
    const after = await server.stats();
    const [viewersAfter, votersAfter] = await Promise.all([gens.stats(), actors.stats()]);
    const inServer = summarize(await server.timedRequests());
    const results = await callJson<{ ballots: number; tally?: Record<string, number> }>(
      server,
      chair!.cookie,
      'GET',
      `/api/polls/${created.id}/results`,
    );
    const seen = concat(watched.map((w) => w.seen));
    const behindMs = Float64Array.from(seen, (at) => (at - cast.lastSentUs) / 1000);
    const lag = summarize(behindMs);
    const viewerCount = watched.reduce((sum, w) => sum + w.viewers, 0);
    const checks: Check[] = [
      {
        name: 'every ballot accepted',
        ok: cast.refused.length === 0,
        detail: cast.refused.length
          ? `${cast.refused.length} refused (e.g. ${cast.refused[0]})`
          : `${cast.statuses.length} ballots`,
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
    return {
      server: server.label,
      latency: summarize(cast.latencyMs),
      curve: percentileCurve(cast.latencyMs),
      throughput: { value: config.ballots / ((cast.lastSentUs - startAtUs) / 1e6), unit: 'ballots/s' },
      server_: phaseStats(before, after),
      // The viewers and the voters share the server's two cores here: what they take is not the server's.
      loadCpu: generatorCpu([...viewersBefore, ...votersBefore], [...viewersAfter, ...votersAfter]),
      extra: {
        'final tally on every viewer, after the last ballot: p50 (ms)': round(lag.p50, 0),
        'final tally on every viewer, after the last ballot: max (ms)': round(lag.max, 0),
        'server RSS with every viewer connected (MB)': round(before.rssBytes / 2 ** 20, 0),
        'ballot inside the server, its head read → its answer written: p50 (ms)': round(inServer.p50, 1),
        'ballot inside the server, its head read → its answer written: p99 (ms)': round(inServer.p99, 1),
        "viewers' load generators' CPU, first ballot to final tally (cores)": round(generatorCpu(viewersBefore, viewersAfter), 2),
        "voters' load generator's CPU, first ballot to final tally (cores)": round(
          cpuShare(votersBefore[0]!, votersAfter[0]!),
          2,
        ),
        'live-document updates per viewer while voting': round(
          watched.reduce((sum, w) => sum + w.updatesPerViewer, 0) / watched.length,
          0,
        ),
      },
      checks,
    };
  });
}

export const s7: Scenario = {
  id: 'S7',
  title: 'Live poll: 5,000 viewers, 2,000 ballots in 2 s',
  target: 'exact tally; final tally on every viewer ≤ 1 s after the last ballot; ballot p99 ≤ 50 ms',
  async run(options) {
    const config: PollConfig = options.quick
      ? { viewers: 500, ballots: 200, windowMs: 2_000, generators: 1 }
      : { viewers: 5_000, ballots: 2_000, windowMs: 2_000, generators: 2 };
    const measurements = await measurePlenary(options, (server) => poll(options, server, config));
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
        'The live projection writes a poll\'s entry at most once per interval, which grows with the audience (server/src/live/liveProjection.ts, intervalFor: 500 ms for 5,000 viewers; while the ballots keep coming, streamIntervalFor: 2.5 s, and the final tally once they pause for 100 ms): "live-document updates per viewer" counts the messages each viewer received while voting went on. Voters vote over keep-alive connections opened before the window, as devices that have loaded the meeting page have (bench/load/polls.ts).',
        "The viewers' and the voters' load generators share the server's two cores (load-generator CPU, and each beside the figures): every tally sent while voting is an update for each of the 5,000 viewers to apply. A ballot's time inside the server (from the moment Node has read its head to the moment its answer goes to the socket) against its latency at the client tells the wait before the server reads a request (its event loop busy, or no core free for it) from the server's own time.",
        'Bare Hocuspocus has no HTTP commands or server-written projections, so this scenario has no baseline row.',
      ],
    };
  },
};
