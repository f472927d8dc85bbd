/**
 * The embedded store: node:sqlite (no native addon) in WAL mode.
 *
 * node:sqlite is synchronous. A transaction whose callback awaits would let other
 * requests' statements run inside it, so transactions hold a lock that every other
 * statement waits for. Outside a transaction a statement runs at once, synchronously,
 * which keeps the hot path (the document update log) free of extra event-loop turns.
 *
 * Group commit: the document update log writes through `grouped`, whose statements run at once
 * inside one transaction per event-loop turn, committed when the turn ends (or sooner, when any
 * other statement or transaction needs the database, or when the group is large). A commit costs
 * far more than an insert (the table's and both indexes' pages go to the WAL each time), so the
 * updates of a busy turn share one. A grouped write is not durable until `groupCommitted()`
 * settles: callers hold back whatever must wait for durability (the acknowledgement) until then.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { fold, SQLITE_FOLD_FUNCTION } from '../search/textFold.ts';
import {
  type Db,
  type GroupCommit,
  type RunResult,
  type SqlExecutor,
  type SqlParam,
  StoreUnavailable,
  UniqueViolation,
} from './db.ts';
import { StatementCache } from './statementCache.ts';
import { WalCheckpointer } from './walCheckpointer.ts';

/** A group is committed early once it holds this many statements. */
const MAX_GROUP_STATEMENTS = 2_000;

interface Group {
  statements: number;
  committed: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function openSqliteDb(file: string): SqliteDb {
  if (file === ':memory:') return new SqliteDb(new DatabaseSync(file));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new SqliteDb(new DatabaseSync(file), file);
}

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  /** Prepared statements by text; those built from their arguments in a bounded set (statementCache.ts). */
  private readonly statements: StatementCache<StatementSync>;
  /** Settles when the open transaction ends; null when none is open. */
  private lock: Promise<void> | null = null;
  private readonly direct: SqlExecutor;
  /** The open group transaction (see group commit above), or null. */
  private group: Group | null = null;
  /**
   * Statements of the group transaction: they run at once (after an open ordinary transaction,
   * if any) and are durable only once `groupCommitted()` settles. For appends only.
   */
  readonly grouped: SqlExecutor;
  readonly groupCommit: GroupCommit;

  private readonly db: DatabaseSync;
  /** Checkpoints the WAL in a worker thread (files only). */
  private readonly checkpointer: WalCheckpointer | null;

  /** `file`, when the database is one, lets a worker thread take the WAL checkpoints. */
  constructor(db: DatabaseSync, file?: string) {
    this.db = db;
    this.statements = new StatementCache((sql) => db.prepare(sql));
    // WAL with synchronous=NORMAL: a committed write is in the WAL file (the OS has it)
    // before the call returns, so it survives kill -9 of the process; only a power cut
    // can lose the last transactions.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('PRAGMA busy_timeout = 5000');
    // The search index's fold (search/textFold.ts), which its triggers and FTS5's content view call:
    // defined on every connection the server opens (the server's, the admin CLI's, a test's), before
    // the migrations, which may fire those triggers before the search feature starts. Not
    // `directOnly`, so that a view and a trigger may call it; the checkpointer's connection never
    // runs them. A sqlite3 shell has no such function: a change there to a searchable table fails.
    db.function(SQLITE_FOLD_FUNCTION, { deterministic: true }, (value) => (typeof value === 'string' ? fold(value) : value));
    this.checkpointer = file ? new WalCheckpointer(db, file) : null;
    this.direct = {
      all: async (sql, params) => this.allSync(sql, params),
      get: async (sql, params) => this.getSync(sql, params),
      run: async (sql, params) => this.runSync(sql, params),
      insert: async (sql, params) => this.insertSync(sql, params),
    };
    this.grouped = {
      all: async (sql, params) => {
        while (this.lock) await this.lock;
        return this.inGroup(() => this.allSync(sql, params));
      },
      get: async (sql, params) => {
        while (this.lock) await this.lock;
        return this.inGroup(() => this.getSync(sql, params));
      },
      run: async (sql, params) => {
        while (this.lock) await this.lock;
        return this.inGroup(() => this.runStatement(sql, params));
      },
      insert: async (sql, params) => {
        while (this.lock) await this.lock;
        return this.inGroup(() => this.insertSync(sql, params));
      },
    };
    this.groupCommit = {
      executor: this.grouped,
      committed: () => this.groupCommitted(),
      busy: () => this.lock !== null,
      insertNow: (sql, params) => {
        if (this.lock) throw new Error('insertNow while a transaction holds the database');
        return this.inGroup(() => this.insertSync(sql, params));
      },
    };
  }

  /** Settles when every statement made through `grouped` so far is committed; rejects if that commit failed. */
  groupCommitted(): Promise<void> {
    return this.group?.committed ?? Promise.resolve();
  }

  private inGroup<T>(statement: () => T): T {
    let group = this.group;
    if (!group) {
      this.exec('BEGIN IMMEDIATE');
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const committed = new Promise<void>((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      // Nobody may be listening when a commit fails (every member closed its socket already).
      committed.catch(() => {});
      group = { statements: 0, committed, resolve, reject };
      this.group = group;
      setImmediate(() => this.commitGroup(group!));
    }
    const result = statement();
    group.statements++;
    if (group.statements >= MAX_GROUP_STATEMENTS) this.commitGroup(group);
    return result;
  }

  /** Commits the open group (all of it, or nothing). Runs before any other statement or transaction. */
  private commitGroup(only?: Group): void {
    const group = this.group;
    if (!group || (only && only !== group)) return;
    this.group = null;
    try {
      this.db.exec('COMMIT');
      group.resolve();
    } catch (error) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // the failed COMMIT may have rolled back already
      }
      group.reject(translate(error));
    }
  }

  // Outside a transaction a statement runs at once. While one is open, it waits for the end;
  // the check and the statement must then follow each other with no await in between, or
  // another transaction could begin in the gap and the statement would run inside it.
  // A statement of its own commits the open group first: it must never become part of the
  // group (it would then be durable only later, when its caller already believes it is).
  async all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    while (this.lock) await this.lock;
    this.commitGroup();
    return this.allSync<T>(sql, params);
  }

  async get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
    while (this.lock) await this.lock;
    this.commitGroup();
    return this.getSync<T>(sql, params);
  }

  async run(sql: string, params?: readonly SqlParam[]): Promise<RunResult> {
    while (this.lock) await this.lock;
    this.commitGroup();
    return this.runSync(sql, params);
  }

  async insert(sql: string, params: readonly SqlParam[]): Promise<number> {
    while (this.lock) await this.lock;
    this.commitGroup();
    return this.insertSync(sql, params);
  }

  /** True while a transaction is open; synchronous callers must then go through `run`. */
  get busy(): boolean {
    return this.lock !== null;
  }

  /** Runs a statement now. Only for callers that checked `busy` (the hot path). */
  runSync(sql: string, params: readonly SqlParam[] = []): RunResult {
    if (!this.lock) this.commitGroup();
    return this.runStatement(sql, params);
  }

  /** Runs a statement in whatever transaction is open (a group's statements must not commit their group). */
  private runStatement(sql: string, params: readonly SqlParam[] = []): RunResult {
    try {
      const result = this.prepare(sql).run(...(params as SqlParam[]));
      return { changes: Number(result.changes) };
    } catch (error) {
      throw translate(error);
    }
  }

  private insertSync(sql: string, params: readonly SqlParam[]): number {
    try {
      return Number(this.prepare(sql).run(...(params as SqlParam[])).lastInsertRowid);
    } catch (error) {
      throw translate(error);
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    // Check and take the lock with no await in between (see above).
    while (this.lock) await this.lock;
    this.commitGroup();
    let release!: () => void;
    this.lock = new Promise<void>((resolve) => (release = resolve));
    try {
      this.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.exec('COMMIT');
        return result;
      } catch (error) {
        // A full disk or an I/O error may have rolled the transaction back already; the
        // original error is the one to report, not "no transaction is active".
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw translate(error);
      }
    } finally {
      this.lock = null;
      release();
    }
  }

  async ping(): Promise<void> {
    if (!this.lock) this.commitGroup();
    this.getSync('SELECT 1 AS ok');
  }

  async close(): Promise<void> {
    while (this.lock) await this.lock;
    this.commitGroup();
    // The worker's connection goes first, so that this one, the last, checkpoints everything.
    await this.checkpointer?.stop();
    if (this.db.isOpen) this.db.close();
  }

  private exec(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw translate(error);
    }
  }

  private prepare(sql: string): StatementSync {
    return this.statements.get(sql);
  }

  /** Statements prepared and kept now (tests, metrics). */
  get preparedStatements(): number {
    return this.statements.size;
  }

  private allSync<T>(sql: string, params: readonly SqlParam[] = []): T[] {
    try {
      return this.prepare(sql).all(...(params as SqlParam[])) as T[];
    } catch (error) {
      throw translate(error);
    }
  }

  private getSync<T>(sql: string, params: readonly SqlParam[] = []): T | undefined {
    try {
      return this.prepare(sql).get(...(params as SqlParam[])) as T | undefined;
    } catch (error) {
      throw translate(error);
    }
  }
}

/** SQLite's primary result codes that mean "the store cannot work now", not "this request is wrong". */
const UNAVAILABLE_CODES = new Set([
  8, // SQLITE_READONLY
  10, // SQLITE_IOERR
  13, // SQLITE_FULL
  14, // SQLITE_CANTOPEN
]);

function translate(error: unknown): unknown {
  if (error instanceof UniqueViolation || error instanceof StoreUnavailable) return error;
  if (error instanceof Error && /UNIQUE constraint failed|PRIMARY KEY constraint failed/.test(error.message)) {
    return new UniqueViolation(error);
  }
  const code = (error as { errcode?: unknown } | null)?.errcode;
  if (typeof code === 'number' && UNAVAILABLE_CODES.has(code & 0xff)) return new StoreUnavailable(error);
  if (error instanceof Error && /database or disk is full|disk I\/O error|readonly database/.test(error.message)) {
    return new StoreUnavailable(error);
  }
  return error;
}
