/**
 * The machine's real PostgreSQL and Redis, shared by test runs without sharing data: each test
 * file (and each benchmark scenario that needs one) gets its own database, each run its own
 * Redis key prefix.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where to create databases; override with TEST_PG_ADMIN_URL. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by the global setup; every database and key of this run carries it. */
export const RUN_ID = process.env.PLENARY_TEST_RUN ?? `local${process.pid}`;

export const DB_PREFIX = 'plenary_t_';

export function urlForDatabase(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * The database's LC_CTYPE (and LC_COLLATE), for a test of what PostgreSQL's lower() and upper()
   * fold: the server's default is whatever its initdb found (C folds ASCII letters only).
   */
  ctype?: string;
}

/** A new, empty PostgreSQL database for one test file or benchmark scenario. */
export async function createTestDatabase(label: string, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `${DB_PREFIX}${RUN_ID}_${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  try {
    const locale = options.ctype
      ? ` TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE ${pg.escapeLiteral(options.ctype)} LC_COLLATE ${pg.escapeLiteral(options.ctype)}`
      : '';
    await admin.query(`CREATE DATABASE ${name}${locale}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: urlForDatabase(name),
    drop: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A Redis key prefix of its own for one test. */
export function redisPrefix(label: string): string {
  return `plenary-test:${RUN_ID}:${label}:${randomBytes(3).toString('hex')}:`;
}
