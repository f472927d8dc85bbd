/**
 * GET /collab upgraded to a WebSocket on the same port as the HTTP API, handed to Hocuspocus.
 * The Origin of a browser's upgrade must be one of PUBLIC_ORIGIN; clients that send no Origin
 * (scripts, other servers) are not browsers and must present a token.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Metrics } from '../observability/metrics.ts';
import type { SocketContext } from './context.ts';

export interface WebsocketRouteOptions {
  hocuspocus: Hocuspocus;
  publicOrigins: string[];
  metrics: Metrics;
}

/** Close code for a text frame: the protocol is binary. */
const UNSUPPORTED_DATA = 1003;

function toFetchRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return new Request(`http://${request.headers.host ?? 'localhost'}${request.url}`, { headers });
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
      // Count what Hocuspocus sends without changing what it sees.
      const counted = {
        send: (data: Uint8Array) => {
          metrics.messagesOut.inc();
          socket.send(data);
        },
        close: (code?: number, reason?: string) => socket.close(code, reason),
        get readyState() {
          return socket.readyState;
        },
      };
      const context: SocketContext = { socket: counted };
      const connection = hocuspocus.handleConnection(counted, toFetchRequest(request), context);
      socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        if (!isBinary) {
          socket.close(UNSUPPORTED_DATA, 'binary frames only');
          return;
        }
        metrics.messagesIn.inc();
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        connection.handleMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
      socket.on('close', (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      // A broken socket ends that connection only; the error is not the process's.
      socket.on('error', (error) => request.log.debug({ err: error }, 'websocket error'));
    },
  );
}
