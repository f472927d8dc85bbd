/**
 * S16: a burst of mentions during the usual meeting. The light typing load (50 clients on one
 * agenda, 10 of them typing) is measured twice on fresh Plenary servers: once alone, and once
 * while 500 comments, each mentioning another member, are posted on that agenda over HTTP in the
 * measured window. Each mention writes a notification and queues an email, the thread goes into
 * `live:{meetingId}` for the authors watching it, and the emails are composed and written while
 * the others type (the servers coalesce emails for 1 s instead of a minute so that the work falls
 * inside the window). The typists must not feel it: typing p99 with the burst at most 1.1× without.
 */
import { nowUs, sleep } from '../lib/clock.ts';
import { type Check, Generators, plenarySpecs, type RunOptions, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import { type BenchUser, localAddress, type ServerSpec, type ServerUnderTest } from '../lib/servers.ts';
import { concat, summarize } from '../lib/stats.ts';
import { type ThreadGroupTimes, threadTimesOver } from '../lib/threadTimes.ts';
import type { ClientSpec, ConnectResult } from '../load/generator.ts';
import { callJson } from './liveAudience.ts';
import { lightMeetingLoad } from './s14LightMeeting.ts';
import { allPassed, failedMeasurement, find, ms, round, type Scenario, typingMeasurement } from './scenario.ts';
import { interleavedRounds, runTyping, type TypingConfig, type TypingOutcome } from './typing.ts';

interface Config {
  typing: TypingConfig;
  /** Comments in the burst, each mentioning one member (a different one each). */
  comments: number;
  /** People who post them (each route allows 30 comments per person per minute). */
  authors: number;
  /** The burst is spread evenly over this long, from the end of the warm-up. */
  burstMs: number;
  rounds: number;
}

interface Burst {
  started: Float64Array;
  ended: Float64Array;
  statuses: Int32Array;
  ids: string[];
  /** The posting load generator's CPU from the first comment to the last answer, µs. */
  cpuUs: number;
  /** The server's CPU over the same span (typing included), µs. */
  serverCpuUs: number;
}

/** The servers coalesce each person's immediate emails for 1 s (1 min by default), checking every 200 ms. */
const NOTIFY_ENV = { NOTIFY_COALESCE_MS: '1000', NOTIFY_TICK_MS: '200' };
/** The label of the row with the burst. */
const burstLabel = (comments: number) => ` + ${comments} mentions`;

/** One round of one row: a fresh server, the authors watching the live document, typing, and the burst or not. */
async function measureRound(
  options: RunOptions,
  spec: ServerSpec,
  config: Config,
  withBurst: boolean,
): Promise<{ outcome: TypingOutcome; burst: Burst | null; threads: SpanThreads | null }> {
  const server = await startServer(options, spec);
  const actors = await Generators.start(1, options.settings.verbose);
  try {
    const [meeting] = await server.documents(1, 'mentions');
    const authors = await server.users(config.authors);
    const mentioned = await server.users(config.comments);
    // The authors have the meeting page open: the threads they post reach them through live:{meetingId}.
    // They read each update's metadata and do not apply it: the frames on the wire are the same, and
    // 50 Y.Docs applying every thread in the process that also posts the comments took about 1.9 ms
    // of CPU per comment from the two cores the server runs on (bench/IMPROVEMENTS.md).
    const liveTokens = await server.tokens(authors.map((user) => ({ user, doc: `live:${meeting!.meetingId}` })));
    const watchers: ClientSpec[] = authors.map((_, i) => ({
      index: i,
      url: server.url,
      docName: `live:${meeting!.meetingId}`,
      token: liveTokens[i]!,
      localAddress: localAddress(i + 4, 8),
      apply: false,
      awareness: true,
    }));
    const [connected] = await actors.all<ConnectResult>('connect', { clients: watchers, ratePerSec: 0, timeoutMs: 30_000 });
    if (connected!.failures.length > 0)
      throw new Error(`watchers failed to connect: ${connected!.failures.slice(0, 3).join('; ')}`);

    let burst: Promise<Burst> | null = null;
    let threads: Promise<Record<string, ThreadGroupTimes> | null> = Promise.resolve(null);
    let emailsAtEnd: Record<string, number> = {};
    const requests = mentioned.map((member, k) => ({
      cookie: authors[k % authors.length]!.cookie,
      body: { doc: meeting!.doc, body: `<@${member.userId}> could you check the wording of paragraph ${k + 1}?` },
    }));
    const outcome = await runTyping(options, [server], {
      ...config.typing,
      document: meeting!,
      threadSpan: { fromMs: config.typing.warmupMs, toMs: config.typing.warmupMs + config.burstMs },
      onStart(startAtUs) {
        const burstAtUs = startAtUs + config.typing.warmupMs * 1000;
        // Where the server's threads spent the burst's span (in both rows, the same span of typing);
        // a diagnostic: a failed reading gives none, it does not fail the round.
        threads = threadTimesOver(async () => [await server.threads()], burstAtUs, burstAtUs + config.burstMs * 1000).catch(
          () => null,
        );
        if (!withBurst) return;
        options.log(`    ${config.comments} comments with a mention each over ${config.burstMs / 1000} s`);
        // The server's CPU from the first comment to the last answer (robust where latencies are not).
        const before = sleep((burstAtUs - nowUs()) / 1000).then(() => server.stats());
        burst = actors
          .at(0)
          .call<Omit<Burst, 'serverCpuUs'>>('postComments', {
            baseUrl: server.httpUrl,
            path: '/api/threads',
            requests,
            startAtUs: burstAtUs,
            spacingUs: (config.burstMs * 1000) / config.comments,
          })
          .then(async (posted) => {
            const [from, to] = await Promise.all([before, server.stats()]);
            return { ...posted, serverCpuUs: to.cpuUs - from.cpuUs };
          });
        // Awaited in `after`; a failure fails the round there, never as an unhandled rejection.
        burst.catch(() => {});
      },
      around: {
        before: async () => {},
        after: async () => {
          if (burst) await burst;
          emailsAtEnd = await server.emailOutbox(mentioned.map((member) => member.userId));
        },
      },
    });
    const serverThreads = await threads;
    const span = serverThreads ? { server: serverThreads, typists: outcome.generatorThreads } : null;
    if (!withBurst) return { outcome, burst: null, threads: span };
    const posted = await burst!;
    outcome.checks.push(...(await mentionChecks(server, mentioned, posted, emailsAtEnd)));
    return { outcome, burst: posted, threads: span };
  } finally {
    await actors.all('closeAll').catch(() => {});
    await actors.close();
    await server.stop().catch(() => {});
  }
}

/** Where the threads spent the burst's span in one round: the server's, and the typing clients' processes' (summed). */
interface SpanThreads {
  server: Record<string, ThreadGroupTimes>;
  typists: Record<string, ThreadGroupTimes> | null;
}

/**
 * Where the threads spent the burst's span, in ms per second, averaged over the rounds: the
 * server's event loop on a core and waiting for one, its other threads by name, and the typing
 * clients' processes (their event loops, where the latency is measured, as `main`), each group as
 * "on a core / waiting". Off Linux, nothing.
 */
function threadExtras(rounds: SpanThreads[], spanMs: number): Record<string, number | string> {
  if (rounds.length === 0) return {};
  type Groups = Record<string, ThreadGroupTimes>;
  /** The rounds' mean of `pick`, in ms per second of the span. */
  const perSecond = (all: Groups[], pick: (groups: Groups) => number) =>
    round(all.reduce((sum, groups) => sum + pick(groups), 0) / all.length / (spanMs / 1000), 0);
  const groupsLine = (all: Groups[], skipMain: boolean) =>
    [...new Set(all.flatMap((groups) => Object.keys(groups)))]
      .filter((name) => !(skipMain && name === 'main'))
      .map((name) => ({
        name,
        run: perSecond(all, (groups) => groups[name]?.runMs ?? 0),
        wait: perSecond(all, (groups) => groups[name]?.waitMs ?? 0),
      }))
      .filter((group) => group.run + group.wait >= 1)
      .sort((a, b) => b.run - a.run)
      .map((group) => `${group.name} ${group.run}/${group.wait}`)
      .join(', ') || 'none';
  const server = rounds.map((r) => r.server);
  const typists = rounds.flatMap((r) => (r.typists ? [r.typists] : []));
  return {
    'server event loop over the burst’s span: on a core (ms per s)': perSecond(server, (groups) => groups.main?.runMs ?? 0),
    'server event loop over the burst’s span: waiting for a core (ms per s)': perSecond(
      server,
      (groups) => groups.main?.waitMs ?? 0,
    ),
    'server’s other threads over the burst’s span: on a core / waiting (ms per s)': groupsLine(server, true),
    ...(typists.length > 0
      ? { 'typing clients’ processes over the burst’s span: on a core / waiting (ms per s)': groupsLine(typists, false) }
      : {}),
  };
}

/** Every comment accepted; every mention a notification in its member's inbox; every member's email written. */
async function mentionChecks(
  server: ServerUnderTest,
  mentioned: BenchUser[],
  posted: Burst,
  emailsAtEnd: Record<string, number>,
): Promise<Check[]> {
  const refused = [...posted.statuses].filter((status) => status !== 201);
  const missing: string[] = [];
  for (let k = 0; k < mentioned.length; k += 25) {
    await Promise.all(
      mentioned.slice(k, k + 25).map(async (member, j) => {
        const threadId = posted.ids[k + j];
        const inbox = await callJson<{ items: { kind: string; link: string }[] }>(
          server,
          member.cookie,
          'GET',
          '/api/notifications?limit=10',
        );
        const mentions = inbox.items.filter((item) => item.kind === 'mention');
        if (!threadId || mentions.length !== 1 || !mentions[0]!.link.includes(`thread=${threadId}`)) missing.push(member.userId);
      }),
    );
  }
  const ids = mentioned.map((member) => member.userId);
  let emails: Record<string, number> = {};
  const deadline = Date.now() + 30_000;
  do {
    emails = await server.emailOutbox(ids);
    if ((emails.sent ?? 0) >= mentioned.length) break;
    await sleep(200);
  } while (Date.now() < deadline);
  return [
    {
      name: 'every comment accepted',
      ok: refused.length === 0,
      detail: refused.length
        ? `${refused.length} refused (statuses ${[...new Set(refused)].join(', ')})`
        : `${posted.statuses.length} comments`,
    },
    {
      name: 'every mention is a notification in its member’s inbox',
      ok: missing.length === 0,
      detail: missing.length ? `${missing.length} of ${mentioned.length} missing` : `${mentioned.length} members`,
    },
    {
      name: 'every mentioned member’s email written',
      ok: emails.sent === mentioned.length && Object.keys(emails).length === 1,
      detail: `${JSON.stringify(emails)}; by the end of typing ${emailsAtEnd.sent ?? 0} sent`,
    },
  ];
}

export const s16: Scenario = {
  id: 'S16',
  title: 'A burst of 500 mentions while 10 of 50 clients type',
  target: 'typing p99 with the burst ≤ 1.1× typing p99 without it; every mention notified, every edit delivered',
  async run(options) {
    const quick = options.quick;
    const config: Config = {
      // The quick run posts at the full run's rate (100 a second) for 2 s rather than 5.
      typing: { ...lightMeetingLoad(quick), durationMs: quick ? 2_500 : 8_000, warmupMs: quick ? 250 : 2_000 },
      comments: quick ? 200 : 500,
      authors: 50,
      burstMs: quick ? 2_000 : 5_000,
      rounds: quick ? 1 : 3,
    };
    const burstRow = burstLabel(config.comments);
    let specs = plenarySpecs(options, NOTIFY_ENV);
    if (process.env.BENCH_ONLY_SERVER) specs = specs.filter((spec) => spec.label.startsWith(process.env.BENCH_ONLY_SERVER!));
    const rows = specs.flatMap((spec) => [
      { label: spec.label, spec, withBurst: false },
      { label: `${spec.label}${burstRow}`, spec, withBurst: true },
    ]);
    const bursts = new Map<string, Burst[]>();
    const spans = new Map<string, SpanThreads[]>();
    const results = await interleavedRounds(
      rows.map((row) => row.label),
      config.rounds,
      async (label, k) => {
        const row = rows.find((candidate) => candidate.label === label)!;
        if (config.rounds > 1) options.log(`    round ${k + 1} of ${config.rounds}: ${label}`);
        const { outcome, burst, threads } = await measureRound(options, row.spec, config, row.withBurst);
        if (burst) bursts.set(label, [...(bursts.get(label) ?? []), burst]);
        if (threads) spans.set(label, [...(spans.get(label) ?? []), threads]);
        return outcome;
      },
    );
    const measurements: Measurement[] = rows.map((row) => {
      const result = results.get(row.label)!;
      if (!result.outcome) {
        options.log(`    ${row.label} failed: ${String(result.error)}`);
        return failedMeasurement(row.label, result.error);
      }
      const measurement = typingMeasurement(row.label, result.outcome);
      if (config.rounds > 1) measurement.extra['p99 of each round (ms)'] = result.p99s.map((p99) => p99.toFixed(1)).join(', ');
      Object.assign(measurement.extra, threadExtras(spans.get(row.label) ?? [], config.burstMs));
      const posted = bursts.get(row.label);
      if (posted) {
        const latency = summarize(
          concat(posted.map((b) => Float64Array.from(b.ended, (end, k) => (end - b.started[k]!) / 1000))),
        );
        const spanS = posted.map((b) => (Math.max(...b.ended) - Math.min(...b.started)) / 1e6);
        measurement.extra['comment request p50 (ms)'] = round(latency.p50);
        measurement.extra['comment request p99 (ms)'] = round(latency.p99);
        measurement.extra['comments/s'] = round(config.comments / (spanS.reduce((a, b) => a + b, 0) / spanS.length), 0);
        const perComment = (cpuUs: number[]) => round(cpuUs.reduce((a, b) => a + b, 0) / (cpuUs.length * config.comments), 0);
        measurement.extra['server CPU per comment over the burst, typing included (µs)'] = perComment(
          posted.map((b) => b.serverCpuUs),
        );
        measurement.extra['posting load generator CPU per comment (µs)'] = perComment(posted.map((b) => b.cpuUs));
      }
      return measurement;
    });
    const alone = find(measurements, 'Plenary')?.latency?.p99;
    const withBurst = find(measurements, `Plenary${burstRow}`)?.latency?.p99;
    const ratio = alone !== undefined && withBurst !== undefined ? withBurst / alone : undefined;
    return {
      setup: `${config.typing.clients} clients on one agenda, ${config.typing.writers} of them typing one character per edit at ${config.typing.ratePerSec}/s each, with a caret update per edit (tokens from POST /api/collab-token); ${config.authors} other members watch live:{meetingId}. Each row is ${config.rounds > 1 ? `${config.rounds} rounds` : 'one round'} of ${config.typing.durationMs / 1000} s on ${quick ? 'one server process, kept between the rows (a quick run)' : 'a fresh server'} (rows alternating), the first ${config.typing.warmupMs / 1000} s not measured. In the “${burstRow.trim()}” row, from the end of the warm-up, ${config.comments} comments are posted on that agenda (POST /api/threads, ${config.comments / config.authors} by each of the ${config.authors} watchers, evenly over ${config.burstMs / 1000} s, from a load-generator process of their own), each mentioning a different member: ${config.comments} notifications and ${config.comments} emails (coalesced for 1 s, so composed and written within the window).`,
      latencyLabel: 'edit → applied on every other client',
      measurements,
      met: ratio !== undefined ? ratio <= 1.1 && allPassed(measurements) : null,
      verdict:
        ratio === undefined
          ? 'not measured'
          : `typing p99 ${ms(withBurst)} during the burst against ${ms(alone)} without it: ${ratio.toFixed(2)}× (target ≤ 1.1×).`,
      notes: [
        'Every mention is checked in its member’s inbox (GET /api/notifications, the mention of that comment’s thread), and every mentioned member’s email in the outbox as sent.',
        'Bare Hocuspocus has no comments or notifications, so this scenario has no baseline row.',
      ],
    };
  },
};
