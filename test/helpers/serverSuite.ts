/**
 * For an integration test file: a server started before its tests (beforeAll) and closed after
 * them (afterAll), with every collaborative-document client the file opened through the suite.
 *
 *   const { server, peer } = serverSuite();
 *   const reader = peer(observer, agendaDoc(meetingId));
 *   const stranger = connect(agendaDoc(meetingId), 'not-a-token');
 *
 * On either store, the backend said once (a PostgreSQL database of the run's own, created before
 * the server and dropped after it):
 *
 *   describe.each(BACKENDS)('agenda item days on %s', (backend) => {
 *     const { server } = serverSuite({ backend, database: 'agendaitemdays' });
 */
import { afterAll, beforeAll } from 'vitest';
import { collabToken, connectPeer, type HttpResult, http, type Peer, type Session } from './clients.ts';
import { lateBound } from './lateBound.ts';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './services.ts';
import { startServer, type TestServer, type TestServerOptions } from './testServer.ts';

export type Backend = 'sqlite' | 'postgres';
/** The two stores a file runs on: `describe.each(BACKENDS)` or `for (const backend of BACKENDS)`. */
export const BACKENDS = ['sqlite', 'postgres'] as const satisfies readonly Backend[];

export interface ServerSuiteOptions extends TestServerOptions, TestDatabaseOptions {
  /** The store: SQLite in the server's data directory (the default), or PostgreSQL. */
  backend?: Backend;
  /**
   * The label of the PostgreSQL database (its name also carries the run and a random part, so runs
   * never see each other's data); needed when `backend` is 'postgres', unused on SQLite, as is
   * `ctype` (the database's LC_CTYPE, see createTestDatabase).
   */
  database?: string;
}

export interface ServerSuite {
  /** The file's server (demo seeded unless the options say otherwise). */
  server: TestServer;
  /** The server's PostgreSQL database (its `url` for a client of the test's own); only on 'postgres'. */
  database: TestDatabase;
  /** A client of the document `name`, signed in as `who` (a fresh token at every connection). */
  peer(who: Session, name: string): Peer;
  /** A client of the document `name` with the token (or none) and upgrade headers given. */
  connect(name: string, ...rest: ConnectRest): Peer;
  /** An HTTP request to the server as `who` (signed out when null), with a JSON body if given. */
  call<T = any>(who: Session | null, method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
  /** Destroys `client` (opened some other way) after the file's tests too. */
  keep<T extends { destroy(): void }>(client: T): T;
}

type ConnectRest = Parameters<typeof connectPeer> extends [string, string, ...infer Rest] ? Rest : never;

export function serverSuite(options: ServerSuiteOptions = {}): ServerSuite {
  const { backend = 'sqlite', database: label, ctype, ...serverOptions } = options;
  // Said when the file is collected, not in a hook: a file that forgot the label fails at once.
  if (backend === 'postgres' && !label) throw new Error("serverSuite({ backend: 'postgres' }) needs a database label");
  let started: TestServer | undefined;
  let created: TestDatabase | undefined;
  const clients: { destroy(): void }[] = [];
  beforeAll(async () => {
    if (backend === 'postgres') created = await createTestDatabase(label!, ctype ? { ctype } : {});
    started = await startServer(
      created ? { ...serverOptions, env: { ...serverOptions.env, DATABASE_URL: created.url } } : serverOptions,
    );
  });
  // One hook, in this order: the server lets go of its connections before the database is dropped,
  // and the database is dropped even when the server failed to start.
  afterAll(async () => {
    for (const client of clients) client.destroy();
    try {
      await started?.close();
    } finally {
      await created?.drop();
    }
  });
  const server = lateBound('The server of serverSuite()', () => started);
  const database = lateBound('The database of serverSuite()', () => {
    if (backend !== 'postgres') throw new Error('serverSuite() has a PostgreSQL database only with backend: postgres');
    return created;
  });
  const keep = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  return {
    server,
    database,
    peer: (who, name) => keep(connectPeer(server.wsUrl, name, () => collabToken(server.baseUrl, who, name))),
    connect: (name, ...rest) => keep(connectPeer(server.wsUrl, name, ...rest)),
    call: (who, method, path, body) =>
      http(server.baseUrl, method, path, { ...(who ? { cookie: who.cookie } : {}), ...(body === undefined ? {} : { body }) }),
    keep,
  };
}
