/**
 * The load generators' Hocuspocus client (bench/load/client.ts) against a real Hocuspocus server:
 * every latency the benchmarks report counts on a local edit being sent, whenever it is made, and
 * on what arrives being applied and not sent back (the client leaves its 'update' listener off while
 * it applies a remote update).
 */
import { Server } from '@hocuspocus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BenchClient } from '../../bench/load/client.ts';
import { waitFor } from '../helpers/clients.ts';

let server: Server;
let url: string;
const clients: BenchClient[] = [];

beforeAll(async () => {
  server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
  await server.listen();
  url = `ws://127.0.0.1:${server.address.port}`;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server.destroy();
});

async function open(docName: string): Promise<BenchClient> {
  const client = new BenchClient({ url, docName, token: 'any', doc: new Y.Doc(), awareness: null });
  clients.push(client);
  await client.ready;
  return client;
}

const text = (client: BenchClient) => client.doc!.getText('t').toString();

describe('bench client', () => {
  it('sends each local edit, applies what arrives, and does not send it back', async () => {
    const a = await open('edits');
    const b = await open('edits');
    const sentBySync = b.sentUpdates;

    a.doc!.getText('t').insert(0, 'héllo 👋');
    await waitFor(() => text(b) === 'héllo 👋', { message: 'b to hold a’s edit' });
    await waitFor(() => a.acked === a.sentUpdates, { message: 'a’s edit to be acknowledged' });
    // Applying a's edit sent nothing from b.
    expect(b.sentUpdates).toBe(sentBySync);

    // An edit made after a remote update was applied still goes out (the listener is back).
    b.doc!.getText('t').insert(0, '> ');
    await waitFor(() => text(a) === '> héllo 👋', { message: 'a to hold b’s edit' });
    expect(b.sentUpdates).toBe(sentBySync + 1);
    await waitFor(() => b.acked === b.sentUpdates, { message: 'b’s edit to be acknowledged' });
    expect(server.hocuspocus.documents.get('edits')?.getText('t').toString()).toBe('> héllo 👋');
  });

  it('keeps sending when many remote updates arrive between local edits', async () => {
    const writer = await open('many');
    const reader = await open('many');
    const sentBySync = reader.sentUpdates;
    for (let i = 0; i < 50; i++) writer.doc!.getText('t').insert(i, 'x');
    await waitFor(() => text(reader).length === 50, { message: 'the reader to hold 50 characters' });
    expect(reader.sentUpdates).toBe(sentBySync);
    reader.doc!.getText('t').insert(50, '!');
    await waitFor(() => text(writer).endsWith('!'), { message: 'the writer to hold the reader’s edit' });
    expect(text(writer)).toBe(`${'x'.repeat(50)}!`);
  });
});
