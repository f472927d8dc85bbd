/**
 * The server's configuration, read and validated once at boot from the environment
 * (every variable is listed in docs/operations.md). Nothing else in the server reads `process.env`.
 */
import path from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { ConfigError } from './configError.ts';
import { type OidcSettings, parseOidcSettings } from './sso/oidcConfig.ts';

// Still exported from here, where main, admin and the tests import it with loadConfig.
export { ConfigError };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Each variable's schema carries a description that becomes the error message. */
const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, description: 'an integer from 0 to 65535' }),
  HOST: Type.String({ minLength: 1, description: 'a bind address such as 127.0.0.1 or 0.0.0.0' }),
  DATA_DIR: Type.String({ minLength: 1, description: 'a directory path' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: 'a postgres:// or postgresql:// URL' })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://', description: 'a redis:// or rediss:// URL' })),
  REDIS_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_.-]{1,64}$', description: 'letters, digits and :_.- only' }),
  PUBLIC_ORIGIN: Type.Optional(Type.String({ minLength: 1, description: 'comma-separated http(s) origins' })),
  SEED_DEMO: Type.Enum(['0', '1'], { description: '0 or 1' }),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { description: `one of ${LOG_LEVELS.join(', ')}` }),
  TRUST_PROXY: Type.String({
    pattern: '^(0|[1-9][0-9]?|[0-9a-fA-F.:/]+(\\s*,\\s*[0-9a-fA-F.:/]+)*)$',
    description: '0, a number of proxy hops (1 behind one nginx), or comma-separated proxy addresses or CIDRs',
  }),
  METRICS_ALLOW: Type.String({
    pattern: '^[0-9a-fA-F.:/]+(\\s*,\\s*[0-9a-fA-F.:/]+)*$',
    description: 'comma-separated addresses or CIDRs that may read /metrics',
  }),
  DIFFS_PER_MEETING: Type.Integer({ minimum: 1, maximum: 64, description: 'an integer from 1 to 64' }),
  DIFF_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    description: 'an integer number of milliseconds, 100 to 600000',
  }),
  MAX_SOCKETS_PER_PERSON: Type.Integer({ minimum: 1, maximum: 100_000, description: 'an integer from 1 to 100000' }),
  MAX_SOCKETS_PER_ADDRESS: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'an integer from 1 to 1000000' }),
  SYNC_REQUESTS_PER_PERSON: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    description: 'an integer from 1 to 1000000, per 10 s',
  }),
  SYNC_REPLY_BYTES_PER_SECOND: Type.Integer({
    minimum: 1024,
    maximum: 1024 * 1024 * 1024,
    description: 'an integer number of bytes per second, at least 1024',
  }),
  SYNC_REPLY_BURST_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 1024 * 1024 * 1024,
    description: 'an integer number of bytes, at least 1024',
  }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'a bearer token of at least 16 characters' })),
  RATE_LIMIT_PER_MINUTE: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    description: 'an integer, requests per minute (0: no limit)',
  }),
  PUBLIC_PAGES_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    description: 'an integer, public page requests per minute from one address',
  }),
  PUBLIC_LIVE_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    description: 'an integer, live fingerprint requests per minute from one address',
  }),
  PUBLIC_LIVE_CACHE_MS: Type.Integer({
    minimum: 0,
    maximum: 10_000,
    description: 'an integer number of milliseconds, at most 10000 (0: only concurrent requests share one reading)',
  }),
  MAX_FRAME_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 64 * 1024 * 1024,
    description: 'an integer number of bytes, at least 1024',
  }),
  MAX_UPDATE_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 64 * 1024 * 1024,
    description: 'an integer number of bytes, at least 1024',
  }),
  UPDATE_CPU_BUDGET_MS: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    description: 'an integer number of milliseconds per 10 s, 1 to 10000',
  }),
  MAX_DOCUMENT_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 1024 * 1024 * 1024,
    description: 'an integer number of bytes, at least 1024',
  }),
  SMTP_URL: Type.Optional(
    Type.String({ pattern: '^smtps?://', description: 'an smtp:// or smtps:// URL (nodemailer transport)' }),
  ),
  MAIL_FROM: Type.String({ minLength: 3, description: 'a sender address such as "Plenary <board@example.org>"' }),
  NOTIFY_TICK_MS: Type.Integer({ minimum: 10, maximum: 600_000, description: 'an integer number of milliseconds, 10 to 600000' }),
  NOTIFY_COALESCE_MS: Type.Integer({
    minimum: 0,
    maximum: 3_600_000,
    description: 'an integer number of milliseconds, 0 to 3600000',
  }),
  NOTIFY_BACKOFF_BASE_MS: Type.Integer({
    minimum: 1,
    maximum: 3_600_000,
    description: 'an integer number of milliseconds, 1 to 3600000',
  }),
  WEBHOOKS_ALLOW_LOOPBACK_HTTP: Type.Enum(['0', '1'], { description: '0 or 1 (1 only for tests: http://127.0.0.1 endpoints)' }),
  MAX_ATTACHMENT_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 1024 * 1024 * 1024,
    description: 'an integer number of bytes, at least 1024',
  }),
});

type Env = Static<typeof EnvSchema>;

const DEFAULTS: Partial<Record<keyof Env, string>> = {
  PORT: '3000',
  HOST: '127.0.0.1',
  DATA_DIR: './data',
  REDIS_PREFIX: 'plenary:',
  SEED_DEMO: '1',
  LOG_LEVEL: 'info',
  TRUST_PROXY: '0',
  METRICS_ALLOW: '127.0.0.1,::1',
  DIFFS_PER_MEETING: '2',
  MAX_SOCKETS_PER_PERSON: '20',
  MAX_SOCKETS_PER_ADDRESS: '1000',
  SYNC_REQUESTS_PER_PERSON: '120',
  SYNC_REPLY_BYTES_PER_SECOND: String(1024 * 1024),
  SYNC_REPLY_BURST_BYTES: String(16 * 1024 * 1024),
  DIFF_TIMEOUT_MS: '10000',
  RATE_LIMIT_PER_MINUTE: '1200',
  // A venue's hall behind one NAT address: see docs/public-consultation.md, "Live updates behind a shared address".
  PUBLIC_PAGES_PER_MINUTE: '600',
  PUBLIC_LIVE_PER_MINUTE: '3000',
  PUBLIC_LIVE_CACHE_MS: '1000',
  MAX_FRAME_BYTES: String(2 * 1024 * 1024),
  MAX_UPDATE_BYTES: String(512 * 1024),
  MAX_DOCUMENT_BYTES: String(16 * 1024 * 1024),
  UPDATE_CPU_BUDGET_MS: '5000',
  MAIL_FROM: 'Plenary <no-reply@plenary.invalid>',
  NOTIFY_TICK_MS: '5000',
  NOTIFY_COALESCE_MS: '60000',
  NOTIFY_BACKOFF_BASE_MS: '30000',
  WEBHOOKS_ALLOW_LOOPBACK_HTTP: '0',
  MAX_ATTACHMENT_BYTES: String(25 * 1024 * 1024),
};

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the embedded store's directory. */
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so that several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  /** Browser origins allowed to open the WebSocket and to send state-changing requests with cookies. */
  publicOrigins: string[];
  seedDemo: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For): none, the nearest
   * N hops, or the listed addresses. Never "all": the leftmost entry is the client's to choose.
   */
  trustProxy: false | number | string[];
  /** Addresses (after trustProxy) that may read /metrics without a token. */
  metricsAllow: string[];
  /** A bearer token that also opens /metrics, from anywhere. */
  metricsToken: string | undefined;
  /** Version diffs of one meeting computed at once (more answer 429 DIFFS_BUSY). */
  diffsPerMeeting: number;
  /** A version diff running longer is stopped (503 DIFF_TIMEOUT). */
  diffTimeoutMs: number;
  /** Open WebSockets of one person (per instance); more are closed with 4430. */
  maxSocketsPerPerson: number;
  /** Open WebSockets from one client address (per instance); more are closed with 4430. */
  maxSocketsPerAddress: number;
  /** Sync requests per person per 10 s across their sockets; a socket going over is closed (1008). */
  syncRequestsPerPerson: number;
  /**
   * Bytes of sync answers per person per second across their sockets, and how many may go out at
   * once (a token bucket; an answer larger than what is left still goes and is owed). An answer
   * asked for when the bucket is empty closes that socket (1008), as too many requests do.
   */
  syncReplyBytesPerSecond: number;
  syncReplyBurstBytes: number;
  /** Requests per minute per signed-in user, or per client address for anonymous requests; 0: none. */
  rateLimitPerMinute: number;
  /** Public page loads (pages, feed, files) a minute from one address. */
  publicPagesPerMinute: number;
  /** Live fingerprint polls a minute from one address (a venue puts its whole hall behind one). */
  publicLivePerMinute: number;
  /** How long one reading of a meeting's public fingerprint answers every poll; concurrent polls share one. */
  publicLiveCacheMs: number;
  /** Largest WebSocket frame; a larger one closes the socket (1009). It also bounds one update. */
  maxFrameBytes: number;
  /** Largest single document update (decoding cost grows with it; see measureCraftedUpdates.ts). */
  maxUpdateBytes: number;
  /** Server time one connection's document updates may take per 10 s. */
  updateCpuBudgetMs: number;
  /** Largest size of a collaborative document (its encoded state). */
  maxDocumentBytes: number;
  /** Largest attachment file; larger uploads get 413. */
  maxAttachmentBytes: number;
  /** Cookies get `Secure` when the public origin is https. */
  secureCookies: boolean;
  /** Single sign-on providers (OIDC_PROVIDERS and OIDC_<NAME>_*; see sso/oidcConfig.ts). */
  oidc: OidcSettings;
  /** Notifications: email transport and outbox timing (see docs/notifications.md). */
  notifications: NotificationConfig;
}

export interface NotificationConfig {
  /** nodemailer transport URL; without it, emails are written to DATA_DIR/mail/*.eml and logged. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How often the outbox worker looks for work. */
  tickMs: number;
  /** How long an immediate email waits for more notifications to the same person (a burst becomes one email). */
  coalesceMs: number;
  /** First retry delay of a failed delivery; it doubles at each attempt, for 24 hours. */
  backoffBaseMs: number;
  /** Accept http://127.0.0.1 webhook endpoints (tests only). */
  webhooksAllowLoopbackHttp: boolean;
}

/** Reads the configuration; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.properties) as (keyof Env)[]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
    else if (DEFAULTS[key] !== undefined) raw[key] = DEFAULTS[key];
  }
  const converted = Value.Convert(EnvSchema, raw) as Record<string, unknown>;
  const [first] = [...Value.Errors(EnvSchema, converted)];
  if (first) {
    const name = first.instancePath.split('/')[1] ?? first.schemaPath;
    const schema = (EnvSchema.properties as Record<string, { description?: string }>)[name];
    throw new ConfigError(`${name} must be ${schema?.description ?? 'valid'} (got ${JSON.stringify(raw[name])})`);
  }
  const parsed = converted as Env;
  // Unset (development, `npm start`): the page works whether it is opened as localhost or as the
  // 127.0.0.1 the server prints. In production PUBLIC_ORIGIN names the real origins.
  const origins = parseOrigins(parsed.PUBLIC_ORIGIN ?? `http://localhost:${parsed.PORT},http://127.0.0.1:${parsed.PORT}`);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir: path.resolve(parsed.DATA_DIR),
    databaseUrl: parsed.DATABASE_URL,
    redisUrl: parsed.REDIS_URL,
    redisPrefix: parsed.REDIS_PREFIX,
    publicOrigins: origins,
    seedDemo: parsed.SEED_DEMO === '1',
    logLevel: parsed.LOG_LEVEL,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    metricsAllow: splitList(parsed.METRICS_ALLOW),
    metricsToken: parsed.METRICS_TOKEN,
    diffsPerMeeting: parsed.DIFFS_PER_MEETING,
    diffTimeoutMs: parsed.DIFF_TIMEOUT_MS,
    maxSocketsPerPerson: parsed.MAX_SOCKETS_PER_PERSON,
    maxSocketsPerAddress: parsed.MAX_SOCKETS_PER_ADDRESS,
    syncRequestsPerPerson: parsed.SYNC_REQUESTS_PER_PERSON,
    syncReplyBytesPerSecond: parsed.SYNC_REPLY_BYTES_PER_SECOND,
    syncReplyBurstBytes: parsed.SYNC_REPLY_BURST_BYTES,
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE,
    publicPagesPerMinute: parsed.PUBLIC_PAGES_PER_MINUTE,
    publicLivePerMinute: parsed.PUBLIC_LIVE_PER_MINUTE,
    publicLiveCacheMs: parsed.PUBLIC_LIVE_CACHE_MS,
    maxFrameBytes: parsed.MAX_FRAME_BYTES,
    maxUpdateBytes: parsed.MAX_UPDATE_BYTES,
    maxDocumentBytes: parsed.MAX_DOCUMENT_BYTES,
    updateCpuBudgetMs: parsed.UPDATE_CPU_BUDGET_MS,
    maxAttachmentBytes: parsed.MAX_ATTACHMENT_BYTES,
    secureCookies: origins.every((origin) => origin.startsWith('https:')),
    oidc: parseOidcSettings(env),
    notifications: {
      smtpUrl: parsed.SMTP_URL,
      mailFrom: parsed.MAIL_FROM,
      tickMs: parsed.NOTIFY_TICK_MS,
      coalesceMs: parsed.NOTIFY_COALESCE_MS,
      backoffBaseMs: parsed.NOTIFY_BACKOFF_BASE_MS,
      webhooksAllowLoopbackHttp: parsed.WEBHOOKS_ALLOW_LOOPBACK_HTTP === '1',
    },
  };
}

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function parseTrustProxy(value: string): false | number | string[] {
  if (value === '0') return false;
  if (/^[0-9]+$/.test(value)) return Number(value);
  return splitList(value);
}

function parseOrigins(value: string): string[] {
  const origins = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`PUBLIC_ORIGIN must be comma-separated http(s) origins (got ${JSON.stringify(origin)})`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(
        `PUBLIC_ORIGIN must be comma-separated http(s) origins without a path (got ${JSON.stringify(origin)})`,
      );
    }
  }
  if (origins.length === 0) throw new ConfigError('PUBLIC_ORIGIN must name at least one origin');
  return origins.map((origin) => new URL(origin).origin);
}
