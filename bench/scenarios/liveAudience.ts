/**
 * What the scenarios of a live audience share (S7 poll, S10 floor): thousands of signed-in
 * viewers connected read-only to a meeting's `live:{meetingId}` from load-generator processes,
 * a process of its own for the people who act (as from their own devices), requests cast on a
 * fixed schedule and summed up, and one row per Plenary server.
 */
import { Generators, plenarySpecs, type RunOptions, startServer } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import { type BenchUser, localAddress, type ServerUnderTest } from '../lib/servers.ts';
import { concat } from '../lib/stats.ts';
import type { ClientSpec, ConnectResult } from '../load/generator.ts';
import { measureEach } from './scenario.ts';

export interface Audience {
  /** The generators holding the viewers (ask them to watch and await what they see). */
  viewers: Generators;
  /** One generator for the people who act (voters, upvoters). */
  actors: Generators;
}

/**
 * Connects `users` to `liveDoc` (read-only, with awareness, as the meeting page opens it) from
 * `generators` processes, runs `body`, and always disconnects and stops the generators.
 */
export async function withLiveAudience<T>(
  options: RunOptions,
  server: ServerUnderTest,
  setup: { users: BenchUser[]; liveDoc: string; generators: number },
  body: (audience: Audience) => Promise<T>,
): Promise<T> {
  const tokens = await server.tokens(setup.users.map((user) => ({ user, doc: setup.liveDoc })));
  const specs: ClientSpec[] = setup.users.map((_, i) => ({
    index: i,
    url: server.url,
    docName: setup.liveDoc,
    token: tokens[i]!,
    localAddress: localAddress(i, 8),
    apply: true,
    awareness: true,
  }));
  const viewers = await Generators.start(setup.generators, options.settings.verbose);
  const actors = await Generators.start(1, options.settings.verbose);
  try {
    options.log(`    ${setup.users.length} viewers connecting`);
    const connects = await viewers.all<ConnectResult>('connect', (g: number) => ({
      clients: specs.filter((spec) => spec.index % viewers.count === g),
      ratePerSec: 1000 / viewers.count,
      timeoutMs: 120_000,
    }));
    const failures = connects.flatMap((result) => result.failures);
    if (failures.length > 0) throw new Error(`viewers failed to connect: ${failures.slice(0, 3).join('; ')}`);
    return await body({ viewers, actors });
  } finally {
    await viewers.all('closeAll').catch(() => {});
    await viewers.close();
    await actors.close();
  }
}

/** What the actors' generator reports of a schedule of requests (bench/load: vote, upvote). */
export interface CastReport {
  started: Float64Array;
  ended: Float64Array;
  statuses: Int32Array;
}

/** Each request's time sent → answered (ms), the statuses that were not 200, and when the last was sent (µs). */
export function summarizeCast(cast: CastReport[]): {
  latencyMs: Float64Array;
  statuses: number[];
  refused: number[];
  lastSentUs: number;
} {
  const statuses = cast.flatMap((c) => [...c.statuses]);
  return {
    latencyMs: concat(cast.map((c) => Float64Array.from(c.ended, (end, k) => (end - c.started[k]!) / 1000))),
    statuses,
    refused: statuses.filter((status) => status !== 200),
    lastSentUs: Math.max(...cast.map((c) => Math.max(...c.started))),
  };
}

/** A JSON request with a session cookie; throws on anything but success. */
export async function callJson<T>(
  server: ServerUnderTest,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** One measurement per Plenary server (no baseline: bare Hocuspocus has no commands or projections). */
export async function measurePlenary(
  options: RunOptions,
  measure: (server: ServerUnderTest) => Promise<Measurement>,
): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  for (const spec of plenarySpecs(options)) {
    measurements.push(await measureEach(options, () => startServer(options, spec), measure, spec.label));
  }
  return measurements;
}
