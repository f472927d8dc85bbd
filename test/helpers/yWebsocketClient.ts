/** A plain y-websocket client (WebsocketProvider) of a test server's /yjs endpoint. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { nodeWebSocket, waitFor } from './clients.ts';

export interface YClient {
  provider: WebsocketProvider;
  doc: Y.Doc;
  /** Every close of the socket the client saw (code and reason). */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** The /yjs base URL of a server whose base is `http://host:port`. */
export const yjsUrl = (baseUrl: string): string => `${baseUrl.replace(/^http/, 'ws')}/yjs`;

/** A WebsocketProvider of `name`, with `token` in the query (none: the cookie in `headers`, if any). */
export function connectY(
  baseUrl: string,
  name: string,
  token: string | null,
  options: { headers?: Record<string, string>; doc?: Y.Doc } = {},
): YClient {
  const doc = options.doc ?? new Y.Doc();
  // disableBc: two providers of one process would otherwise talk through a BroadcastChannel, not the server.
  const provider = new WebsocketProvider(yjsUrl(baseUrl), name, doc, {
    WebSocketPolyfill: nodeWebSocket(options.headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { token } : {},
    maxBackoffTime: 500,
  });
  const client: YClient = {
    provider,
    doc,
    closes: [],
    destroy: () => {
      provider.destroy();
    },
  };
  provider.on('connection-close', (event) => {
    if (event) client.closes.push({ code: event.code, reason: event.reason });
  });
  return client;
}

export const ySynced = (client: YClient, timeout = 10_000) =>
  waitFor(() => client.provider.synced, { timeout, message: 'y-websocket synced' });

export const yClosedWith = (client: YClient, code: number, timeout = 10_000): Promise<{ code: number; reason: string }> =>
  waitFor(() => client.closes.find((close) => close.code === code), { timeout, message: `a close with ${code}` }) as Promise<{
    code: number;
    reason: string;
  }>;

/**
 * Resolves when the server has made durable every update this client sent before: the server
 * handles a socket's messages in order and holds every frame back until the updates before it
 * are stored, so the answer (sync step 2) to a sync step 1 sent now acknowledges them.
 */
export function yAcknowledged(client: YClient, timeout = 10_000): Promise<void> {
  const ws = client.provider.ws;
  if (!ws) return Promise.reject(new Error('not connected'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no acknowledgement')), timeout);
    const onMessage = (event: { data: unknown }) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
      ws.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve();
    };
    ws.addEventListener('message', onMessage);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, client.doc);
    ws.send(encoding.toUint8Array(encoder));
  });
}
