/**
 * Real ws sockets for the unit tests of how frames reach sockets (socketWrites, broadcasts): a ws
 * server on a loopback port and clients connected to it, each pair handed back as the server's
 * socket (what the WebSocket route gets) and the client with the messages it received. Everything
 * opened is closed by `closeWsPairs`, to call after each test.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export interface WsPair {
  server: WebSocket;
  client: WebSocket;
  received: Buffer[];
}

const opened: { close(): void }[] = [];

export function closeWsPairs(): void {
  for (const thing of opened.splice(0)) thing.close();
}

/** `count` clients connected to one new ws server, in order. */
export async function wsPairs(count: number): Promise<WsPair[]> {
  const httpServer = http.createServer();
  const wss = new WebSocketServer({ server: httpServer });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  opened.push(httpServer, wss);
  const pairs: WsPair[] = [];
  for (let i = 0; i < count; i++) {
    const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
    opened.push(client);
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(data));
    await new Promise((resolve) => client.once('open', resolve));
    const server = await serverSide;
    opened.push({ close: () => server.terminate() });
    pairs.push({ server, client, received });
  }
  return pairs;
}
