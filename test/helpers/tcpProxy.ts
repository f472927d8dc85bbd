/**
 * A TCP load balancer for tests: round-robin over backends, skipping one that refuses, and
 * able to cut every connection to a backend (a partition) — in front of server instances, or
 * in front of PostgreSQL to take it away and give it back — or to cut only the clients' side
 * (`loseClients`), which the backends do not notice; or to hold back what a WebSocket client sends
 * after its upgrade until the test lets it through (`holdNext`), as a congested path delivers late.
 */
import net from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

/** What a held connection's client sent after its upgrade request (see `holdNext`). */
interface Hold {
  chunks: Buffer[];
  upstream?: net.Socket;
  released: boolean;
}

export class TcpProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<{ client: net.Socket; upstream: net.Socket; backend: Backend }>();
  /** Backend connections whose client is gone while the backend still thinks it is there. */
  private readonly orphans = new Set<net.Socket>();
  private next = 0;
  private cut = false;
  private nextHold: Hold | undefined;
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

  /**
   * The open client connections die without a word (a phone that lost its network): the clients
   * see their sockets close, the backends see nothing, and what they still send goes nowhere.
   * Returns a function that closes those backend connections at last, as a backend's own timeout would.
   */
  loseClients(): () => void {
    const orphans: net.Socket[] = [];
    for (const entry of this.sockets) {
      this.sockets.delete(entry);
      this.orphans.add(entry.upstream);
      entry.client.unpipe(entry.upstream);
      entry.upstream.unpipe(entry.client);
      entry.upstream.resume();
      entry.client.destroy();
      orphans.push(entry.upstream);
    }
    return () => {
      for (const upstream of orphans) {
        this.orphans.delete(upstream);
        upstream.destroy();
      }
    };
  }

  /**
   * The next client connection reaches its backend with its HTTP request (a WebSocket upgrade) only:
   * what the client sends after it is held back until `release` delivers it, to the backend, even
   * once the client is gone (`loseClients`): a dead client's last segments arriving late. `held`
   * is what waits.
   */
  holdNext(): { held: () => Buffer; release: () => void } {
    const hold: Hold = { chunks: [], released: false };
    this.nextHold = hold;
    return {
      held: () => Buffer.concat(hold.chunks),
      release: () => {
        hold.released = true;
        const upstream = hold.upstream;
        for (const chunk of hold.chunks.splice(0)) if (upstream && !upstream.destroyed) upstream.write(chunk);
      },
    };
  }

  heal(): void {
    this.cut = false;
  }

  setBackends(backends: Backend[]): void {
    this.backends = backends;
  }

  async close(): Promise<void> {
    this.partition();
    for (const upstream of this.orphans) upstream.destroy();
    this.orphans.clear();
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
    const hold = this.nextHold;
    this.nextHold = undefined;
    upstream.once('connect', () => {
      this.sockets.add(entry);
      if (hold) this.holdAfterRequest(client, upstream, hold);
      else client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.once('error', () => {
      if (this.orphans.has(upstream)) return;
      if (!this.sockets.has(entry) && attempt < this.backends.length) {
        this.accept(client, attempt + 1); // that backend is down: try the next
        return;
      }
      client.destroy();
    });
    const drop = () => {
      if (this.orphans.has(upstream)) return; // its client was lost on purpose: the backend is not told
      this.sockets.delete(entry);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', drop);
    client.on('error', drop);
    upstream.on('close', () => {
      this.orphans.delete(upstream);
      if (this.sockets.has(entry)) drop();
    });
  }

  private holdAfterRequest(client: net.Socket, upstream: net.Socket, hold: Hold): void {
    hold.upstream = upstream;
    let head: Buffer | null = Buffer.alloc(0);
    client.on('data', (data: Buffer) => {
      let rest = data;
      if (head) {
        head = Buffer.concat([head, data]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        upstream.write(head.subarray(0, end + 4));
        rest = head.subarray(end + 4);
        head = null;
        if (rest.length === 0) return;
      }
      if (hold.released) upstream.write(rest);
      else hold.chunks.push(rest);
    });
  }
}
