/**
 * Updates that one read of a socket brings (a writer sending as fast as the socket takes them)
 * are applied in one Yjs transaction (server/src/collab/updateBatches.ts): each is still
 * acknowledged, counted by the quota and refused when it must be, and the text is the same for
 * the writer, every other client and the store.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { collabToken, login, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { authFrame, RawClient, syncStep1Frame } from '../helpers/rawClient.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { isSavedAcknowledgement, sendTogether, typingUpdates } from '../helpers/updateBursts.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const MAX_UPDATE = 4 * 1024;

const { server, peer, keep } = serverSuite({ env: { MAX_UPDATE_BYTES: String(MAX_UPDATE) } });
let member: Session;
let observer: Session;

beforeAll(async () => {
  member = await login(server.baseUrl, 'kwame@example.org');
  observer = await login(server.baseUrl, 'hannah@example.org');
});

/** A raw client authenticated for `document` and synced. */
async function writer(session: Session, document = AGENDA): Promise<RawClient> {
  const client = keep(Object.assign(new RawClient(server.wsUrl), { destroy: () => client.close() }));
  await client.opened;
  client.send(authFrame(document, await collabToken(server.baseUrl, session, document)));
  client.send(syncStep1Frame(document, Y.encodeStateVector(new Y.Doc())));
  await waitFor(() => client.received.length >= 2, { message: 'the server to answer' });
  return client;
}

const acknowledgements = (client: RawClient) => client.received.filter(isSavedAcknowledgement).length;

async function storedText(document: string, field: string): Promise<string> {
  const stored = await server.app.store.documents.load(document);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update.data);
  return doc.getText(field).toString();
}

describe('updates that arrive together', () => {
  it('are each acknowledged, reach the watcher and the store exactly, and are stored in fewer rows', async () => {
    const text = 'Apply them together, acknowledge each. '.repeat(5);
    const watcher = peer(member, AGENDA);
    await synced(watcher);
    const client = await writer(member);
    const rowsBefore = (await server.app.store.documents.history(AGENDA)).length;

    const updates = typingUpdates(text, 'together', 7_001);
    sendTogether(client.socket, AGENDA, updates);

    await waitFor(() => acknowledgements(client) === updates.length, { message: 'an acknowledgement per update' });
    await waitFor(() => watcher.doc.getText('together').toString() === text, { message: 'the watcher to hold the text' });
    expect(await storedText(AGENDA, 'together')).toBe(text);
    const rows = (await server.app.store.documents.history(AGENDA)).length - rowsBefore;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(updates.length);
    await sleep(100);
    expect(acknowledgements(client)).toBe(updates.length);
  });

  it('keep the ones before a refused update, and refuse it and every one after', async () => {
    const client = await writer(member);
    const source = new Y.Doc();
    source.clientID = 7_002;
    const first: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => first.push(update));
    for (const character of 'kept') source.getText('refusal').insert(source.getText('refusal').length, character);
    // The next update of the same client, larger than an update may be.
    const before = Y.encodeStateVector(source);
    source.getText('refusal').insert(4, 'x'.repeat(MAX_UPDATE + 100));
    const large = Y.encodeStateAsUpdate(source, before);
    first.pop();
    const after = typingUpdates('never', 'refusal-after', 7_003);

    sendTogether(client.socket, AGENDA, [...first, large, ...after]);

    // The document's connection is closed (a Close message), with the size refusal.
    await waitFor(() => acknowledgements(client) === first.length, { message: 'the kept updates acknowledged' });
    await sleep(300);
    expect(acknowledgements(client)).toBe(first.length);
    expect(await storedText(AGENDA, 'refusal')).toBe('kept');
    expect(await storedText(AGENDA, 'refusal-after')).toBe('');
  });

  it('change nothing when they come from a read-only connection', async () => {
    const client = await writer(observer);
    const rowsBefore = (await server.app.store.documents.history(AGENDA)).length;
    sendTogether(client.socket, AGENDA, typingUpdates('read-only', 'observer', 7_004));
    await sleep(400);
    expect(acknowledgements(client)).toBe(0);
    expect((await server.app.store.documents.history(AGENDA)).length).toBe(rowsBefore);
    expect(await storedText(AGENDA, 'observer')).toBe('');
  });
});
