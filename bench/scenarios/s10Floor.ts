/**
 * S10: the floor at the size of the annual meeting: thousands of viewers (and a projector) on
 * `live:{meetingId}`; a member raises a hand and every viewer must show it within a second; then
 * 500 upvotes arrive in 10 s on one question that overtakes two others, and every viewer must end
 * with the exact counts in the exact order. Bare Hocuspocus has no commands or projections: there
 * is no baseline row.
 */
import { nowUs, sleep } from '../lib/clock.ts';
import { type Check, phaseStats, type RunOptions } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import type { ServerUnderTest } from '../lib/servers.ts';
import { concat, percentileCurve, summarize } from '../lib/stats.ts';
import { type CastReport, callJson, measurePlenary, summarizeCast, withLiveAudience } from './liveAudience.ts';
import { allPassed, find, ms, round, type Scenario } from './scenario.ts';

interface Config {
  viewers: number;
  upvotes: number;
  windowMs: number;
  generators: number;
}

type Seen = { seen: Float64Array; viewers: number; dropped: number };

async function floor(options: RunOptions, server: ServerUnderTest, config: Config): Promise<Measurement> {
  const [meeting] = await server.documents(1, 'floor');
  const meetingId = meeting!.meetingId;
  const viewers = await server.users(Math.max(config.viewers, config.upvotes), 'member');
  const call = <T>(cookie: string, method: string, path: string, body?: unknown) =>
    callJson<T>(server, cookie, method, path, body);
  const setup = { users: viewers.slice(0, config.viewers), liveDoc: `live:${meetingId}`, generators: config.generators };
  return withLiveAudience(options, server, setup, async ({ viewers: gens, actors }) => {
    await sleep(500);
    await server.resetStats();
    const before = await server.stats();

    // A hand raised: from the request to every viewer's list.
    const raiser = viewers[0]!;
    await gens.all('watchHand', { itemKey: 'item:', userId: raiser.userId });
    const raisedAtUs = nowUs();
    await call(raiser.cookie, 'POST', `/api/meetings/${meetingId}/floor/hands`, {});
    const hand = await gens.all<Seen>('awaitHand', { timeoutMs: 10_000 });
    const handMs = Float64Array.from(concat(hand.map((h) => h.seen)), (at) => (at - raisedAtUs) / 1000);

    // Three questions; two get a few votes first, the third gets every upvote of the window.
    const asker = viewers[1]!;
    const ask = (text: string) =>
      call<{ id: string; createdAt: number }>(asker.cookie, 'POST', `/api/meetings/${meetingId}/questions`, { text });
    const first = await ask('Will remote hubs get speaking slots?');
    const second = await ask('How is youth participation funded?');
    const third = await ask('Can the chair publish the speakers’ balance per group?');
    for (const voter of viewers.slice(0, 20)) await call(voter.cookie, 'PUT', `/api/questions/${first.id}/vote`);
    for (const voter of viewers.slice(0, 10)) await call(voter.cookie, 'PUT', `/api/questions/${second.id}/vote`);
    const expected = [
      { id: third.id, votes: config.upvotes },
      { id: first.id, votes: 20 },
      { id: second.id, votes: 10 },
    ];
    await gens.all('watchQuestions', { expected });
    const startAtUs = nowUs() + 300_000;
    const spacingUs = (config.windowMs * 1000) / config.upvotes;
    options.log(`    ${config.upvotes} upvotes in ${config.windowMs / 1000} s`);
    const cast = summarizeCast(
      await actors.all<CastReport>('upvote', {
        baseUrl: server.httpUrl,
        questionId: third.id,
        voters: viewers.slice(0, config.upvotes).map((user, slot) => ({ cookie: user.cookie, slot })),
        startAtUs,
        spacingUs,
      }),
    );
    const ordered = await gens.all<Seen>('awaitQuestions', { timeoutMs: 30_000 });
    const after = await server.stats();
    const listed = await call<{ id: string; votes: number }[]>(asker.cookie, 'GET', `/api/meetings/${meetingId}/questions`);
    const orderMs = Float64Array.from(concat(ordered.map((o) => o.seen)), (at) => (at - cast.lastSentUs) / 1000);
    const handViewers = hand.reduce((sum, h) => sum + h.viewers, 0);
    const orderViewers = ordered.reduce((sum, o) => sum + o.viewers, 0);
    const handLag = summarize(handMs);
    const orderLag = summarize(orderMs);
    const checks: Check[] = [
      { name: 'every viewer shows the hand', ok: handMs.length === handViewers, detail: `${handMs.length} of ${handViewers}` },
      {
        name: 'the hand reaches every viewer within 1 s',
        ok: handMs.length > 0 && handLag.max <= 1000,
        detail: `max ${round(handLag.max, 0)} ms`,
      },
      {
        name: 'every upvote accepted',
        ok: cast.refused.length === 0,
        detail: cast.refused.length
          ? `${cast.refused.length} refused (e.g. ${cast.refused[0]})`
          : `${cast.statuses.length} upvotes`,
      },
      {
        name: 'the questions route shows the exact counts in order',
        ok: expected.every((entry, k) => listed[k]?.id === entry.id && listed[k]?.votes === entry.votes),
        detail: JSON.stringify(listed.map((q) => q.votes)),
      },
      {
        name: 'every viewer shows the exact order and counts',
        ok: orderMs.length === orderViewers,
        detail: `${orderMs.length} of ${orderViewers}`,
      },
      { name: 'no viewer dropped', ok: ordered.every((o) => o.dropped === 0) },
    ];
    return {
      server: server.label,
      latency: summarize(cast.latencyMs),
      curve: percentileCurve(cast.latencyMs),
      throughput: { value: config.upvotes / ((cast.lastSentUs - startAtUs) / 1e6), unit: 'upvotes/s' },
      server_: phaseStats(before, after),
      loadCpu: null,
      extra: {
        'hand raised → shown on every viewer: p50 (ms)': round(handLag.p50, 0),
        'hand raised → shown on every viewer: max (ms)': round(handLag.max, 0),
        'exact order on every viewer, after the last upvote: p50 (ms)': round(orderLag.p50, 0),
        'exact order on every viewer, after the last upvote: max (ms)': round(orderLag.max, 0),
      },
      checks,
    };
  });
}

export const s10: Scenario = {
  id: 'S10',
  title: 'The floor: 3,000 viewers see a hand within 1 s; 500 upvotes in 10 s keep the order exact',
  target: 'hand on every viewer ≤ 1 s; exact counts and order on every viewer; upvote p99 ≤ 50 ms',
  async run(options) {
    const config: Config = options.quick
      ? { viewers: 500, upvotes: 100, windowMs: 2_000, generators: 1 }
      : { viewers: 3_000, upvotes: 500, windowMs: 10_000, generators: 2 };
    const measurements = await measurePlenary(options, (server) => floor(options, server, config));
    const plenary = find(measurements, 'Plenary');
    const p99 = plenary?.latency?.p99;
    const hand = plenary?.extra['hand raised → shown on every viewer: max (ms)'] as number | undefined;
    return {
      setup: `${config.viewers.toLocaleString('en-US')} signed-in members watch live:{meetingId} (read-only, as the meeting page and the projector open it). A member raises a hand (POST /api/meetings/:id/floor/hands); then three questions are asked, two get 20 and 10 upvotes, and ${config.upvotes} members upvote the third (PUT /api/questions/:id/vote) on a fixed schedule over ${config.windowMs / 1000} s from a load-generator process of their own.`,
      latencyLabel: 'upvote request → answer',
      measurements,
      met: p99 !== undefined && hand !== undefined ? p99 <= 50 && hand <= 1000 && allPassed(measurements) : null,
      verdict:
        p99 === undefined
          ? 'not measured'
          : `a raised hand was on every viewer ${ms(hand)} after the request at most (target ≤ 1 s); upvote p99 ${ms(p99)} (target ≤ 50 ms).`,
      notes: [
        'Entries of the live document are written at most once per interval, which grows with the audience (server/src/live/liveProjection.ts, intervalFor: 300 ms for 3,000 viewers); the first change after a quiet spell is written at once.',
        'Bare Hocuspocus has no HTTP commands or server-written projections, so this scenario has no baseline row.',
      ],
    };
  },
};
