/**
 * A TCP proxy in front of one service (Redis, PostgreSQL) that fails the way networks and hung
 * servers do: `reset()` drops every connection and refuses new ones; `silence()` keeps every
 * connection open, accepts new ones, and passes nothing either way (bytes wait, as behind a
 * stopped process); `heal()` passes everything again, what waited included.
 */
import net from 'node:net';

type Mode = 'pass' | 'reset' | 'silent';

interface Link {
  client: net.Socket;
  upstream: net.Socket;
  held: { to: net.Socket; data: Buffer }[];
}

export class FaultProxy {
  private readonly server: net.Server;
  private readonly links = new Set<Link>();
  private mode: Mode = 'pass';
  private readonly target: { host: string; port: number };
  port = 0;

  constructor(target: { host: string; port: number }) {
    this.target = target;
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  reset(): void {
    this.mode = 'reset';
    for (const link of this.links) {
      link.client.resetAndDestroy();
      link.upstream.destroy();
    }
    this.links.clear();
  }

  silence(): void {
    this.mode = 'silent';
  }

  heal(): void {
    this.mode = 'pass';
    for (const link of this.links) {
      for (const { to, data } of link.held.splice(0)) if (!to.destroyed) to.write(data);
    }
  }

  async close(): Promise<void> {
    this.reset();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: net.Socket): void {
    if (this.mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    const link: Link = { client, upstream, held: [] };
    this.links.add(link);
    const forward = (to: net.Socket) => (data: Buffer) => {
      if (this.mode === 'silent' || link.held.length > 0) link.held.push({ to, data });
      else if (!to.destroyed) to.write(data);
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    const drop = () => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  }
}
