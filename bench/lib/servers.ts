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
  /**
   * The quick run: a server a scenario stops is kept, and the next scenario asking for the same
   * server (kind, build, environment) gets it, once it holds no connection and no document, instead
   * of a new process (a Plenary start is 2 to 4 s of module loading; the quick run asks for twenty).
   */
  reuse?: boolean;
}

/** The servers kept by a quick run (`reuse`), free for the next scenario, by poolKey. */
const kept = new Map<string, ServerUnderTest[]>();

/**
 * What makes two servers interchangeable; null for those never kept: those on a database or Redis
 * of a scenario's own (S8 runs two at once and drops the database after), and profiled ones.
 */
function poolKey(spec: ServerSpec, settings: RunSettings): string | null {
  if (!settings.reuse || settings.profileDir) return null;
  const env = spec.env ?? {};
  if (env.DATABASE_URL || env.REDIS_URL || env.BENCH_REDIS_URL) return null;
  return JSON.stringify([spec.kind, spec.root ?? '', Object.entries(env).sort()]);
}

/** Stops the servers a quick run kept (at the end of the run). */
export async function stopKeptServers(): Promise<void> {
  const servers = [...kept.values()].flat();
  kept.clear();
  await Promise.all(servers.map((server) => server.stop()));
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
  /** Set when stop() keeps the process for the next scenario (a quick run). */
  private readonly key: string | null;
  private released = false;
  private reusedProcess = false;

  private constructor(spec: ServerSpec, child: Child, port: number, dataDir: string | null, key: string | null = null) {
    this.spec = spec;
    this.child = child;
    this.port = port;
    this.dataDir = dataDir;
    this.key = key;
  }

  static async start(spec: ServerSpec, settings: RunSettings = {}): Promise<ServerUnderTest> {
    const key = poolKey(spec, settings);
    for (let server = key ? kept.get(key)?.pop() : undefined; server; server = kept.get(key!)?.pop()) {
      // Under the label the scenario gave; a server that does not come back to idle is not used again.
      if (await server.idle()) {
        const reused = new ServerUnderTest(spec, server.child, server.port, server.dataDir, key);
        reused.reusedProcess = true;
        return reused;
      }
      await server.stop();
    }
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
    return new ServerUnderTest(spec, child, info.port, dataDir, key);
  }

  /**
   * Waits until the server holds no connection and no document, as a new one (the last scenario's
   * clients may still be closing, its documents being stored and unloaded); false if it does not
   * within `timeoutMs`, or if the process has gone.
   */
  private async idle(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        const counts = await this.child.call<{ connections: number; documents: number }>('collabCounts');
        if (counts.connections === 0 && counts.documents === 0) return true;
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } catch {
      return false;
    }
  }

  /** Whether this is a kept process (a quick run) rather than a new one. */
  get reused(): boolean {
    return this.reusedProcess;
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
    if (this.released) return;
    this.released = true;
    if (this.key && this.child.process.exitCode === null && this.child.process.signalCode === null) {
      const key = this.key;
      // What a scenario may have switched or held is switched back and let go: S9 turns the
      // append-before-acknowledge off, S11 and S12 hold a large document open (seedDocument).
      const reset = this.isPlenary
        ? Promise.all([this.child.call('setDurability', { on: true }), this.child.call('releaseSeeded')])
        : Promise.resolve();
      if (await reset.then(() => true).catch(() => false)) {
        kept.set(key, [...(kept.get(key) ?? []), new ServerUnderTest(this.spec, this.child, this.port, this.dataDir)]);
        return;
      }
    }
    await this.child.stop();
    if (this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Loopback source addresses for clients: 127.0.0.1 … 127.0.0.n, so that ports never run out. */
export function localAddress(i: number, spread = 4): string {
  return `127.0.0.${1 + (i % spread)}`;
}
