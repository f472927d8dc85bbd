/**
 * PostgreSQL behind the same contract as the embedded store (`DATABASE_URL`).
 * `?` placeholders become `$1…`; BIGINT columns come back as numbers (epoch milliseconds
 * and sequence numbers stay far below 2^53).
 */
import pg from 'pg';
import { type Db, type RunResult, type SqlExecutor, type SqlParam, StoreUnavailable, UniqueViolation } from './db.ts';
import { builtFromArguments } from './statementCache.ts';

const INT8_OID = 20;

export function openPostgresDb(url: string, options: { max?: number } = {}): PostgresDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return new PostgresDb(pool);
}

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  /** Each write is awaited, and durable when it resolves. */
  readonly groupCommit = null;

  readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    return query<T>(this.pool, sql, params).then((result) => result.rows);
  }

  get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
    return query<T>(this.pool, sql, params).then((result) => result.rows[0]);
  }

  run(sql: string, params?: readonly SqlParam[]): Promise<RunResult> {
    return query(this.pool, sql, params).then((result) => ({ changes: result.rowCount ?? 0 }));
  }

  insert(sql: string, params: readonly SqlParam[], key: string): Promise<number> {
    return insertReturning(this.pool, sql, params, key);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new StoreUnavailable(error);
    }
    const tx: SqlExecutor = {
      all: (sql, params) => query(client, sql, params).then((result) => result.rows as never[]),
      get: (sql, params) => query(client, sql, params).then((result) => result.rows[0] as never),
      run: (sql, params) => query(client, sql, params).then((result) => ({ changes: result.rowCount ?? 0 })),
      insert: (sql, params, key) => insertReturning(client, sql, params, key),
    };
    let broken = false;
    // A checked-out client is the pool's no longer: a connection lost between two statements is emitted
    // on the client, and with no listener it would end the process. It fails the transaction's next query.
    const lost = () => {
      broken = true;
    };
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.get('SELECT 1 AS ok');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Caches the `?` → `$n` rewrite of the statements written in the code (a fixed set); those whose
 * text is built from their arguments (a list of placeholders, one text per length) are rewritten
 * each time, so that the cache does not grow with every length the data brings (statementCache.ts).
 */
const rewritten = new Map<string, string>();

function toPositional(sql: string): string {
  let text = rewritten.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    if (!builtFromArguments(sql)) rewritten.set(sql, text);
  }
  return text;
}

async function query<T>(
  client: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly SqlParam[] = [],
): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  try {
    return await client.query<T & pg.QueryResultRow>(toPositional(sql), params as unknown[]);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '23505') throw new UniqueViolation(error);
    if (isConnectionError(error)) throw new StoreUnavailable(error);
    throw error;
  }
}

async function insertReturning(
  client: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly SqlParam[],
  key: string,
): Promise<number> {
  const result = await query<Record<string, unknown>>(client, `${sql} RETURNING ${key}`, params);
  return Number(result.rows[0]![key]);
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001'].includes(code) ||
    // disk_full, insufficient_resources, out_of_memory, io_error, read_only_sql_transaction
    ['53100', '53000', '53200', '58030', '25006'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|encountered a connection error/.test(message)
  );
}
