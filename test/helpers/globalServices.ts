/**
 * Global setup of the integration and end-to-end projects: gives the run an id, checks that
 * PostgreSQL and Redis answer (a clear message instead of a hundred timeouts), and drops the
 * run's databases at the end.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

export default async function setup(): Promise<() => Promise<void>> {
  process.env.PLENARY_TEST_RUN ??= `r${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const { PG_ADMIN_URL, REDIS_URL, DB_PREFIX, RUN_ID } = await import('./services.ts');
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.end();
  } catch (error) {
    throw new Error(`PostgreSQL does not answer at ${PG_ADMIN_URL} (see docs/testing.md): ${String(error)}`);
  }
  const redis = new URL(REDIS_URL);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(Number(redis.port || 6379), redis.hostname, () => {
      socket.end();
      resolve();
    });
    socket.on('error', (error) => reject(new Error(`Redis does not answer at ${REDIS_URL}: ${String(error)}`)));
  });

  return async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `${DB_PREFIX}${RUN_ID}_%`,
      ]);
      for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
