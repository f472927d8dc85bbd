/**
 * A raw WebSocket client speaking (or abusing) the Hocuspocus protocol byte by byte, for tests
 * that send what no well-behaved provider would.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, Stateless: 5 } as const;
/** Hocuspocus's answer to an Auth frame that passed (`AuthMessageType.Authenticated`). */
const AUTHENTICATED = 2;

export function frame(document: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, document);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const authFrame = (document: string, token: string) =>
  frame(document, (e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });

export const syncStep1Frame = (document: string, stateVector: Uint8Array) =>
  frame(document, (e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const updateFrame = (document: string, update: Uint8Array, step = 2) =>
  frame(document, (e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessFrame = (document: string, awarenessUpdate: Uint8Array) =>
  frame(document, (e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });

export const statelessFrame = (document: string, payload: string) =>
  frame(document, (e) => {
    encoding.writeVarUint(e, MessageType.Stateless);
    encoding.writeVarString(e, payload);
  });

export class RawClient {
  readonly socket: WebSocket;
  readonly received: Uint8Array[] = [];
  /** Resolves with the close code when the socket closes. */
  readonly closed: Promise<number>;
  readonly opened: Promise<void>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on('error', () => {});
    this.socket.on('message', (data: Buffer) => this.received.push(new Uint8Array(data)));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', () => reject(new Error('upgrade refused')));
    });
    this.closed = new Promise((resolve) => this.socket.once('close', (code: number) => resolve(code)));
  }

  send(data: Uint8Array | string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
  }

  /**
   * Whether the server has answered `document`'s Auth frame with Authenticated: its authentication
   * hook has run (and with it the count of the socket as its person's). A test that needs that
   * waits for it rather than for a fixed time, which a loaded machine can outlast.
   */
  authenticated(document: string): boolean {
    return this.received.some((data) => {
      try {
        const decoder = decoding.createDecoder(data);
        return (
          decoding.readVarString(decoder) === document &&
          decoding.readVarUint(decoder) === MessageType.Auth &&
          decoding.readVarUint(decoder) === AUTHENTICATED
        );
      } catch {
        return false;
      }
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.socket.terminate();
  }
}
