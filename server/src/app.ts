/**
 * Builds the whole server (Fastify for HTTP, Hocuspocus for the WebSocket, on one port)
 * without listening, so that tests and benchmarks can start it on port 0.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import type { Hocuspocus } from '@hocuspocus/server';
import Fastify, { type FastifyInstance } from 'fastify';
import { authPlugin } from './auth/authPlugin.ts';
import { authRoutes } from './auth/authRoutes.ts';
import { CollabTokens } from './auth/collabToken.ts';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { ClusterBus } from './cluster/clusterBus.ts';
import { ClusterSync } from './cluster/clusterSync.ts';
import { AccessSweep } from './collab/accessSweep.ts';
import { closeSessionConnections, createCollabServer } from './collab/collabServer.ts';
import { DocumentAccess } from './collab/documentAccess.ts';
import { websocketRoute } from './collab/websocketRoute.ts';
import { yWebsocketRoute } from './collab/yWebsocketRoute.ts';
import type { Config } from './config.ts';
import { clientAssets } from './http/clientAssets.ts';
import { AppError } from './http/appError.ts';
import { errorHandler } from './http/errorHandler.ts';
import { addSecurityHeaders } from './http/securityHeaders.ts';
import { FEATURES } from './features.ts';
import { LiveProjection } from './live/liveProjection.ts';
import { meetingRoutes } from './meetings/meetingRoutes.ts';
import { userRoutes } from './users/userRoutes.ts';
import { healthRoutes } from './observability/healthRoutes.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { openStore, type Store } from './storage/store.ts';
import { WriteHealth } from './storage/writeHealth.ts';

/** Probes of load balancers and monitoring: never rate-limited. */
const OPERATIONS_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** Largest HTTP body accepted (413 above). */
export const MAX_BODY_BYTES = 256 * 1024;

const DEFAULT_CLIENT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/client');

export interface RouteInfo {
  method: string;
  url: string;
  /** False for routes kept out of the OpenAPI document (the client's static files). */
  documented: boolean;
  /** The WebSocket route, which OpenAPI cannot describe; the document's description names it. */
  websocket: boolean;
}

export interface App {
  http: FastifyInstance;
  /** Every route registered, for tests that check the OpenAPI document against it. */
  routes: RouteInfo[];
  collab: Hocuspocus;
  /** Projections into the live:{meetingId} documents. */
  live: LiveProjection;
  store: Store;
  metrics: Metrics;
  /** Stores what is pending, closes every socket, then the store. */
  close(): Promise<void>;
}

/**
 * Runs every debounced store now and waits for it. Updates are already in the log; this folds
 * them into snapshots so the next start loads fast.
 */
async function storePendingDocuments(collab: Hocuspocus): Promise<void> {
  await Promise.all(
    [...collab.documents.values()].map(async (document) => {
      const id = `onStoreDocument-${document.name}`;
      if (collab.debouncer.isDebounced(id)) await collab.debouncer.executeNow(id);
      await document.saveMutex.waitForUnlock();
    }),
  );
}

export interface AppDependencies {
  /** An open store; when given, the app does not close it. */
  store?: Store;
  /** Where the built client is; defaults to dist/client. */
  clientRoot?: string;
  /** Pino options, or false for silence (tests). */
  logger?: boolean | { level: string };
}

export async function buildApp(config: Config, deps: AppDependencies = {}): Promise<App> {
  const store = deps.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const ownsStore = deps.store === undefined;
  const metrics = createMetrics();

  const http = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: MAX_BODY_BYTES,
    forceCloseConnections: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes: RouteInfo[] = [];
  http.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        documented: !(route.schema as { hide?: boolean } | undefined)?.hide,
        websocket: route.websocket === true,
      });
    }
  });

  const tokens = new CollabTokens(await store.settings.secret('collab-token-secret'));
  const access = new DocumentAccess(store);
  const live = new LiveProjection({ log: http.log });
  // Several instances: documents, awareness and application events cross through Redis.
  const bus = config.redisUrl ? new ClusterBus(config.redisUrl, config.redisPrefix, http.log) : null;
  const clusterSync = config.redisUrl
    ? new ClusterSync({
        url: config.redisUrl,
        prefix: config.redisPrefix,
        identifier: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
        log: http.log,
      })
    : null;
  const writeHealth = new WriteHealth();
  const collab = createCollabServer({
    store,
    tokens,
    access,
    metrics,
    log: http.log,
    writeHealth,
    maxUpdateBytes: config.maxUpdateBytes,
    updateCpuBudgetMs: config.updateCpuBudgetMs,
    maxDocumentBytes: config.maxDocumentBytes,
    extensions: clusterSync ? [live, clusterSync] : [live],
  });
  live.attach(collab);
  access.attach(collab, bus);
  const sweep = new AccessSweep(collab, store, http.log);
  sweep.start();
  if (bus) {
    live.attachBus(bus);
    bus.on('sessionRevoked', ({ sessionId }) => closeSessionConnections(collab, sessionId));
    bus.on('userChanged', () => void sweep.checkNow());
  }

  await http.register(swagger, {
    openapi: {
      info: {
        title: 'Plenary API',
        version: '1',
        description:
          'Commands and queries of the Plenary board. Collaborative documents are served on the WebSocket at GET /collab ' +
          '(Hocuspocus protocol): authenticate each document with a token from POST /api/collab-token. Plain Yjs clients ' +
          '(y-websocket) use GET /yjs/<documentName>?token=<collab token or API token>. Scripts authenticate REST calls ' +
          'with Authorization: Bearer <API token> (POST /api/tokens).',
      },
    },
  });
  await http.register(errorHandler);
  addSecurityHeaders(http, config.publicOrigins);
  // Per signed-in user, else per client address (X-Forwarded-For only with TRUST_PROXY=1).
  // Counted in Redis when there is one, so that limits hold across instances. After the auth
  // hook (preHandler), so that the user is known. Routes may set tighter limits of their own.
  await http.register(rateLimit, {
    global: config.rateLimitPerMinute > 0,
    hook: 'preHandler',
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.user ? `user:${request.user.id}` : `ip:${request.ip}`),
    allowList: (request) => OPERATIONS_ROUTES.has(request.url),
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `Too many requests; try again in ${context.after}.`),
    ...(bus ? { redis: bus.pub, nameSpace: `${config.redisPrefix}rate:`, skipOnError: true } : {}),
  });
  await http.register(authPlugin, { store, publicOrigins: config.publicOrigins, secureCookies: config.secureCookies });
  // A larger frame closes that socket with 1009 (Message Too Big).
  await http.register(websocket, { options: { maxPayload: config.maxFrameBytes } });

  http.addHook('onResponse', async (request, reply) => {
    metrics.httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: reply.statusCode });
  });

  await http.register(healthRoutes, {
    metrics,
    checks: {
      store: () => store.db.ping(),
      storeWrites: () => writeHealth.check(),
      ...(bus ? { redis: () => bus.ping() } : {}),
    },
  });
  await http.register(authRoutes, {
    store,
    tokens,
    onSessionRevoked: (sessionId) => {
      closeSessionConnections(collab, sessionId);
      bus?.publish('sessionRevoked', { sessionId });
    },
  });
  await http.register(meetingRoutes, { store });
  await http.register(userRoutes, {
    store,
    publicOrigin: config.publicOrigins[0],
    onUserChanged: (userId) => {
      void sweep.checkNow();
      bus?.publish('userChanged', { userId });
    },
  });
  for (const feature of FEATURES) {
    await feature.register({
      http,
      store,
      collab,
      live,
      access,
      config,
      metrics,
      log: http.log.child({ feature: feature.name }),
    });
  }
  await http.register(websocketRoute, { hocuspocus: collab, publicOrigins: config.publicOrigins, metrics });
  await http.register(yWebsocketRoute, { hocuspocus: collab, publicOrigins: config.publicOrigins, metrics, store, tokens });
  http.get('/api/openapi.json', { schema: { tags: ['operations'], summary: 'This OpenAPI document' } }, async () =>
    http.swagger(),
  );
  await http.register(clientAssets, { root: deps.clientRoot ?? DEFAULT_CLIENT_ROOT });

  let closing: Promise<void> | undefined;
  return {
    http,
    routes,
    collab,
    live,
    store,
    metrics,
    close: () =>
      (closing ??= (async () => {
        live.stop();
        sweep.stop();
        await storePendingDocuments(collab);
        collab.closeConnections();
        await http.close();
        await clusterSync?.onDestroy();
        await bus?.close();
        if (ownsStore) await store.close();
      })()),
  };
}
