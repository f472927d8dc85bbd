/**
 * S11 and S12: editors type on one agenda (the typing load of typing.ts) while other people
 * hammer the server through a large document of another meeting: sync requests on many sockets
 * (each answered from the whole document) and, in S11, version diffs (each replaying the
 * document's log). The figure is the bystanders' edit latency; the abuse runs from just before
 * typing starts until every edit has arrived, on each server measured, and one row runs without
 * it for reference. The abusers stay within the per-socket and per-person request limits (a flood
 * that gets itself disconnected measures nothing), so what is measured is the cost of what the
 * server still has to answer. S12's abusers are over the per-person budget of answer BYTES
 * (SYNC_REPLY_BYTES_PER_SECOND, SYNC_REPLY_BURST_BYTES): once their bursts are spent their requests
 * close their sockets, which are not reopened ("abusers' sockets closed" counts them).
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { nowUs } from '../lib/clock.ts';
import { plenarySpecs, type RunOptions } from '../lib/context.ts';
import type { Measurement } from '../lib/results.ts';
import type { BenchUser, ServerSpec, ServerUnderTest } from '../lib/servers.ts';
import { summarize } from '../lib/stats.ts';
import { AUTH_OK, authFrame, MSG_AUTH, MSG_SYNC, MSG_SYNC_REPLY, SYNC_STEP1, SYNC_STEP2, syncFrame } from '../load/protocol.ts';
import { round, typingRows } from './scenario.ts';
import type { TypingConfig } from './typing.ts';

export interface AbuseConfig {
  /** People hammering, each with `socketsPerPerson` sockets on the large document. */
  people: number;
  socketsPerPerson: number;
  /** Each socket sends a sync request (empty state vector) this often. */
  syncEveryMs: number;
  /** One of them asks for a version diff (oldest version to now) this often; 0: never. */
  diffEveryMs: number;
  /** The large document: edits and notes per edit (seedDocument). */
  seedTransactions: number;
  seedInsertsPer: number;
}

interface AbuseReport {
  syncRequests: number;
  syncAnswers: number;
  bytesIn: number;
  socketsClosed: number;
  seconds: number;
  documentBytes: number;
  diffs: number[];
  diffStatuses: Record<string, number>;
}

/** The bystanders: a few writers and readers, as in a working meeting. */
export function bystanderLoad(quick: boolean): TypingConfig {
  return {
    clients: 20,
    writers: 10,
    ratePerSec: 5,
    // Quick: 2 s, time enough for every abuser socket to send its first request (they are spread over syncEveryMs).
    durationMs: quick ? 2_000 : 20_000,
    warmupMs: quick ? 250 : 3_000,
    keepEvery: 1,
    generators: 1,
    connectRate: 0,
    tokensOverHttp: false,
  };
}

export const QUIET = 'Plenary, nobody hammering';

/**
 * Rows: Plenary without the abuse (reference), then Plenary and each compared build with it.
 * Each row's extras say what the abusers sent and received.
 */
export async function bystanderRows(options: RunOptions, abuse: AbuseConfig): Promise<Measurement[]> {
  const config = bystanderLoad(options.quick);
  const quiet: ServerSpec = { label: QUIET, kind: 'plenary' };
  const specs = [quiet, ...plenarySpecs(options)];
  let current: Abuser | null = null;
  const reports = new Map<string, AbuseReport>();
  config.around = {
    before: async () => current?.start(),
    after: async () => {
      if (current) reports.set(current.label, await current.stop());
    },
  };
  const measurements = await typingRows(options, specs, config, options.quick ? 1 : 2, {
    prepare: async (server, spec) => {
      current = spec.label === QUIET ? null : await Abuser.prepare(options, server, abuse);
    },
  });
  for (const measurement of measurements) {
    if (measurement.server !== QUIET) measurement.baseline = QUIET;
    const report = reports.get(measurement.server);
    if (!report) continue;
    const perSecond = (n: number) => round(n / report.seconds, 1);
    Object.assign(measurement.extra, {
      'large document (KB)': Math.round(report.documentBytes / 1024),
      'sync requests/s': perSecond(report.syncRequests),
      'sync answers/s': perSecond(report.syncAnswers),
      'MB/s sent to the abusers': round(report.bytesIn / 2 ** 20 / report.seconds, 1),
      'abusers’ sockets closed': report.socketsClosed,
    });
    if (abuse.diffEveryMs > 0) {
      const diffs = summarize(report.diffs);
      Object.assign(measurement.extra, {
        'diffs answered': report.diffs.length,
        'diff p50 / max (ms)': `${Math.round(diffs.p50)} / ${Math.round(diffs.max)}`,
        'diff statuses': Object.entries(report.diffStatuses)
          .map(([status, n]) => `${status}×${n}`)
          .join(' '),
      });
    }
  }
  return measurements;
}

/** The abusing clients of one server: raw sockets in this process, and HTTP diffs. */
class Abuser {
  readonly label: string;
  private readonly server: ServerUnderTest;
  private readonly config: AbuseConfig;
  private readonly doc: string;
  private readonly meetingId: string;
  private readonly versionId: string;
  private readonly diffUser: BenchUser;
  private readonly documentBytes: number;
  private readonly sockets: WebSocket[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly report: AbuseReport;
  private pendingDiffs: Promise<void>[] = [];
  /** Diagnostics (BENCH_TIMELINE): what the abusers got and when, ms on the monotonic clock. */
  private readonly events: string[] = [];
  private startedAt = 0;

  private constructor(
    server: ServerUnderTest,
    config: AbuseConfig,
    doc: { meetingId: string; doc: string; versionId: string; diffUser: BenchUser; bytes: number },
  ) {
    this.label = server.label;
    this.server = server;
    this.config = config;
    this.doc = doc.doc;
    this.meetingId = doc.meetingId;
    this.versionId = doc.versionId;
    this.diffUser = doc.diffUser;
    this.documentBytes = doc.bytes;
    this.report = {
      syncRequests: 0,
      syncAnswers: 0,
      bytesIn: 0,
      socketsClosed: 0,
      seconds: 0,
      documentBytes: doc.bytes,
      diffs: [],
      diffStatuses: {},
    };
  }

  /** The large document (a version named before it grew), its abusers signed in and their sockets open. */
  static async prepare(options: RunOptions, server: ServerUnderTest, config: AbuseConfig): Promise<Abuser> {
    const [large] = await server.documents(1, 'large');
    const [chair] = await server.users(1, 'chair');
    const version = await fetch(`${server.httpUrl}/api/meetings/${large!.meetingId}/versions`, {
      method: 'POST',
      headers: { cookie: chair!.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Before the meeting' }),
    });
    if (version.status !== 201) throw new Error(`POST versions: ${version.status} ${await version.text()}`);
    const versionId = ((await version.json()) as { id: string }).id;
    options.log(`    seeding a large document (${config.seedTransactions} edits)`);
    const seeded = await server.seedDocument(large!.doc, config.seedTransactions, config.seedInsertsPer);
    const people = await server.users(config.people, 'observer');
    const tokens = await server.tokens(
      people.flatMap((user) => Array.from({ length: config.socketsPerPerson }, () => ({ user, doc: large!.doc }))),
    );
    const abuser = new Abuser(server, config, {
      meetingId: large!.meetingId,
      doc: large!.doc,
      versionId,
      diffUser: people[0]!,
      bytes: seeded.bytes,
    });
    await Promise.all(tokens.map((token) => abuser.open(token)));
    return abuser;
  }

  /** One socket, authenticated (and its first sync answered) before the typing starts. */
  private open(token: string): Promise<void> {
    const socket = new WebSocket(this.server.url);
    this.sockets.push(socket);
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('an abuser socket did not authenticate')), 60_000);
      socket.on('error', () => {});
      socket.on('close', () => {
        this.report.socketsClosed++;
        this.events.push(`${(nowUs() / 1000).toFixed(1)},close,0`);
        clearTimeout(timeout);
        reject(new Error('an abuser socket was closed before it authenticated'));
      });
      socket.on('open', () => socket.send(authFrame(this.doc, token)));
      socket.on('message', (data: Buffer) => {
        this.report.bytesIn += data.byteLength;
        const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        if (type === MSG_AUTH && decoding.readVarUint(decoder) === AUTH_OK) {
          clearTimeout(timeout);
          resolve();
        } else if ((type === MSG_SYNC || type === MSG_SYNC_REPLY) && decoding.readVarUint(decoder) === SYNC_STEP2) {
          this.report.syncAnswers++;
          this.events.push(`${(nowUs() / 1000).toFixed(1)},answer,${data.byteLength}`);
        }
      });
    });
  }

  start(): void {
    this.report.syncAnswers = 0;
    this.report.bytesIn = 0;
    this.report.socketsClosed = 0;
    this.startedAt = Date.now();
    this.events.length = 0;
    this.events.push(`${(nowUs() / 1000).toFixed(1)},start,0`);
    const request = syncFrame(this.doc, SYNC_STEP1, new Uint8Array([0]));
    this.sockets.forEach((socket, i) => {
      // Spread over the interval, so that the load is steady rather than in bursts.
      const stagger = setTimeout(
        () => {
          const send = () => {
            if (socket.readyState !== WebSocket.OPEN) return;
            socket.send(request);
            this.events.push(`${(nowUs() / 1000).toFixed(1)},request,0`);
            this.report.syncRequests++;
          };
          send();
          this.timers.push(setInterval(send, this.config.syncEveryMs));
        },
        (i * this.config.syncEveryMs) / this.sockets.length,
      );
      this.timers.push(stagger);
    });
    if (this.config.diffEveryMs > 0) this.timers.push(setInterval(() => this.askDiff(), this.config.diffEveryMs));
  }

  private askDiff(): void {
    const t0 = performance.now();
    const url = `${this.server.httpUrl}/api/meetings/${this.meetingId}/versions/diff?from=${this.versionId}&to=current`;
    this.pendingDiffs.push(
      fetch(url, { headers: { cookie: this.diffUser.cookie } })
        .then(async (response) => {
          await response.arrayBuffer();
          this.report.diffStatuses[response.status] = (this.report.diffStatuses[response.status] ?? 0) + 1;
          if (response.status === 200) this.report.diffs.push(performance.now() - t0);
          this.events.push(`${(nowUs() / 1000).toFixed(1)},diff${response.status},${Math.round(performance.now() - t0)}`);
        })
        .catch(() => {
          this.report.diffStatuses.error = (this.report.diffStatuses.error ?? 0) + 1;
        }),
    );
  }

  async stop(): Promise<AbuseReport> {
    for (const timer of this.timers) clearInterval(timer);
    this.report.seconds = (Date.now() - this.startedAt) / 1000;
    await Promise.all(this.pendingDiffs);
    for (const socket of this.sockets) socket.terminate();
    if (process.env.BENCH_TIMELINE) {
      const fs = await import('node:fs');
      fs.mkdirSync(process.env.BENCH_TIMELINE, { recursive: true });
      fs.writeFileSync(`${process.env.BENCH_TIMELINE}/abuse-${Date.now()}.csv`, `atMs,event,value\n${this.events.join('\n')}\n`);
    }
    return { ...this.report, documentBytes: this.documentBytes };
  }
}
