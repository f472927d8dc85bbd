import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.ts';

describe('configuration', () => {
  it('has the defaults of docs/operations.md', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      redisUrl: undefined,
      publicOrigins: ['http://localhost:3000', 'http://127.0.0.1:3000'],
      seedDemo: true,
      secureCookies: false,
      rateLimitPerMinute: 1200,
      publicPagesPerMinute: 600,
      publicLivePerMinute: 3000,
      publicLiveCacheMs: 1000,
      trustProxy: false,
      syncReplyBytesPerSecond: 1024 * 1024,
      syncReplyBurstBytes: 16 * 1024 * 1024,
    });
    expect(loadConfig({ SYNC_REPLY_BYTES_PER_SECOND: '65536', SYNC_REPLY_BURST_BYTES: '131072' })).toMatchObject({
      syncReplyBytesPerSecond: 65536,
      syncReplyBurstBytes: 131072,
    });
  });

  it('trusts exactly the proxy hops or addresses given, never every hop', () => {
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12' }).trustProxy).toEqual(['10.0.0.5', '172.16.0.0/12']);
    expect(loadConfig({}).metricsAllow).toEqual(['127.0.0.1', '::1']);
  });

  it('follows PORT in the default origin and reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/plenary',
      DATABASE_URL: 'postgres://u@db/plenary',
      REDIS_URL: 'redis://cache:6379',
      PUBLIC_ORIGIN: 'https://board.example.org, https://mag.example.org/',
      SEED_DEMO: '0',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/plenary',
      databaseUrl: 'postgres://u@db/plenary',
      redisUrl: 'redis://cache:6379',
      publicOrigins: ['https://board.example.org', 'https://mag.example.org'],
      seedDemo: false,
      secureCookies: true,
    });
    expect(loadConfig({ PORT: '4000' }).publicOrigins).toEqual(['http://localhost:4000', 'http://127.0.0.1:4000']);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be an integer from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be a postgres/],
    [{ REDIS_URL: 'http://x' }, /^REDIS_URL must be a redis/],
    [{ SEED_DEMO: 'yes' }, /^SEED_DEMO must be 0 or 1/],
    [{ PUBLIC_ORIGIN: 'not a url' }, /^PUBLIC_ORIGIN must be/],
    [{ PUBLIC_ORIGIN: 'https://x.org/path' }, /^PUBLIC_ORIGIN must be .* without a path/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, /^RATE_LIMIT_PER_MINUTE must be an integer/],
    [{ TRUST_PROXY: 'true' }, /^TRUST_PROXY must be 0, a number of proxy hops/],
    [{ METRICS_ALLOW: 'everyone' }, /^METRICS_ALLOW must be/],
    [{ METRICS_TOKEN: 'short' }, /^METRICS_TOKEN must be/],
    [{ SYNC_REPLY_BYTES_PER_SECOND: '100' }, /^SYNC_REPLY_BYTES_PER_SECOND must be an integer number of bytes per second/],
  ])('refuses %o with a one-line message naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
