/**
 * What a comment with a mention costs the event loop that relays the edits (issue #20, S16). One
 * server built by `buildApp`, as `npm start` builds it, on SQLite in a temporary directory, in this
 * process; comments go through the whole route (`POST /api/threads` by Fastify's `inject`, so
 * without Node's HTTP parsing and socket writes, about 0.6 ms a request on its own), one at a time,
 * each mentioning another member, as in S16 (emails coalesced for 1 s).
 *
 * Per comment, over rounds of ROUND comments: the main thread's CPU (`process.threadCpuUsage`)
 * while the comments are posted, and how much of it was spent in transactions (from each `BEGIN` to
 * the end of its `COMMIT`: the comment's batch with its notification, outbox and audit rows, and
 * the live document's own commits, about one for every dozen comments), then the main thread's and
 * the whole process's CPU once everything they caused is done (the live projection's writes, the
 * emails composed and written by the mail thread), the SQL statements and commits the main thread
 * ran, and, for scale, the same for `GET /api/me` (the session check and an answer: what any
 * request costs). S16's typists feel all of it: the main thread's share holds the event loop, the
 * rest runs on other threads on the same cores (bench/IMPROVEMENTS.md, "Found, not fixed", S16).
 *
 *   node bench/probes/commentCost.ts        (from the repository; prints one line per round)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { median } from './medianTime.ts';

const ROUNDS = 5;
const ROUND = 200;
/** Comments posted before the first round: a fresh server compiles the comment path at its first few. */
const WARM_UP = 100;
/** Authors taking turns: a person may post 30 comments a minute. */
const AUTHORS = 50;

/**
 * Statements, commits and the time from each `BEGIN` to the end of its `COMMIT` on this thread while
 * `counting` (node:sqlite is synchronous: every statement runs here, and a transaction's time is its
 * thread's).
 */
let counting = false;
let statements = 0;
let commits = 0;
let inTransactionsUs = 0;
let begunAt = 0;
for (const name of ['run', 'get', 'all', 'iterate'] as const) {
  const original = StatementSync.prototype[name] as (...args: unknown[]) => unknown;
  Object.defineProperty(StatementSync.prototype, name, {
    value(this: StatementSync, ...args: unknown[]) {
      if (counting) statements++;
      return original.apply(this, args);
    },
  });
}
const exec = DatabaseSync.prototype.exec;
Object.defineProperty(DatabaseSync.prototype, 'exec', {
  value(this: DatabaseSync, sql: string) {
    if (!counting) return exec.call(this, sql);
    statements++;
    const begins = /^\s*BEGIN/i.test(sql);
    if (begins) begunAt = performance.now();
    const result = exec.call(this, sql);
    if (/^\s*(COMMIT|ROLLBACK)/i.test(sql)) {
      commits++;
      inTransactionsUs += (performance.now() - begunAt) * 1000;
    }
    return result;
  },
});

const micros = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

/** One round's figures, per comment (µs, counts) and per `GET /api/me`. */
interface Row {
  postingMain: number;
  postingTransactions: number;
  allMain: number;
  process: number;
  postingStatements: number;
  allStatements: number;
  commits: number;
  meMain: number;
  meStatements: number;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-comment-probe-'));
const app = await buildApp(
  loadConfig({
    DATA_DIR: dataDir,
    SEED_DEMO: '0',
    LOG_LEVEL: 'warn',
    PUBLIC_ORIGIN: 'http://127.0.0.1:8080',
    RATE_LIMIT_PER_MINUTE: '0',
    NOTIFY_COALESCE_MS: '1000',
    NOTIFY_TICK_MS: '200',
  }),
);
try {
  const meeting = await app.store.meetings.create({
    id: 'probe-meeting',
    title: 'Probe consultation',
    startsOn: '2025-02-10',
    startTime: '09:00',
    timezone: 'UTC',
    form: 'Online',
    description: 'Comments for the cost probe.',
  });
  const people = await app.store.db.transaction(async (tx) => {
    const created = [];
    for (let i = 0; i < AUTHORS + WARM_UP + ROUNDS * ROUND; i++) {
      created.push(
        await app.store.users.create(
          { email: `member.${i}@probe.example`, name: `Member ${i}`, role: 'member', group: 'civil-society', passwordHash: 'x' },
          tx,
        ),
      );
    }
    return created;
  });
  const cookies: string[] = [];
  for (const author of people.slice(0, AUTHORS))
    cookies.push(`plenary_session=${(await app.store.sessions.create(author.id)).secret}`);
  let requests = 0;
  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.http.inject({ method, url, headers: { cookie: cookies[requests++ % AUTHORS]! }, ...(payload ? { payload } : {}) });

  let mentioned = AUTHORS;
  const comment = async () => {
    const response = await inject('POST', '/api/threads', {
      doc: meeting.agendaDoc,
      body: `<@${people[mentioned++]!.id}> could you check the wording of this paragraph?`,
    });
    if (response.statusCode !== 201) throw new Error(`POST /api/threads answered ${response.statusCode}: ${response.body}`);
  };
  /** Emails sent so far; the probe's own query is not counted among the comments' statements. */
  const emailsSent = async () => {
    const was = counting;
    counting = false;
    const row = await app.store.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM notification_outbox WHERE channel = 'email' AND status = 'sent'",
    );
    counting = was;
    return Number(row?.n ?? 0);
  };
  /** Waits until every email owed so far is written (the outbox worker and the mail thread done), then a little more. */
  const settle = async (owed: number) => {
    const until = Date.now() + 30_000;
    let sent = await emailsSent();
    for (; sent < owed && Date.now() < until; sent = await emailsSent()) await sleep(50);
    // A round whose emails did not all go would be measured short of its work.
    if (sent < owed) throw new Error(`only ${sent} of the ${owed} emails owed were sent within 30 s`);
    await sleep(300);
  };

  for (let i = 0; i < WARM_UP; i++) await comment();
  await settle(WARM_UP);

  const rows: Row[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // GET /api/me first: the same thread, the same moment of the run.
    counting = true;
    statements = 0;
    let main = process.threadCpuUsage();
    for (let i = 0; i < ROUND; i++) await inject('GET', '/api/me');
    const meMain = micros(process.threadCpuUsage(main)) / ROUND;
    const meStatements = statements / ROUND;

    statements = 0;
    commits = 0;
    inTransactionsUs = 0;
    main = process.threadCpuUsage();
    const whole = process.cpuUsage();
    for (let i = 0; i < ROUND; i++) await comment();
    const postingMain = micros(process.threadCpuUsage(main)) / ROUND;
    const postingStatements = statements / ROUND;
    const postingTransactions = inTransactionsUs / ROUND;
    await settle(WARM_UP + (round + 1) * ROUND);
    counting = false;
    const row: Row = {
      postingMain,
      postingTransactions,
      allMain: micros(process.threadCpuUsage(main)) / ROUND,
      process: micros(process.cpuUsage(whole)) / ROUND,
      postingStatements,
      allStatements: statements / ROUND,
      commits: commits / ROUND,
      meMain,
      meStatements,
    };
    rows.push(row);
    console.log(
      `round ${round + 1}, per comment: main thread ${row.postingMain.toFixed(0)} µs while posted ` +
        `(${row.postingTransactions.toFixed(0)} µs in transactions), ${row.allMain.toFixed(0)} µs with what it caused; ` +
        `process ${row.process.toFixed(0)} µs; statements ${row.postingStatements.toFixed(1)} while posted, ` +
        `${row.allStatements.toFixed(1)} with what it caused, ${row.commits.toFixed(2)} commits; ` +
        `GET /api/me ${row.meMain.toFixed(0)} µs, ${row.meStatements.toFixed(1)} statements`,
    );
  }
  const mid = (key: keyof Row) => median(rows.map((row) => row[key])).toFixed(0);
  console.log(
    `median of ${ROUNDS} rounds of ${ROUND}, per comment: main thread ${mid('postingMain')} µs while posted ` +
      `(${mid('postingTransactions')} µs in transactions), ${mid('allMain')} µs with what it caused; ` +
      `process ${mid('process')} µs; GET /api/me ${mid('meMain')} µs`,
  );
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
