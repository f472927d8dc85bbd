/**
 * Builds the whole server (Fastify for HTTP, Hocuspocus for the WebSocket, on one port)
 * without listening, so that tests and benchmarks can start it on port 0.
 */

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import type { Hocuspocus } from '@hocuspocus/server';
import Fastify, { type FastifyInstance } from 'fastify';
import { toStorableValue } from '../../shared/storableText.ts';
import { requiredScope, scopeDescription } from './apiTokens/tokenScopes.ts';
import { authPlugin, isOpenRoute, SESSION_COOKIE } from './auth/authPlugin.ts';
import { authRoutes } from './auth/authRoutes.ts';
import { CollabTokens } from './auth/collabToken.ts';
import { ClusterBus } from './cluster/clusterBus.ts';
import { ClusterSync } from './cluster/clusterSync.ts';
import { AccessSweep } from './collab/accessSweep.ts';
import { AdmittedUpdates } from './collab/admittedUpdates.ts';
import { closeSessionConnections, createCollabServer } from './collab/collabServer.ts';
import { DocumentAccess } from './collab/documentAccess.ts';
import { runPendingStoresNow } from './collab/hocuspocusInternals/storeDebounce.ts';
import { PresenceClaims } from './collab/presenceClaims.ts';
import { disownClaimed } from './collab/presenceIdentity.ts';
import { SocketCaps } from './collab/socketCaps.ts';
import { websocketRoute } from './collab/websocketRoute.ts';
import { yWebsocketRoute } from './collab/yWebsocketRoute.ts';
import type { Config } from './config.ts';
import { accessResolvers, collectDeclarations } from './featureDeclarations.ts';
import { FEATURES } from './features.ts';
import { AppError } from './http/appError.ts';
import { buildValidator } from './http/bodyValidation.ts';
import { clientAssets } from './http/clientAssets.ts';
import { errorHandler, frameworkErrors } from './http/errorHandler.ts';
import { fallbackRateLimitStore } from './http/rateLimitStore.ts';
import { addSecurityHeaders } from './http/securityHeaders.ts';
import { LiveProjection } from './live/liveProjection.ts';
import { AgendaItemDays } from './meetingRecord/agendaItemDays.ts';
import { MeetingLifecycle } from './meetings/meetingLifecycle.ts';
import { canReadMeeting } from './meetings/meetingPolicy.ts';
import { queueAccountEmail } from './notifications/accountMail.ts';
import { Notifier } from './notifications/notify.ts';
import { healthRoutes } from './observability/healthRoutes.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { ALL_MIGRATIONS } from './schema.ts';
import { StoreUnavailable } from './storage/db.ts';
import { openStore, type Store } from './storage/store.ts';
import { WriteHealth } from './storage/writeHealth.ts';
import { userRoutes } from './users/userRoutes.ts';

/** Probes of load balancers and monitoring: never rate-limited. */
const OPERATIONS_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
  /** Anyone may call it, signed in or not (authPlugin's isOpenRoute). */
  open: boolean;
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
  /** This app's notifier (the demo seed and tests emit through it). */
  notify: Notifier;
  /** Stores what is pending, closes every socket, then the store. */
  close(): Promise<void>;
}

/**
 * Fastify fails closed on a bare hop count, so a count becomes "the nearest N hops": right when
 * the app's port is reachable only through the proxies (as in docker-compose.yml).
 */
function trustProxyOption(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
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
  const store =
    deps.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrations: ALL_MIGRATIONS }));
  const ownsStore = deps.store === undefined;
  const metrics = createMetrics();

  const http = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: MAX_BODY_BYTES,
    forceCloseConnections: true,
    frameworkErrors,
    // Bodies without type coercion, and only storable text in them (bodyValidation.ts).
    schemaController: { compilersFactory: { buildValidator } },
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
        open: isOpenRoute(route.url, route.config),
      });
    }
    // The OpenAPI document's global `security` (a session cookie or an API token) holds for every
    // route the auth plugin closes; an open one says `security: []`. A route that says otherwise
    // itself (token management: the cookie only; /metrics: its own token) keeps what it says.
    // @fastify/swagger keeps this route object and reads its schema when the document is asked for.
    if (isOpenRoute(route.url, route.config) && route.schema?.security === undefined) {
      route.schema = { ...route.schema, security: [] };
    } else if (route.schema?.security === undefined && !route.schema?.hide) {
      // A route that takes an API token says which scope it needs, from the rule bearerAuth enforces
      // (tokenScopes.ts). Every such route has one method besides HEAD.
      const scope = requiredScope([route.method].flat().find((method) => method !== 'HEAD') ?? 'GET', route.config);
      const description = [route.schema?.description, scopeDescription(scope)].filter(Boolean).join('\n\n');
      route.schema = { ...route.schema, description, 'x-token-scope': scope };
    }
  });

  const tokens = new CollabTokens(await store.settings.secret('collab-token-secret'));
  // Throws (the server does not start) when two features claim one document kind or live map.
  const declarations = collectDeclarations(FEATURES);
  const access = new DocumentAccess(accessResolvers(declarations, store));
  const live = new LiveProjection({ log: http.log, maps: declarations.liveMaps });
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
  const presenceClaims = new PresenceClaims(bus ? (claim) => bus.publish('presenceClaimed', claim) : undefined);
  const writeHealth = new WriteHealth();
  // Updates checked and not yet applied, which a change of an agenda's days waits for.
  const admitted = new AdmittedUpdates();
  const agendaItemDays = new AgendaItemDays({ store, access, admitted, log: http.log });
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
    updateRules: [agendaItemDays],
    admitted,
    presenceClaims,
    extensions: clusterSync ? [live, agendaItemDays, clusterSync] : [live, agendaItemDays],
  });
  live.attach(collab);
  access.attach(collab, bus);
  const sweep = new AccessSweep(collab, store, http.log);
  sweep.start();
  if (bus) {
    live.attachBus(bus);
    bus.on('sessionRevoked', ({ sessionId }) => closeSessionConnections(collab, sessionId));
    bus.on('userChanged', () => void sweep.checkNow());
    bus.on('presenceClaimed', (claim) => disownClaimed(collab, presenceClaims, claim));
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
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'The session of a signed-in person (POST /api/auth/login, or single sign-on). A request that changes ' +
              'something must come from the board’s own origin.',
          },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'plt_…',
            description:
              'A personal API token (POST /api/tokens), with its scopes: read (GET only), write, admin. No Origin check.',
          },
          metricsToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'GET /metrics: the METRICS_TOKEN, unless the request comes from a METRICS_ALLOW address.',
          },
        },
      },
      // Every route, unless it says otherwise: a session cookie or an API token (either one).
      security: [{ sessionCookie: [] }, { apiToken: [] }],
    },
  });
  await http.register(errorHandler);
  addSecurityHeaders(http, config.publicOrigins);
  // Per signed-in user, else per client address (X-Forwarded-For only from the proxies TRUST_PROXY names).
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
    // In Redis when it answers quickly, else in memory: a silent Redis never holds a request.
    ...(bus ? { store: fallbackRateLimitStore(bus.pub, `${config.redisPrefix}rate:`) } : {}),
  });
  await http.register(authPlugin, { store, publicOrigins: config.publicOrigins, secureCookies: config.secureCookies });
  // A larger frame closes that socket with 1009 (Message Too Big).
  await http.register(websocket, { options: { maxPayload: config.maxFrameBytes } });

  // Writes through HTTP tell /readyz too: a store that answers reads but cannot write (a full
  // disk) shows as not ready until a write succeeds again.
  http.addHook('onError', async (_request, _reply, error) => {
    if (error instanceof StoreUnavailable) writeHealth.failed(error);
  });
  // Every JSON answer's texts are storable: titles, names and bodies stored in SQL before the unstorable-text rule may hold
  // a NUL or a lone surrogate, which a script reading the API would store again or fail to encode; each becomes U+FFFD
  // here, in one place, rather than at every field (the payload itself when every text already is, the common case).
  http.addHook('preSerialization', async (_request, _reply, payload) => toStorableValue(payload));
  http.addHook('onResponse', async (request, reply) => {
    if (UNSAFE_METHODS.has(request.method) && reply.statusCode < 400) writeHealth.succeeded();
    metrics.httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: reply.statusCode });
  });

  await http.register(healthRoutes, {
    metrics,
    metricsAllow: config.metricsAllow,
    metricsToken: config.metricsToken,
    checks: {
      store: () => store.db.ping(),
      storeWrites: () => writeHealth.check(),
      ...(bus ? { redis: () => bus.ping() } : {}),
    },
  });
  await http.register(authRoutes, {
    store,
    tokens,
    secureCookies: config.secureCookies,
    onSessionRevoked: (sessionId) => {
      closeSessionConnections(collab, sessionId);
      bus?.publish('sessionRevoked', { sessionId });
    },
  });
  await http.register(userRoutes, {
    store,
    publicOrigin: config.publicOrigins[0],
    queueAccountEmail: ({ email, ...message }, tx) => queueAccountEmail(tx, { ...message, to: email }),
    onUserChanged: (userId) => {
      void sweep.checkNow();
      bus?.publish('userChanged', { userId });
    },
  });
  const meetings = new MeetingLifecycle();
  // One per app: two apps in one process (tests) keep their own dialect, coalescing and origin.
  const notify = new Notifier({
    dialect: store.db.dialect,
    coalesceMs: config.notifications.coalesceMs,
    origin: config.publicOrigins[0]!,
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
      meetings,
      agendaDays: agendaItemDays,
      notify,
      log: http.log.child({ feature: feature.name }),
    });
  }
  const caps = new SocketCaps({
    perPerson: config.maxSocketsPerPerson,
    perAddress: config.maxSocketsPerAddress,
    syncRequestsPerPerson: config.syncRequestsPerPerson,
    syncReplyBytesPerSecond: config.syncReplyBytesPerSecond,
    syncReplyBurstBytes: config.syncReplyBurstBytes,
  });
  await http.register(websocketRoute, { hocuspocus: collab, publicOrigins: config.publicOrigins, metrics, caps });
  await http.register(yWebsocketRoute, { hocuspocus: collab, publicOrigins: config.publicOrigins, metrics, store, tokens });
  http.get(
    '/api/openapi.json',
    { config: { public: true }, schema: { tags: ['operations'], summary: 'This OpenAPI document' } },
    async () => http.swagger(),
  );
  await http.register(clientAssets, {
    root: deps.clientRoot ?? DEFAULT_CLIENT_ROOT,
    // A meeting's board page is as readable as its API (a public registrant's is not a MAG meeting's).
    readsMeeting: async (user, meetingId) => {
      const meeting = await store.meetings.byId(meetingId);
      return meeting === undefined || canReadMeeting(user, meeting);
    },
  });

  let closing: Promise<void> | undefined;
  return {
    http,
    routes,
    collab,
    live,
    store,
    metrics,
    notify,
    close: () =>
      (closing ??= (async () => {
        live.stop();
        sweep.stop();
        // Updates are already in the log; this folds them into snapshots so the next start loads fast.
        await runPendingStoresNow(collab);
        collab.closeConnections();
        await http.close();
        await clusterSync?.onDestroy();
        await bus?.close();
        if (ownsStore) await store.close();
      })()),
  };
}
