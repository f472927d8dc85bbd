/**
 * A TCP load balancer for tests: round-robin over backends, skipping one that refuses, and
 * able to cut every connection to a backend (a partition) — in front of server instances, or
 * in front of PostgreSQL to take it away and give it back.
 */
import net from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

export class TcpProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<{ client: net.Socket; upstream: net.Socket; backend: Backend }>();
  private next = 0;
  private cut = false;
  private backends: Backend[];
  port = 0;

  constructor(backends: Backend[]) {
    this.backends = backends;
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Which backend each open client connection goes to. */
  connectionsTo(backend: Backend): number {
    return [...this.sockets].filter((entry) => entry.backend.port === backend.port).length;
  }

  /** Refuse new connections and drop the open ones, as if the network went away. */
  partition(): void {
    this.cut = true;
    for (const entry of this.sockets) {
      entry.client.destroy();
      entry.upstream.destroy();
    }
  }

  heal(): void {
    this.cut = false;
  }

  setBackends(backends: Backend[]): void {
    this.backends = backends;
  }

  async close(): Promise<void> {
    this.partition();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: net.Socket, attempt = 0): void {
    if (this.cut || this.backends.length === 0) {
      client.destroy();
      return;
    }
    const backend = this.backends[this.next++ % this.backends.length]!;
    const upstream = net.connect(backend.port, backend.host);
    const entry = { client, upstream, backend };
    upstream.once('connect', () => {
      this.sockets.add(entry);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.once('error', () => {
      if (!this.sockets.has(entry) && attempt < this.backends.length) {
        this.accept(client, attempt + 1); // that backend is down: try the next
        return;
      }
      client.destroy();
    });
    const drop = () => {
      this.sockets.delete(entry);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', drop);
    client.on('error', drop);
    upstream.on('close', () => {
      if (this.sockets.has(entry)) drop();
    });
  }
}
