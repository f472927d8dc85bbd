/**
 * GET /collab upgraded to a WebSocket on the same port as the HTTP API, handed to Hocuspocus.
 * The Origin of a browser's upgrade must be one of PUBLIC_ORIGIN; clients that send no Origin
 * (scripts, other servers) are not browsers and must present a token.
 */
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Metrics } from '../observability/metrics.ts';
import type { SocketContext } from './context.ts';
import { handleAwarenessFrame } from './presenceIdentity.ts';
import { FrameGuard, type FrameGuardLimits, POLICY_VIOLATION } from './frameGuard.ts';
import type { SocketCaps } from './socketCaps.ts';

export interface WebsocketRouteOptions {
  hocuspocus: Hocuspocus;
  frameLimits?: FrameGuardLimits;
  publicOrigins: string[];
  metrics: Metrics;
  /** Caps on open sockets per address and per person. */
  caps?: SocketCaps;
}

/**
 * The socket as Hocuspocus sees it here. `holdUntil` makes every frame sent from then on wait,
 * in order, until `durable` settles: an acknowledgement never leaves before the write it
 * acknowledges is committed (see collab/persistence.ts). If `durable` fails, the held frames are
 * dropped (the socket is about to close).
 */
export interface HoldingSocket extends WebSocketLike {
  holdUntil(durable: Promise<unknown>): void;
}

export function canHold(socket: WebSocketLike): socket is HoldingSocket {
  return typeof (socket as Partial<HoldingSocket>).holdUntil === 'function';
}

/**
 * Frames reach the kernel once per socket and event-loop turn: the first frame of a turn corks
 * the socket, and every corked socket is uncorked when the turn ends. A small frame costs little
 * to build but a system call to write; a busy turn (a replay's acknowledgements, a broadcast, a
 * group commit's released frames) then costs one write per socket instead of one per frame.
 */
const corked = new Set<Duplex>();
let uncorking = false;

function uncorkAll(): void {
  uncorking = false;
  writeCorkedFrames();
}

/**
 * Writes what every corked socket holds now. Called when a turn's work ends earlier than the
 * turn (after a broadcast), so that frames made in a setImmediate callback do not wait for the
 * next turn.
 */
export function writeCorkedFrames(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/** ws keeps its TCP socket here; it corks around each frame itself, and corks nest. */
function tcpOf(socket: WebSocket): Duplex | undefined {
  return (socket as unknown as { _socket?: Duplex })._socket;
}

function uncorkNow(socket: WebSocket): void {
  const tcp = tcpOf(socket);
  if (tcp && corked.delete(tcp)) tcp.uncork();
}

function corkForThisTurn(socket: WebSocket): void {
  const tcp = tcpOf(socket);
  if (!tcp || corked.has(tcp) || tcp.destroyed) return;
  tcp.cork();
  corked.add(tcp);
  if (!uncorking) {
    uncorking = true;
    setImmediate(uncorkAll);
  }
}

/** Close code for a text frame: the protocol is binary. */
const UNSUPPORTED_DATA = 1003;

/**
 * The upgrade request as Hocuspocus keeps it for the life of the connection. Hocuspocus reads
 * only its `headers` and `url`, and parses the query of `url` for every message and every update
 * (getParameters): a path, which it accepts as Node's IncomingMessage gives it, costs far less to
 * parse than an absolute URL, and this small object far less memory than a Fetch Request.
 */
function upgradeRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return { url: request.url, headers } as unknown as Request;
}

export async function websocketRoute(app: FastifyInstance, options: WebsocketRouteOptions): Promise<void> {
  const { hocuspocus, publicOrigins, metrics } = options;
  app.get(
    '/collab',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const origin = request.headers.origin;
        if (origin !== undefined && !publicOrigins.includes(origin)) {
          await reply.status(403).send({ error: { code: 'CROSS_SITE', message: 'This origin may not open the WebSocket.' } });
        }
      },
    },
    (socket: WebSocket, request) => {
      // Count what Hocuspocus sends without changing what it sees; hold frames back while a
      // write they may acknowledge is not yet durable.
      let holds = 0;
      let failed = false;
      const held: Uint8Array[] = [];
      const release = () => {
        if (--holds > 0) return;
        for (const data of held.splice(0)) {
          if (socket.readyState !== socket.OPEN) break;
          metrics.messagesOut.inc();
          corkForThisTurn(socket);
          socket.send(data);
        }
        // Released in one go: write them now rather than at the end of the turn.
        uncorkNow(socket);
      };
      const counted: HoldingSocket = {
        send: (data: Uint8Array) => {
          if (failed) return;
          if (holds > 0) {
            held.push(data);
            return;
          }
          metrics.messagesOut.inc();
          corkForThisTurn(socket);
          socket.send(data);
        },
        close: (code?: number, reason?: string) => socket.close(code, reason),
        get readyState() {
          return socket.readyState;
        },
        holdUntil: (durable: Promise<unknown>) => {
          holds++;
          durable.then(release, () => {
            failed = true;
            held.length = 0;
          });
        },
      };
      const { caps } = options;
      if (caps && !caps.admitAddress(request.ip, counted)) return;
      socket.on('close', () => caps?.release(request.ip, counted));
      const context: SocketContext = { socket: counted, ...(caps ? { admitPerson: (userId: string) => caps.admitPerson(userId, counted) } : {}) };
      const connection = hocuspocus.handleConnection(counted, upgradeRequest(request), context);
      const guard = new FrameGuard(options.frameLimits);
      let refused = false;
      socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        if (refused) return; // frames already on their way when the socket was refused
        if (!isBinary) {
          refused = true;
          socket.close(UNSUPPORTED_DATA, 'binary frames only');
          return;
        }
        metrics.messagesIn.inc();
        // ws hands a Buffer of its own for each message: use it as it is, without a copy.
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        const frame = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        let verdict = guard.check(frame);
        if (verdict === 'ok' && guard.lastWasSyncRequest && options.caps && !options.caps.spendSyncRequest(counted)) verdict = 'flood';
        if (verdict !== 'ok') {
          request.log.warn({ verdict, bytes: frame.length }, 'closed a socket for a hostile frame');
          refused = true;
          socket.close(POLICY_VIOLATION.code, verdict);
          return;
        }
        // Awareness of an established document connection has a faster path (see there).
        if (handleAwarenessFrame(connection, frame)) return;
        connection.handleMessage(frame);
      });
      socket.on('close', (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      // A broken socket ends that connection only; the error is not the process's.
      socket.on('error', (error) => request.log.debug({ err: error }, 'websocket error'));
    },
  );
}
