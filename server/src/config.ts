/**
 * The server's configuration, read and validated once at boot from the environment
 * (see CONTRACT.md). Nothing else in the server reads `process.env`.
 */
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { type OidcSettings, parseOidcSettings } from './sso/oidcConfig.ts';

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
  TRUST_PROXY: Type.Enum(['0', '1'], { description: '0 or 1 (1 only behind a proxy that sets X-Forwarded-For)' }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    description: 'an integer, requests per minute (0: no limit)',
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
  RATE_LIMIT_PER_MINUTE: '1200',
  MAX_FRAME_BYTES: String(2 * 1024 * 1024),
  MAX_UPDATE_BYTES: String(512 * 1024),
  MAX_DOCUMENT_BYTES: String(16 * 1024 * 1024),
  UPDATE_CPU_BUDGET_MS: '5000',
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
  trustProxy: boolean;
  /** Requests per minute per signed-in user, or per client address for anonymous requests; 0: none. */
  rateLimitPerMinute: number;
  /** Largest WebSocket frame; a larger one closes the socket (1009). It also bounds one update. */
  maxFrameBytes: number;
  /** Largest single document update (decoding cost grows with it; see measureCraftedUpdates.ts). */
  maxUpdateBytes: number;
  /** Server time one connection's document updates may take per 10 s. */
  updateCpuBudgetMs: number;
  /** Largest size of a collaborative document (its encoded state). */
  maxDocumentBytes: number;
  /** Cookies get `Secure` when the public origin is https. */
  secureCookies: boolean;
  /** Single sign-on providers (OIDC_PROVIDERS and OIDC_<NAME>_*; see sso/oidcConfig.ts). */
  oidc: OidcSettings;
}

export class ConfigError extends Error {}

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
    trustProxy: parsed.TRUST_PROXY === '1',
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE,
    maxFrameBytes: parsed.MAX_FRAME_BYTES,
    maxUpdateBytes: parsed.MAX_UPDATE_BYTES,
    maxDocumentBytes: parsed.MAX_DOCUMENT_BYTES,
    updateCpuBudgetMs: parsed.UPDATE_CPU_BUDGET_MS,
    secureCookies: origins.every((origin) => origin.startsWith('https:')),
    oidc: parseOidcSettings(env),
  };
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
