/**
 * For an integration test file: a server started before its tests (beforeAll) and closed after
 * them (afterAll), with every collaborative-document client the file opened through the suite.
 *
 *   const { server, peer } = serverSuite();
 *   const reader = peer(observer, agendaDoc(meetingId));
 *   const stranger = connect(agendaDoc(meetingId), 'not-a-token');
 */
import { afterAll, beforeAll } from 'vitest';
import { collabToken, connectPeer, type HttpResult, http, type Peer, type Session } from './clients.ts';
import { lateBound } from './lateBound.ts';
import { startServer, type TestServer, type TestServerOptions } from './testServer.ts';

export interface ServerSuite {
  /** The file's server (demo seeded unless the options say otherwise). */
  server: TestServer;
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

export function serverSuite(options: TestServerOptions = {}): ServerSuite {
  let started: TestServer | undefined;
  const clients: { destroy(): void }[] = [];
  beforeAll(async () => {
    started = await startServer(options);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await started?.close();
  });
  const server = lateBound('The server of serverSuite()', () => started);
  const keep = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  return {
    server,
    peer: (who, name) => keep(connectPeer(server.wsUrl, name, () => collabToken(server.baseUrl, who, name))),
    connect: (name, ...rest) => keep(connectPeer(server.wsUrl, name, ...rest)),
    call: (who, method, path, body) =>
      http(server.baseUrl, method, path, { ...(who ? { cookie: who.cookie } : {}), ...(body === undefined ? {} : { body }) }),
    keep,
  };
}
