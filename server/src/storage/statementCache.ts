/**
 * Prepared statements, by their SQL text. A statement written once in the code is prepared once
 * and kept: there are a few hundred of them, a fixed number. A statement whose text is built from
 * its arguments (a list of placeholders, `IN (?, ?, …)` or `VALUES (?, ?), (?, ?), …`) has a
 * text per length of that list, and the lengths are as many as the data makes them: a document
 * folding 1 to 500 updates, ballots grouped by the hundred, a sweep over however many sessions.
 * Kept like the others, each length stayed prepared for as long as the process ran (SQLite holds
 * about 60 KB of native memory for such a statement with a list of 250, more for longer ones),
 * and a server that ran long enough grew by tens of megabytes that no garbage collection gives
 * back (issue #20's memory target). Those are kept in a small least-recently-used set instead: an
 * evicted statement is finalized when it is collected, and prepared again if its length comes back.
 */

/** A list of two or more placeholders in parentheses, or rows of placeholders one after another. */
const PLACEHOLDER_LIST = /\bIN\s*\(\s*\?\s*,|\?\s*\)\s*,\s*\(\s*\?/i;

/** Whether the text of `sql` depends on how many arguments it was built for. */
export function builtFromArguments(sql: string): boolean {
  return PLACEHOLDER_LIST.test(sql);
}

/** How many statements built from their arguments stay prepared (the most recently used). */
export const BUILT_STATEMENTS_KEPT = 64;

export class StatementCache<S> {
  private readonly written = new Map<string, S>();
  /** In order of use, least recent first. */
  private readonly built = new Map<string, S>();
  private readonly prepare: (sql: string) => S;
  private readonly builtLimit: number;

  constructor(prepare: (sql: string) => S, builtLimit = BUILT_STATEMENTS_KEPT) {
    this.prepare = prepare;
    this.builtLimit = builtLimit;
  }

  get(sql: string): S {
    const written = this.written.get(sql);
    if (written !== undefined) return written;
    if (!builtFromArguments(sql)) {
      const statement = this.prepare(sql);
      this.written.set(sql, statement);
      return statement;
    }
    let statement = this.built.get(sql);
    if (statement !== undefined) {
      this.built.delete(sql);
    } else {
      statement = this.prepare(sql);
      if (this.built.size >= this.builtLimit) this.built.delete(this.built.keys().next().value!);
    }
    this.built.set(sql, statement);
    return statement;
  }

  /** Statements prepared and kept now (tests, metrics). */
  get size(): number {
    return this.written.size + this.built.size;
  }
}
