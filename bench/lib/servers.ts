/**
 * The servers of a run, each in a child process: Plenary (bench/servers/plenaryServer.ts) and the
 * bare Hocuspocus baseline (bench/servers/bareServer.ts), with what a scenario needs from them:
 * documents, signed-in users and their tokens, CPU, memory and event-loop delay.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessStats } from './processStats.ts';
import { Child } from './rpc.ts';
import type { ThreadSamples } from './threadTimes.ts';

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type ServerKind = 'plenary' | 'bare';

export interface ServerSpec {
  /** How the report names it. */
  label: string;
  kind: ServerKind;
  /** Environment of the process (DATABASE_URL, REDIS_URL, BENCH_FLUSH_DELAY, …). */
  env?: Record<string, string>;
  /** Another checkout of Plenary (before/after comparisons). */
  root?: string;
}

export interface RunSettings {
  /** Write a V8 CPU profile of each server process here. */
  profileDir?: string;
  verbose?: boolean;
}

export interface BenchUser {
  userId: string;
  sessionId: string;
  cookie: string;
}

export class ServerUnderTest {
  readonly spec: ServerSpec;
  readonly child: Child;
  readonly port: number;
  private readonly dataDir: string | null;

  private constructor(spec: ServerSpec, child: Child, port: number, dataDir: string | null) {
    this.spec = spec;
    this.child = child;
    this.port = port;
    this.dataDir = dataDir;
  }

  static async start(spec: ServerSpec, settings: RunSettings = {}): Promise<ServerUnderTest> {
    const dataDir =
      spec.kind === 'plenary' && !spec.env?.DATABASE_URL ? fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-bench-')) : null;
    // BENCH_SERVER_NODE_FLAGS: Node or V8 flags for every server process (development: trying a
    // GC or compiler setting on a scenario without editing the harness).
    const execArgv = ['--expose-gc', ...(process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
    if (settings.profileDir) {
      // A directory per server process, with Node's own file names: they carry the thread id, so
      // the profiles of worker threads (version diffs) do not overwrite the main thread's.
      const dir = path.join(settings.profileDir, `${spec.label.replace(/[^A-Za-z0-9]+/g, '-')}-${Date.now()}`);
      fs.mkdirSync(dir, { recursive: true });
      execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
    }
    const file = path.join(BENCH, 'servers', spec.kind === 'plenary' ? 'plenaryServer.ts' : 'bareServer.ts');
    const child = new Child(spec.label, file, {
      env: { ...(dataDir ? { DATA_DIR: dataDir } : {}), ...(spec.root ? { BENCH_PLENARY_ROOT: spec.root } : {}), ...spec.env },
      execArgv,
      quiet: !settings.verbose,
    });
    await Promise.race([
      child.ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${spec.label} did not start`)), 60_000)),
    ]);
    const info = await child.call<{ port: number }>('info');
    return new ServerUnderTest(spec, child, info.port, dataDir);
  }

  get label(): string {
    return this.spec.label;
  }

  get isPlenary(): boolean {
    return this.spec.kind === 'plenary';
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/collab`;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Agenda documents of new meetings (Plenary), or names of the same form (bare). */
  async documents(count: number, prefix = 'bench'): Promise<{ meetingId: string; doc: string }[]> {
    if (!this.isPlenary) {
      const stamp = Date.now().toString(36);
      return Array.from({ length: count }, (_, i) => ({
        meetingId: `${prefix}-${stamp}-${i}`,
        doc: `agenda:${prefix}-${stamp}-${i}`,
      }));
    }
    const meetings: { id: string; agendaDoc: string }[] = [];
    for (let done = 0; done < count; done += 1000) {
      meetings.push(
        ...(await this.child.call<{ id: string; agendaDoc: string }[]>('createMeetings', {
          count: Math.min(1000, count - done),
          prefix,
        })),
      );
    }
    return meetings.map((meeting) => ({ meetingId: meeting.id, doc: meeting.agendaDoc }));
  }

  /** Signed-in users (Plenary), one per entry; the bare server has none. */
  async users(count: number, role = 'member'): Promise<BenchUser[]> {
    if (!this.isPlenary) return Array.from({ length: count }, (_, i) => ({ userId: `u${i}`, sessionId: '', cookie: '' }));
    const users: BenchUser[] = [];
    for (let done = 0; done < count; done += 2000) {
      users.push(...(await this.child.call<BenchUser[]>('createUsers', { count: Math.min(2000, count - done), role })));
    }
    return users;
  }

  /** A token per (user, document), bound to the document, as POST /api/collab-token makes them. */
  async tokens(grants: { user: BenchUser; doc: string }[]): Promise<string[]> {
    if (!this.isPlenary) return grants.map(() => 'bench');
    const out: string[] = [];
    for (let i = 0; i < grants.length; i += 5000) {
      out.push(
        ...(await this.child.call<string[]>('mintTokens', {
          grants: grants.slice(i, i + 5000).map(({ user, doc }) => ({ userId: user.userId, sessionId: user.sessionId, doc })),
        })),
      );
    }
    return out;
  }

  /** The same, through the real route: POST /api/collab-token with the user's session cookie. */
  async tokenOverHttp(user: BenchUser, doc: string): Promise<string> {
    if (!this.isPlenary) return 'bench';
    const response = await fetch(`${this.httpUrl}/api/collab-token`, {
      method: 'POST',
      headers: { cookie: user.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ doc }),
    });
    if (response.status !== 200) throw new Error(`POST /api/collab-token: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  }

  /** Makes a document large, with a long log (see seedDocument in bench/servers/plenaryServer.ts). */
  seedDocument(docName: string, transactions: number, insertsPer: number): Promise<{ bytes: number; updates: number }> {
    return this.child.call('seedDocument', { docName, transactions, insertsPer });
  }

  stats(): Promise<ProcessStats> {
    return this.child.call<ProcessStats>('stats');
  }

  /** The server's threads' counters now (null off Linux); see threadTimes.ts. */
  threads(): Promise<{ pid: number; samples: ThreadSamples | null }> {
    return this.child.call('threads');
  }

  /** From now on, times each `method` request whose path ends with `suffix` inside the server (Plenary only). */
  async timeRequests(method: string, suffix: string): Promise<void> {
    await this.child.call('timeRequests', { method, suffix });
  }

  /** The times (ms) of the requests timed since `timeRequests`, which stops timing. */
  async timedRequests(): Promise<Float64Array> {
    return Float64Array.from(await this.child.call<number[]>('timedRequests'));
  }

  async resetStats(): Promise<void> {
    await this.child.call('resetStats');
  }

  async gc(): Promise<void> {
    await this.child.call('gc');
  }

  async storedTexts(docName: string): Promise<Map<number, string> | null> {
    const entries = await this.child.call<[number, string][] | null>('storedTexts', { docName });
    return entries ? new Map(entries) : null;
  }

  /** The email outbox rows of these people, counted by status (pending, sending, sent, …). */
  emailOutbox(userIds: string[]): Promise<Record<string, number>> {
    return this.child.call<Record<string, number>>('emailOutbox', { userIds });
  }

  async isLoaded(docName: string): Promise<boolean> {
    return this.child.call<boolean>('isLoaded', { docName });
  }

  async stop(): Promise<void> {
    await this.child.stop();
    if (this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Loopback source addresses for clients: 127.0.0.1 … 127.0.0.n, so that ports never run out. */
export function localAddress(i: number, spread = 4): string {
  return `127.0.0.${1 + (i % spread)}`;
}
