/**
 * The server under test, in a process of its own: Plenary built by `buildApp` exactly as
 * `server/src/main.ts` builds it (configuration from the same variables), listening on a free
 * port. The harness calls it over IPC to create users, sessions and meetings, to mint WebSocket
 * tokens with the server's own CollabTokens, to read back what the store holds, and for the
 * process's CPU, memory and event-loop delay.
 *
 * BENCH_PLENARY_ROOT points at another checkout of Plenary (an older revision, for before/after
 * figures from one run); by default, this one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import * as Y from 'yjs';
import { freePort } from '../../test/helpers/freePort.ts';
import { paragraphTexts } from '../lib/benchDoc.ts';
import { processStatsMonitor } from '../lib/processStats.ts';
import { serveRpc } from '../lib/rpc.ts';
import { sampleThreads } from '../lib/threadTimes.ts';

const root = process.env.BENCH_PLENARY_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const load = (file: string) => import(pathToFileURL(path.join(root, file)).href);

const { buildApp } = await load('server/src/app.ts');
const { loadConfig } = await load('server/src/config.ts');
const { CollabTokens } = await load('server/src/auth/collabToken.ts');
const { hashPassword } = await load('server/src/auth/passwords.ts');

// The port is chosen before the configuration so that PUBLIC_ORIGIN is the address a browser really uses: the
// server refuses WebSockets and commands from any other origin (S13 loads pages in Chromium).
const listenPort = await freePort();
const config = loadConfig({
  PORT: String(listenPort),
  HOST: '127.0.0.1',
  DATA_DIR: process.env.DATA_DIR,
  DATABASE_URL: process.env.DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL,
  REDIS_PREFIX: process.env.REDIS_PREFIX,
  PUBLIC_ORIGIN: `http://127.0.0.1:${listenPort}`,
  SEED_DEMO: '0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // Limits a scenario may set (S4 lets one connection use the whole server).
  UPDATE_CPU_BUDGET_MS: process.env.UPDATE_CPU_BUDGET_MS,
  MAX_DOCUMENT_BYTES: process.env.MAX_DOCUMENT_BYTES,
  MAX_UPDATE_BYTES: process.env.MAX_UPDATE_BYTES,
  // The per-person budget of sync answer bytes (S12 with a smaller burst than the default).
  SYNC_REPLY_BYTES_PER_SECOND: process.env.SYNC_REPLY_BYTES_PER_SECOND,
  SYNC_REPLY_BURST_BYTES: process.env.SYNC_REPLY_BURST_BYTES,
  // How soon an immediate email is composed and sent (S16 has the mention emails written within its window).
  NOTIFY_COALESCE_MS: process.env.NOTIFY_COALESCE_MS,
  NOTIFY_TICK_MS: process.env.NOTIFY_TICK_MS,
  // The benchmark's clients each sign in as their own user, but hundreds share one address.
  RATE_LIMIT_PER_MINUTE: '0',
  MAX_SOCKETS_PER_ADDRESS: '1000000',
});
const app = await buildApp(config);
await app.http.listen({ port: listenPort, host: '127.0.0.1' });
const port = (app.http.server.address() as { port: number }).port;
const tokens = new CollabTokens(await app.store.settings.secret('collab-token-secret'));
const monitor = processStatsMonitor();
export const BENCH_PASSWORD = 'plenary-bench-2025';
let passwordHash: string | undefined;
/** The direct connections seedDocument keeps open. */
const seeded: { disconnect(): Promise<void> }[] = [];

interface BenchUser {
  userId: string;
  sessionId: string;
  /** The session cookie's value. */
  cookie: string;
}

/**
 * The time inside this process of each request timed (S7: PUT …/ballot), from the moment Node has
 * read and parsed its head to the moment its answer is handed to the socket, in ms. Set apart from
 * the clients' latency, it tells the wait before the server reads a request (its event loop busy, or
 * the process not given a core) from the time the server takes once it has.
 */
let timed: { method: string; suffix: string } | null = null;
const requestMs: number[] = [];
app.http.server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
  if (!timed || request.method !== timed.method || !request.url?.endsWith(timed.suffix)) return;
  const started = performance.now();
  response.once('finish', () => requestMs.push(performance.now() - started));
});

serveRpc({
  info: () => ({ port, pid: process.pid, root }),
  timeRequests: ({ method, suffix }: { method: string; suffix: string }) => {
    timed = { method, suffix };
    requestMs.length = 0;
  },
  timedRequests: () => {
    timed = null;
    return requestMs.splice(0);
  },
  stats: () => monitor.stats(),
  /** Each thread's time on a core and waiting for one (S16: is the event loop busy, or not given a core?). */
  threads: () => ({ pid: process.pid, samples: sampleThreads() }),
  resetStats: () => monitor.reset(),
  gc: () => (globalThis as { gc?: () => void }).gc?.(),
  /** A heap snapshot of the process into `file` (S15 with BENCH_HEAP_SNAPSHOTS, looking for what stays). */
  heapSnapshot: ({ file }: { file: string }) => writeHeapSnapshot(file),
  collabCounts: () => ({ connections: app.collab.getConnectionsCount(), documents: app.collab.getDocumentsCount() }),

  async createUsers({
    count,
    role = 'member',
    prefix = 'bench',
  }: {
    count: number;
    role?: string;
    prefix?: string;
  }): Promise<BenchUser[]> {
    passwordHash ??= await hashPassword(BENCH_PASSWORD);
    const groups = ['government', 'private-sector', 'civil-society', 'technical-community', 'intergovernmental'];
    const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const users: { id: string }[] = await app.store.db.transaction(async (tx: unknown) => {
      const created = [];
      for (let i = 0; i < count; i++) {
        created.push(
          await app.store.users.create(
            {
              email: `${prefix}.${stamp}.${i}@bench.example`,
              name: `${prefix} ${i}`,
              role,
              group: groups[i % groups.length],
              passwordHash,
            },
            tx,
          ),
        );
      }
      return created;
    });
    const out: BenchUser[] = [];
    for (const user of users) {
      const { secret, session } = await app.store.sessions.create(user.id);
      out.push({ userId: user.id, sessionId: session.id, cookie: `plenary_session=${secret}` });
    }
    return out;
  },

  async createMeetings({
    count,
    prefix = 'bench',
  }: {
    count: number;
    prefix?: string;
  }): Promise<{ id: string; agendaDoc: string; liveDoc: string }[]> {
    const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    return app.store.db.transaction(async (tx: unknown) => {
      const meetings = [];
      for (let i = 0; i < count; i++) {
        const meeting = await app.store.meetings.create(
          {
            id: `${prefix}-${stamp}-${i}`,
            title: `Benchmark consultation ${i}`,
            startsOn: '2025-02-10',
            startTime: '09:00',
            timezone: 'UTC',
            form: 'Online',
            description: 'Created by the benchmark harness.',
          },
          tx,
        );
        meetings.push({ id: meeting.id, agendaDoc: meeting.agendaDoc, liveDoc: meeting.liveDoc });
      }
      return meetings;
    });
  },

  /** Tokens bound to one document each, as POST /api/collab-token issues them. */
  mintTokens({ grants }: { grants: { userId: string; sessionId: string; doc: string }[] }): string[] {
    return grants.map((grant) => tokens.issue({ u: grant.userId, s: grant.sessionId, d: grant.doc }).token);
  },

  /** What the store holds of a document (snapshot and log), as paragraph texts by writer. */
  async storedTexts({ docName }: { docName: string }): Promise<[number, string][]> {
    const stored = await app.store.documents.load(docName);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update.data);
    return [...paragraphTexts(doc)];
  },

  /** The email outbox rows of some people, counted by status (S16: were the mention emails written?). */
  async emailOutbox({ userIds }: { userIds: string[] }): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (let i = 0; i < userIds.length; i += 500) {
      const ids = userIds.slice(i, i + 500);
      const rows = (await app.store.db.all(
        `SELECT status, COUNT(*) AS n FROM notification_outbox WHERE channel = 'email' AND user_id IN (${ids.map(() => '?').join(', ')}) GROUP BY status`,
        ids,
      )) as { status: string; n: number }[];
      for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + Number(row.n);
    }
    return counts;
  },

  /** Log rows of a document, folded or not. */
  async storedRows({ docName }: { docName: string }): Promise<number> {
    const row = await app.store.db.get('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?', [docName]);
    return Number((row as { n: number } | undefined)?.n ?? 0);
  },

  /** The document as the server holds it in memory, or null when it is not loaded. */
  memoryTexts({ docName }: { docName: string }): [number, string][] | null {
    const document = app.collab.documents.get(docName);
    return document ? [...paragraphTexts(document)] : null;
  },

  isLoaded: ({ docName }: { docName: string }) => app.collab.documents.has(docName) || app.collab.loadingDocuments.has(docName),

  /**
   * Makes a document large the way a long meeting does (S11, S12): `transactions` edits of
   * `insertsPer` short notes each at scattered places of a text, so that it has tens of thousands
   * of items (what an answer to a sync request is encoded from) and as many updates in its log
   * (what a version diff replays). The direct connection stays open: the document stays loaded
   * (until releaseSeeded).
   */
  async seedDocument({
    docName,
    transactions,
    insertsPer,
  }: {
    docName: string;
    transactions: number;
    insertsPer: number;
  }): Promise<{ bytes: number; updates: number }> {
    const connection = await app.collab.openDirectConnection(docName, {});
    seeded.push(connection);
    let seed = 12_345;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let t = 0; t < transactions; t++) {
      await connection.transact((doc: Y.Doc) => {
        const text = doc.getText('archive');
        for (let i = 0; i < insertsPer; i++) text.insert(Math.floor(random() * (text.length + 1)), `note ${t}.${i}; `);
      });
      // Let group commits keep up, as they would with people typing.
      if (t % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const document = app.collab.documents.get(docName);
    return { bytes: Y.encodeStateAsUpdate(document).byteLength, updates: transactions };
  },

  /** Closes the direct connections of seedDocument: the documents unload (a quick run keeps the process for another scenario). */
  async releaseSeeded() {
    await Promise.all(seeded.splice(0).map((connection) => connection.disconnect()));
  },

  /** For the cost of durability: turn the append-before-acknowledge off (a benchmark-only switch). */
  setDurability({ on }: { on: boolean }) {
    const persistence = app.collab.configuration.extensions.find(
      (extension: { extensionName?: string }) => extension.extensionName === 'plenary-persistence',
    );
    if (!persistence) throw new Error('no persistence extension');
    const own = persistence as Record<string, unknown> & { constructor: { prototype: Record<string, unknown> } };
    if (on) delete own.beforeHandleMessage;
    else own.beforeHandleMessage = async () => {};
    return true;
  },

  async close() {
    await app.close();
    setImmediate(() => process.exit(0));
  },
});

process.send?.({ ready: true });
