/**
 * GET /collab upgraded to a WebSocket on the same port as the HTTP API, handed to Hocuspocus.
 * The Origin of a browser's upgrade must be one of PUBLIC_ORIGIN; clients that send no Origin
 * (scripts, other servers) are not browsers and must present a token.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { SocketContext } from './context.ts';
import { EarlyAwareness } from './earlyAwareness.ts';
import { FrameGuard, type FrameGuardLimits, type FrameVerdict, POLICY_VIOLATION } from './frameGuard.ts';
import { handleAwarenessFrame } from './presenceIdentity.ts';
import type { SocketCaps } from './socketCaps.ts';
import { holdingSocket } from './socketWrites.ts';
import { updateBatchesOf } from './updateBatches.ts';

export interface WebsocketRouteOptions {
  hocuspocus: Hocuspocus;
  frameLimits?: FrameGuardLimits;
  publicOrigins: string[];
  metrics: Metrics;
  /** Caps on open sockets per address and per person. */
  caps?: SocketCaps;
}

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
  const batches = updateBatchesOf(hocuspocus);
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
      const counted = holdingSocket(socket, (messages) => metrics.messagesOut.inc(messages));
      const { caps } = options;
      if (caps && !caps.admitAddress(request.ip, counted)) return;
      socket.on('close', () => caps?.release(request.ip, counted));
      let refused = false;
      // One way of refusing a flood, whether of frames or of the bytes their answers cost.
      const refuse = (verdict: FrameVerdict, why: string, detail: Record<string, number> = {}) => {
        request.log.warn({ verdict, ...detail }, why);
        refused = true;
        socket.close(POLICY_VIOLATION.code, verdict);
      };
      const earlyAwareness = new EarlyAwareness();
      const context: SocketContext = {
        socket: counted,
        earlyAwareness,
        ...(caps
          ? {
              admitPerson: (userId: string) => caps.admitPerson(userId, counted),
              syncReplies: {
                admit: () => {
                  if (refused) return false;
                  if (caps.admitSyncReply(counted)) return true;
                  refuse('flood', 'closed a socket over its person’s budget of sync answer bytes');
                  return false;
                },
                spent: (bytes: number) => caps.spendSyncReplyBytes(counted, bytes),
              },
            }
          : {}),
      };
      const connection = hocuspocus.handleConnection(counted, upgradeRequest(request), context);
      earlyAwareness.attach(connection);
      const guard = new FrameGuard(options.frameLimits);
      socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        if (refused) return; // frames already on their way when the socket was refused
        if (!isBinary) {
          refused = true;
          socket.close(CLOSE_EVENTS.unsupportedData.code, CLOSE_EVENTS.unsupportedData.reason);
          return;
        }
        metrics.messagesIn.inc();
        // ws hands a Buffer of its own for each message: use it as it is, without a copy.
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        const frame = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        let verdict = guard.check(frame);
        if (verdict === 'ok' && guard.lastWasSyncRequest && options.caps && !options.caps.spendSyncRequest(counted))
          verdict = 'flood';
        if (verdict !== 'ok') {
          refuse(verdict, 'closed a socket for a hostile frame', { bytes: frame.length });
          return;
        }
        // A writer's updates that one read brings are applied together (see there); any other
        // frame first lets the pending ones go, so that the socket's frames keep their order.
        if (batches?.take(connection, frame)) return;
        batches?.flush(connection);
        // Awareness of an established document connection has a faster path (see there), and
        // awareness sent before it is established waits for it (earlyAwareness.ts).
        if (handleAwarenessFrame(connection, frame) || earlyAwareness.hold(frame)) return;
        connection.handleMessage(frame);
      });
      socket.on('close', (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      // A broken socket ends that connection only; the error is not the process's.
      socket.on('error', (error) => request.log.debug({ err: error }, 'websocket error'));
    },
  );
}
