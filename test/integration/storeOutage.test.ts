/**
 * PostgreSQL going away (a proxy in front of the machine's PostgreSQL cuts every connection):
 * writes fail with a clear 503, nothing acknowledged is lost, edits made meanwhile are not
 * acknowledged until they are stored, and service resumes by itself when the store returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { acknowledged, collabToken, connectPeer, http, login, type Peer, sleep, synced, waitFor } from '../helpers/clients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from '../helpers/services.ts';
import { TcpProxy } from '../helpers/tcpProxy.ts';
import { startServer, type TestServer } from '../helpers/testServer.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
let database: TestDatabase;
let proxy: TcpProxy;
let server: TestServer;
const peers: Peer[] = [];

beforeAll(async () => {
  database = await createTestDatabase('outage');
  const pg = new URL(PG_ADMIN_URL);
  proxy = new TcpProxy([{ host: pg.hostname, port: Number(pg.port || 5432) }]);
  const port = await proxy.listen();
  const url = new URL(database.url);
  url.port = String(port);
  server = await startServer({ env: { DATABASE_URL: url.toString() } });
});

afterAll(async () => {
  for (const peer of peers) peer.destroy();
  await server?.close().catch(() => undefined);
  await proxy?.close();
  await database?.drop();
});

describe('PostgreSQL going away', () => {
  it('refuses writes with 503, keeps what was acknowledged, and resumes by itself', async () => {
    const session = await login(server.baseUrl, 'youssef@example.org');
    const token = () => collabToken(server.baseUrl, session, AGENDA);
    const writer = connectPeer(server.wsUrl, AGENDA, token);
    peers.push(writer);
    await synced(writer);
    appendParagraph(writer.doc, 'Stored before the outage');
    await acknowledged(writer);

    proxy.partition();
    const refused = await http(server.baseUrl, 'POST', '/api/collab-token', { cookie: session.cookie });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('STORE_UNAVAILABLE');
    const ready = await http(server.baseUrl, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.store).toMatch(/^failed/);

    // An edit made now cannot be stored, so it is not acknowledged.
    appendParagraph(writer.doc, 'Written during the outage');
    await sleep(1_000);
    expect(writer.provider.hasUnsyncedChanges).toBe(true);
    expect(server.app.collab.documents.get(AGENDA) ? plainText(serverDoc()) : '').not.toContain('Written during the outage');

    proxy.heal();
    await waitFor(async () => (await http(server.baseUrl, 'GET', '/readyz')).status === 200, { message: 'ready again' });
    // The client reconnects by itself and its edit is stored and acknowledged.
    await acknowledged(writer, 20_000);
    const reader = connectPeer(server.wsUrl, AGENDA, token);
    peers.push(reader);
    await synced(reader);
    expect(plainText(reader.doc)).toContain('Stored before the outage');
    expect(plainText(reader.doc)).toContain('Written during the outage');
    const history = await server.app.store.documents.history(AGENDA);
    expect(history.length).toBeGreaterThan(1);
  });
});

function serverDoc() {
  return server.app.collab.documents.get(AGENDA)!;
}
