/**
 * The one SQL contract that both backends (node:sqlite and PostgreSQL) implement.
 * Queries use `?` placeholders and the portable subset of SQL that both dialects share
 * (`ON CONFLICT`, `RETURNING`, integers for booleans and epoch milliseconds), so every
 * store module is written once and runs on both. Never put a literal `?` inside SQL text.
 */

export type Dialect = 'sqlite' | 'postgres';

export type SqlParam = string | number | bigint | null | Uint8Array;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface SqlExecutor {
  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlParam[]): Promise<RunResult>;
}

export interface Db extends SqlExecutor {
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction: commits when it resolves, rolls back when it throws.
   * Use the executor it is given, never the outer `Db`, inside `fn`.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Resolves when the database answers; used by `/readyz`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raised for a violated unique constraint, whatever the backend calls it. */
export class UniqueViolation extends Error {
  constructor(cause: unknown) {
    super('unique constraint violated', { cause });
  }
}

/**
 * Raised when the database cannot be reached or cannot write (a full disk, an I/O error, a
 * read-only file); the HTTP layer turns it into 503 STORE_UNAVAILABLE. The statement was not
 * applied: nothing half-written remains.
 */
export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(`the store is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
