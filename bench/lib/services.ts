/**
 * Services of a run that needs them (S8): a redis-server of the benchmark's own on a free port
 * (so that its command statistics count only this run, and the machine's Redis is left alone),
 * and a PostgreSQL database created for the run and dropped after it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { sleep } from './clock.ts';

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export class OwnRedis {
  readonly port: number;
  private readonly child: ChildProcess;
  private readonly client: Redis;

  private constructor(port: number, child: ChildProcess, client: Redis) {
    this.port = port;
    this.child = child;
    this.client = client;
  }

  static async start(): Promise<OwnRedis> {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    let spawnError: Error | null = null;
    child.once('error', (error) => (spawnError = error));
    const deadline = Date.now() + 10_000;
    while (!(await answers(port))) {
      if (spawnError) throw new Error(`redis-server: ${(spawnError as Error).message}`);
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await sleep(50);
    }
    const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    return new OwnRedis(port, child, client);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Calls per command since the last reset (INFO commandstats), INFO itself left out. */
  async commandCalls(): Promise<Map<string, number>> {
    const info = await this.client.info('commandstats');
    const calls = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      if (match[1] !== 'info' && match[1] !== 'config|resetstat') calls.set(match[1]!, Number(match[2]));
    }
    return calls;
  }

  async resetStats(): Promise<void> {
    await this.client.config('RESETSTAT');
  }

  async stop(): Promise<void> {
    this.client.disconnect();
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    socket.once('error', () => resolve(false));
  });
}

export interface RunDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database for one part of the run. */
export async function createDatabase(label: string): Promise<RunDatabase> {
  const name = `plenary_bench_${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
