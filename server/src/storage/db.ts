/**
 * The one SQL contract that both backends (node:sqlite and PostgreSQL) implement.
 * Queries use `?` placeholders and the portable subset of SQL that both dialects share
 * (`ON CONFLICT`, integers for booleans and epoch milliseconds), so every store module is
 * written once and runs on both. Never put a literal `?` inside SQL text. A key the database
 * generates is read with `insert`, not with `RETURNING`.
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
  /**
   * Inserts one row into a table whose key the database generates (`{id}` in the migrations)
   * and resolves with that key, the column `key`. SQLite reads the rowid the insert made: there
   * `RETURNING` costs about three times the insert itself (bench/IMPROVEMENTS.md, S4's update
   * log); PostgreSQL appends `RETURNING key`.
   */
  insert(sql: string, params: readonly SqlParam[], key: string): Promise<number>;
}

/**
 * Writes that share one commit with the others of the same event-loop turn: each statement runs
 * at once, and is durable only once `committed()` settles. The capability behind "durable
 * before acknowledged" at the rate of a busy document (collab/persistence.ts).
 */
export interface GroupCommit {
  readonly executor: SqlExecutor;
  /** Settles when every statement made through `executor` so far is committed; rejects if that commit failed. */
  committed(): Promise<void>;
  /** Whether another transaction holds the database now (statements through `executor` wait for it). */
  busy(): boolean;
  /**
   * Runs an insert in the group at once, synchronously, and returns its key; only when not
   * `busy()`. Throws what the insert throws. For a caller that must know the outcome before it
   * goes on (collab/updateBatches.ts).
   */
  insertNow(sql: string, params: readonly SqlParam[], key: string): number;
}

export interface Db extends SqlExecutor {
  readonly dialect: Dialect;
  /** Null when a write is durable as soon as its promise resolves (each is awaited). */
  readonly groupCommit: GroupCommit | null;
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
