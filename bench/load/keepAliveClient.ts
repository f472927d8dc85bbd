/**
 * HTTP requests as a loaded page makes them: over a pool of kept-alive connections, with the
 * session cookie, JSON bodies. Shared by the load processes that cast ballots, upvote and comment.
 * A network error answers status -1 (the caller counts it as refused), never throws.
 *
 * HTTP/1.1 written and read here over `node:net` sockets, not `node:http`: these processes share the
 * server's two cores, and node:http's client (request and response objects, streams, the agent's
 * bookkeeping) cost about 0.45 ms of CPU per request there, CPU a real, remote client would not take
 * from the server. The requests carry what node:http sent (Host, the cookie, Content-Type and
 * Content-Length with a body, Content-Length: 0 for an empty PUT or POST, Connection: keep-alive),
 * each as one write; one request at a time per connection (no pipelining), as node:http does.
 */
import net from 'node:net';

export type Send = (method: string, path: string, cookie: string, body?: string) => Promise<{ status: number; text: string }>;
type Answer = { status: number; text: string };

interface Request {
  method: string;
  bytes: string;
  resolve: (answer: Answer) => void;
}

/** Methods node:http sends with `Content-Length: 0` when they have no body. */
const NO_BODY_BY_DEFAULT = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** A response head longer than this is not one of this app's (node:http's own limit is 16 KiB). */
const MAX_HEAD = 64 * 1024;

/** Where the parser is in a response (plain numbers: Node runs this file with its types stripped, no enums). */
const State = { Head: 0, Length: 1, ChunkSize: 2, ChunkData: 3, ChunkEnd: 4, Trailers: 5, UntilClose: 6 } as const;

/** One kept-alive connection; `onIdle` hands it back to the pool after each answer, `onGone` when it closes. */
class Connection {
  private readonly socket: net.Socket;
  private current: Request | null = null;
  private pending: Buffer | null = null;
  private state: number = State.Head;
  private status = 0;
  private remaining = 0;
  private parts: Buffer[] = [];
  private closeAfter = false;
  private gone = false;
  private readonly onIdle: (connection: Connection) => void;
  private readonly onGone: (connection: Connection) => void;

  constructor(port: number, host: string, onIdle: (connection: Connection) => void, onGone: (connection: Connection) => void) {
    this.onIdle = onIdle;
    this.onGone = onGone;
    this.socket = net.connect({ port, host, noDelay: true, keepAlive: true, keepAliveInitialDelay: 10_000 });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => {}); // 'close' follows and answers the request in flight.
    this.socket.on('end', () => this.socket.destroy());
    this.socket.on('close', () => this.closed());
  }

  send(request: Request): void {
    this.current = request;
    this.state = State.Head;
    this.socket.write(request.bytes);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    if (!this.current) {
      this.socket.destroy(); // Bytes nobody asked for: this connection can no longer be trusted.
      return;
    }
    this.pending = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.parse();
    } catch {
      this.socket.destroy();
    }
  }

  /** Moves up to `remaining` body bytes (of a sized body or of a chunk) out of `buffer`; true once none remain. */
  private body(buffer: Buffer): boolean {
    const n = Math.min(this.remaining, buffer.length);
    this.parts.push(buffer.subarray(0, n));
    this.remaining -= n;
    this.take(n);
    return this.remaining === 0;
  }

  /** Consumes `pending` as far as it goes; answers the request once its response is whole. */
  private parse(): void {
    while (this.pending && this.current) {
      const buffer: Buffer = this.pending;
      switch (this.state) {
        case State.Head: {
          const end = buffer.indexOf(HEAD_END);
          if (end < 0) {
            if (buffer.length > MAX_HEAD) throw new Error('response head too long');
            return;
          }
          this.head(buffer.toString('latin1', 0, end));
          this.take(end + 4);
          break;
        }
        case State.Length:
          if (this.body(buffer)) this.finish();
          break;
        case State.ChunkSize: {
          const eol = buffer.indexOf(CRLF);
          if (eol < 0) return;
          const size = Number.parseInt(buffer.toString('latin1', 0, eol), 16); // stops at a `;extension`
          if (!Number.isFinite(size) || size < 0) throw new Error('bad chunk size');
          this.take(eol + 2);
          this.remaining = size;
          this.state = size === 0 ? State.Trailers : State.ChunkData;
          break;
        }
        case State.ChunkData:
          if (this.body(buffer)) this.state = State.ChunkEnd;
          break;
        case State.ChunkEnd: {
          if (buffer.length < 2) return;
          this.take(2);
          this.state = State.ChunkSize;
          break;
        }
        case State.Trailers: {
          const eol = buffer.indexOf(CRLF);
          if (eol < 0) return;
          this.take(eol + 2);
          if (eol === 0) this.finish(); // the empty line after the (usually absent) trailers
          break;
        }
        case State.UntilClose: {
          this.parts.push(buffer);
          this.pending = null;
          break;
        }
      }
    }
  }

  /** The status line and the three headers that decide how the body is framed and whether the connection stays. */
  private head(text: string): void {
    const lines = text.split('\r\n');
    const statusLine = lines[0]!;
    this.status = Number(statusLine.slice(9, 12));
    if (!statusLine.startsWith('HTTP/1.') || !Number.isInteger(this.status)) throw new Error('bad status line');
    let length = -1;
    let chunked = false;
    let connection = '';
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      if (name === 'content-length') length = Number(line.slice(colon + 1).trim());
      else if (name === 'transfer-encoding')
        chunked = line
          .slice(colon + 1)
          .toLowerCase()
          .includes('chunked');
      else if (name === 'connection')
        connection = line
          .slice(colon + 1)
          .trim()
          .toLowerCase();
    }
    this.closeAfter = connection === 'close' || (statusLine.startsWith('HTTP/1.0') && connection !== 'keep-alive');
    this.parts = [];
    if (this.status < 200) {
      this.state = State.Head; // 1xx: an interim response; the real one follows
    } else if (this.current!.method === 'HEAD' || this.status === 204 || this.status === 304) {
      this.remaining = 0;
      this.state = State.Length;
      this.finish();
    } else if (chunked) {
      this.state = State.ChunkSize;
    } else if (length >= 0) {
      if (!Number.isSafeInteger(length)) throw new Error('bad content-length');
      this.remaining = length;
      this.state = State.Length;
      if (length === 0) this.finish();
    } else {
      this.closeAfter = true;
      this.state = State.UntilClose;
    }
  }

  private take(n: number): void {
    this.pending = n >= this.pending!.length ? null : this.pending!.subarray(n);
  }

  private finish(): void {
    const request = this.current!;
    const text = this.parts.length === 1 ? this.parts[0]!.toString('utf8') : Buffer.concat(this.parts).toString('utf8');
    this.current = null;
    this.parts = [];
    this.state = State.Head;
    request.resolve({ status: this.status, text });
    if (this.closeAfter || this.pending) this.socket.destroy();
    else this.onIdle(this);
  }

  private closed(): void {
    if (this.gone) return;
    this.gone = true;
    const request = this.current;
    this.current = null;
    if (request) {
      if (this.state === State.UntilClose) {
        request.resolve({ status: this.status, text: Buffer.concat(this.parts).toString('utf8') });
      } else {
        request.resolve({ status: -1, text: '' });
      }
    }
    this.onGone(this);
  }
}

/** `send` makes a request; `close` ends the pool's connections once the load is done. */
export function keepAliveClient(baseUrl: string, maxSockets: number): { send: Send; close: () => void } {
  const base = new URL(baseUrl);
  const host = base.hostname;
  const port = Number(base.port || 80);
  const hostHeader = base.host;
  const idle: Connection[] = [];
  const open = new Set<Connection>();
  const queue: Request[] = [];
  let closed = false;

  const dispatch = (request: Request) => {
    const connection = idle.pop();
    if (connection) connection.send(request);
    else if (open.size < maxSockets) {
      const fresh = new Connection(port, host, onIdle, onGone);
      open.add(fresh);
      fresh.send(request);
    } else queue.push(request);
  };
  const onIdle = (connection: Connection) => {
    const next = queue.shift();
    if (next) connection.send(next);
    else idle.push(connection);
  };
  const onGone = (connection: Connection) => {
    open.delete(connection);
    const at = idle.indexOf(connection);
    if (at >= 0) idle.splice(at, 1);
    const next = queue.shift();
    if (next) {
      if (closed) next.resolve({ status: -1, text: '' });
      else dispatch(next);
    }
  };

  const send: Send = (method, path, cookie, body) =>
    new Promise((resolve) => {
      if (closed) {
        resolve({ status: -1, text: '' });
        return;
      }
      let bytes = `${method} ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nCookie: ${cookie}\r\n`;
      if (body) bytes += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
      else if (!NO_BODY_BY_DEFAULT.has(method)) bytes += 'Content-Length: 0\r\n';
      bytes += 'Connection: keep-alive\r\n\r\n';
      if (body) bytes += body;
      dispatch({ method, bytes, resolve });
    });

  const close = () => {
    closed = true;
    for (const request of queue.splice(0)) request.resolve({ status: -1, text: '' });
    for (const connection of [...open]) connection.destroy();
  };
  return { send, close };
}
