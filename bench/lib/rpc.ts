/**
 * Calls between the harness and its child processes (servers under test, load generators) over
 * the IPC channel of child_process.fork, with the "advanced" serialization so that typed arrays
 * cross as they are.
 */
import { type ChildProcess, fork } from 'node:child_process';

interface Request {
  rpc: number;
  method: string;
  params: unknown;
}

interface Response {
  rpc: number;
  result?: unknown;
  error?: string;
}

export type Handlers = Record<string, (params: any) => unknown>;

/** In a child: answers the parent's calls with `handlers`. */
export function serveRpc(handlers: Handlers): void {
  if (!process.send) throw new Error('serveRpc needs an IPC channel (start the process with fork)');
  process.on('message', (message: Request) => {
    if (typeof message !== 'object' || message === null || typeof message.rpc !== 'number') return;
    const handler = handlers[message.method];
    const reply = (response: Response) => process.send?.(response);
    if (!handler) {
      reply({ rpc: message.rpc, error: `unknown method ${message.method}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.params))
      .then(
        (result) => reply({ rpc: message.rpc, result }),
        (error: unknown) =>
          reply({ rpc: message.rpc, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  // The parent going away ends the child too.
  process.on('disconnect', () => process.exit(0));
}

export interface ForkOptions {
  args?: string[];
  env?: Record<string, string | undefined>;
  execArgv?: string[];
  /** Where the child's stdout and stderr go; collected into `output()` when 'pipe'. */
  quiet?: boolean;
}

/** A child process the harness calls. */
export class Child {
  readonly process: ChildProcess;
  readonly label: string;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void; method: string }>();
  private log = '';
  private exitError: Error | null = null;
  readonly exited: Promise<void>;
  /** Settles when the child says it is ready (it sends `{ready: true}` once it serves calls). */
  readonly ready: Promise<void>;

  constructor(label: string, file: string, options: ForkOptions = {}) {
    this.label = label;
    this.process = fork(file, options.args ?? [], {
      serialization: 'advanced',
      env: { ...process.env, ...options.env },
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
      if (!options.quiet) process.stderr.write(`[${label}] ${chunk.toString()}`);
    };
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    let markReady!: () => void;
    let failReady!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.ready.catch(() => {});
    this.process.on('message', (message: Response & { ready?: boolean }) => {
      if (message.ready === true) {
        markReady();
        return;
      }
      const waiting = this.pending.get(message.rpc);
      if (!waiting) return;
      this.pending.delete(message.rpc);
      if (message.error !== undefined) waiting.reject(new Error(`${label}.${waiting.method}: ${message.error}`));
      else waiting.resolve(message.result);
    });
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        this.exitError = new Error(`${label} exited (${code ?? signal}) ${this.log.slice(-2000)}`);
        failReady(this.exitError);
        for (const waiting of this.pending.values()) waiting.reject(this.exitError);
        this.pending.clear();
        resolve();
      });
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  output(): string {
    return this.log;
  }

  call<T = unknown>(method: string, params: unknown = {}): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError);
    const rpc = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(rpc, { resolve, reject, method });
      this.process.send({ rpc, method, params } satisfies Request, (error) => {
        if (error) {
          this.pending.delete(rpc);
          reject(error);
        }
      });
    });
  }

  /** Asks the child to stop, then kills it if it has not gone within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.call('close').catch(() => {});
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
