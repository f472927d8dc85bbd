/**
 * GET /yjs/<documentName>?token=… upgraded to a WebSocket that speaks the y-websocket protocol
 * (see yWebsocketAdapter.ts), served by the same Hocuspocus as /collab. The token is a collab
 * token (POST /api/collab-token) or an API token (`plt_…`, POST /api/tokens); without one, the
 * session cookie of the upgrade. Browsers cannot set headers on a WebSocket, hence the query: the
 * route logs at `warn` only, and never the URL, so that no token reaches a log.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { looksLikeApiToken } from '../apiTokens/apiTokenStore.ts';
import { apiTokenStoreOf, hasScope } from '../apiTokens/bearerAuth.ts';
import type { CollabTokens } from '../auth/collabToken.ts';
import { liveSession } from '../auth/liveSession.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Store } from '../storage/store.ts';
import type { SocketContext } from './context.ts';
import { FrameGuard, POLICY_VIOLATION } from './frameGuard.ts';
import { Y_CLOSE, YWebsocketAdapter } from './yWebsocketAdapter.ts';

export interface YWebsocketRouteOptions {
  hocuspocus: Hocuspocus;
  publicOrigins: string[];
  metrics: Metrics;
  store: Store;
  tokens: CollabTokens;
}

/** What the upgrade's credentials come to, decided before the upgrade (see preValidation). */
type Credentials = { token: string; readOnly: boolean } | 'invalid';

const credentialsOf = new WeakMap<FastifyRequest, Credentials>();

const DOCUMENT_NAME = /^(agenda|proposal|live):[A-Za-z0-9_-]{1,64}$/;

export async function yWebsocketRoute(app: FastifyInstance, options: YWebsocketRouteOptions): Promise<void> {
  const { hocuspocus, publicOrigins, metrics, store, tokens } = options;
  const apiTokens = apiTokenStoreOf(store);

  /** An API token becomes a collab token bound to the document and the token's session. */
  async function resolve(documentName: string, token: string): Promise<Credentials> {
    if (!looksLikeApiToken(token)) return { token, readOnly: false };
    const apiToken = await apiTokens.byToken(token);
    const found = apiToken ? await liveSession(store, apiToken.sessionId) : null;
    if (!apiToken || !found) return 'invalid';
    const { session, user } = found;
    await apiTokens.touch(apiToken);
    return {
      token: tokens.issue({ u: user.id, s: session.id, d: documentName }).token,
      readOnly: !hasScope(apiToken, 'write'),
    };
  }

  app.get<{ Params: { documentName: string }; Querystring: { token?: string } }>(
    '/yjs/:documentName',
    {
      websocket: true,
      // The query holds a token: no request log (it would print the URL).
      logLevel: 'warn',
      preValidation: async (request, reply) => {
        const origin = request.headers.origin;
        if (origin !== undefined && !publicOrigins.includes(origin)) {
          await reply.status(403).send({ error: { code: 'CROSS_SITE', message: 'This origin may not open the WebSocket.' } });
          return;
        }
        const documentName = request.params.documentName;
        if (!DOCUMENT_NAME.test(documentName)) {
          await reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such document.' } });
          return;
        }
        const token = typeof request.query.token === 'string' ? request.query.token : '';
        credentialsOf.set(request, await resolve(documentName, token));
      },
    },
    (socket: WebSocket, request) => {
      const documentName = request.params.documentName;
      const credentials = credentialsOf.get(request) ?? 'invalid';
      if (credentials === 'invalid') {
        socket.close(Y_CLOSE.tokenInvalid.code, Y_CLOSE.tokenInvalid.reason);
        return;
      }
      const adapter = new YWebsocketAdapter(socket, { documentName, onSend: () => metrics.messagesOut.inc() });
      const context: SocketContext = { socket: adapter, ...(credentials.readOnly ? { readOnly: true } : {}) };
      // Hocuspocus keeps the request for the connection's life: a path without the query, the headers (cookie).
      const headers = new Headers();
      const cookie = request.headers.cookie;
      if (cookie) headers.set('cookie', cookie);
      const upgrade = { url: `/yjs/${encodeURIComponent(documentName)}`, headers } as unknown as Request;
      const connection = hocuspocus.handleConnection(adapter, upgrade, context);
      connection.handleMessage(adapter.authFrame(credentials.token));
      const guard = new FrameGuard();
      let refused = false;
      const refuse = (code: number, reason: string) => {
        refused = true;
        socket.close(code, reason);
      };
      socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        if (refused) return;
        if (!isBinary) return refuse(Y_CLOSE.unsupported.code, 'binary frames only');
        metrics.messagesIn.inc();
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        const frame = adapter.fromClient(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        if (!frame) return refuse(Y_CLOSE.unsupported.code, Y_CLOSE.unsupported.reason);
        const verdict = guard.check(frame);
        if (verdict !== 'ok') {
          request.log.warn({ verdict, bytes: frame.length }, 'closed a y-websocket for a hostile frame');
          return refuse(POLICY_VIOLATION.code, verdict);
        }
        connection.handleMessage(frame);
      });
      socket.on('close', (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      socket.on('error', (error) => request.log.debug({ err: error }, 'y-websocket error'));
    },
  );
}
