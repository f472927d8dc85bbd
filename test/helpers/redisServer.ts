/**
 * A redis-server of a test's or a benchmark's own, on a free port: stopping it leaves the
 * machine's Redis alone, and its command statistics count only that run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { freePort } from './freePort.ts';

export class RedisServer {
  private child: ChildProcess | null = null;
  /** For the statistics; made on first use. */
  private client: Redis | null = null;
  readonly port: number;

  private constructor(port: number) {
    this.port = port;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    let spawnError: Error | null = null;
    child.once('error', (error) => (spawnError = error));
    const deadline = Date.now() + 10_000;
    while (!(await answers(this.port))) {
      if (spawnError) throw new Error(`redis-server: ${(spawnError as Error).message}`);
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Calls per command since the last resetStats (INFO commandstats); INFO and the reset left out. */
  async commandCalls(): Promise<Map<string, number>> {
    const info = await this.stats().info('commandstats');
    const calls = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      if (match[1] !== 'info' && match[1] !== 'config|resetstat') calls.set(match[1]!, Number(match[2]));
    }
    return calls;
  }

  async resetStats(): Promise<void> {
    await this.stats().config('RESETSTAT');
  }

  async stop(): Promise<void> {
    this.client?.disconnect();
    this.client = null;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  private stats(): Redis {
    if (!this.client) {
      this.client = new Redis(this.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
      this.client.on('error', () => {}); // a stopped server; the next command says so
    }
    return this.client;
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
