/**
 * Speaks the y-websocket protocol to a client and the Hocuspocus protocol to Hocuspocus, so that
 * a plain `WebsocketProvider` gets the same documents, authentication, permissions, persistence
 * (durable before acknowledged), quotas and Redis fan-out as a HocuspocusProvider.
 *
 * Hocuspocus puts the document name (a lib0 varString) in front of every message; y-websocket
 * sends one document per socket and no name. Frames from the client get the name added; frames
 * to the client lose it, and the message types y-websocket does not know are translated or
 * dropped: SyncReply (4) becomes Sync (0), Auth (2), SyncStatus (8), Stateless (5) and the rest
 * are the adapter's own business. A refusal becomes a named close of the whole socket, in the
 * 4400–4499 range that y-websocket treats as final (it stops reconnecting).
 */
import { type CloseEvent, Forbidden, Unauthorized } from '@hocuspocus/common';
import type { WebSocketLike } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const CLOSE = 7;
const SYNC_STATUS = 8;
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;

/** The only message types a y-websocket client sends. */
export const Y_CLIENT_TYPES: ReadonlySet<number> = new Set([SYNC, AWARENESS, QUERY_AWARENESS]);

/** Close events of the y-websocket endpoint (besides Hocuspocus's own 4401, 4403, 1013). */
export const Y_CLOSE = {
  /** The connection may only read, and the client sent a change: nothing of it was applied. */
  readOnly: { code: 4403, reason: 'read-only' },
  /** The token in the query is unknown, revoked or expired. */
  tokenInvalid: { code: 4401, reason: 'token-invalid' },
  /** The client sent a message type y-websocket never sends. */
  unsupported: { code: 1003, reason: 'unsupported-message' },
} as const satisfies Record<string, CloseEvent>;

/**
 * The close codes of the reasons Hocuspocus and the project's extensions give when they refuse a
 * document (Auth/PermissionDenied) or end its connection (a Close message, which carries only the
 * reason): the y-websocket client gets the code back with the reason.
 */
const CLOSE_CODES: Record<string, number> = {
  [Unauthorized.reason]: Unauthorized.code,
  [Forbidden.reason]: Forbidden.code,
  'read-only': 4403,
  'document-too-large': 4413,
  'too-busy': 4429,
  'document-unavailable': 4503,
  'store-unavailable': 1013,
  'policy-violation': 1008,
  'unstorable-text': 4400,
};

function closeEventFor(reason: string, fallback: number): CloseEvent {
  return { code: CLOSE_CODES[reason] ?? fallback, reason: reason.slice(0, 120) };
}

export interface YWebsocketAdapterOptions {
  documentName: string;
  /** Counts each frame sent to the client. */
  onSend?: () => void;
}

/**
 * The socket as Hocuspocus sees it. `holdUntil` (see collab/persistence.ts) makes every frame sent
 * from then on wait, in order, until the write it may acknowledge is durable.
 */
export class YWebsocketAdapter implements WebSocketLike {
  private readonly socket: WebSocket;
  private readonly prefix: Uint8Array;
  private readonly onSend: (() => void) | undefined;
  private holds = 0;
  private failed = false;
  private readonly held: Uint8Array[] = [];

  constructor(socket: WebSocket, options: YWebsocketAdapterOptions) {
    this.socket = socket;
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, options.documentName);
    this.prefix = encoding.toUint8Array(encoder);
    this.onSend = options.onSend;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  holdUntil(durable: Promise<unknown>): void {
    this.holds++;
    durable.then(
      () => {
        if (--this.holds > 0) return;
        for (const frame of this.held.splice(0)) this.deliver(frame);
      },
      () => {
        this.failed = true;
        this.held.length = 0;
      },
    );
  }

  /** A frame from Hocuspocus (with the document name in front). */
  send(data: Uint8Array): void {
    if (this.failed) return;
    if (this.holds > 0) {
      this.held.push(data);
      return;
    }
    this.deliver(data);
  }

  /** The Auth message a HocuspocusProvider would send first; '' means: use the session cookie. */
  authFrame(token: string): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, this.prefix);
    encoding.writeVarUint(encoder, AUTH);
    encoding.writeVarUint(encoder, AUTH_TOKEN);
    encoding.writeVarString(encoder, token);
    return encoding.toUint8Array(encoder);
  }

  /**
   * A frame from the y-websocket client, with the document name put in front, or null for a type
   * y-websocket never sends (or an empty frame).
   */
  fromClient(frame: Uint8Array): Uint8Array | null {
    if (frame.length === 0) return null;
    let type: number;
    try {
      type = decoding.readVarUint(decoding.createDecoder(frame));
    } catch {
      return null;
    }
    if (!Y_CLIENT_TYPES.has(type)) return null;
    const prefixed = new Uint8Array(this.prefix.length + frame.length);
    prefixed.set(this.prefix, 0);
    prefixed.set(frame, this.prefix.length);
    return prefixed;
  }

  private deliver(data: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const start = decoder.pos;
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case SYNC:
      case AWARENESS:
      case QUERY_AWARENESS:
        this.write(data.subarray(start));
        return;
      case SYNC_REPLY: {
        // The same sync message; "reply" only tells a HocuspocusProvider not to answer with its step 1.
        const body = data.subarray(decoder.pos);
        const frame = new Uint8Array(1 + body.length);
        frame[0] = SYNC;
        frame.set(body, 1);
        this.write(frame);
        return;
      }
      case AUTH: {
        if (decoding.readVarUint(decoder) !== AUTH_PERMISSION_DENIED) return; // Authenticated
        const { code, reason } = closeEventFor(decoding.readVarString(decoder), Forbidden.code);
        this.socket.close(code, reason);
        return;
      }
      case CLOSE: {
        // The document's connection ended (a refused update, a quota): one document per socket, so the socket ends.
        const { code, reason } = closeEventFor(decoding.readVarString(decoder), 1000);
        this.socket.close(code, reason);
        return;
      }
      case SYNC_STATUS:
        // 0: an update was not applied (a read-only connection sent a change).
        if (decoding.readVarUint(decoder) === 0) this.socket.close(Y_CLOSE.readOnly.code, Y_CLOSE.readOnly.reason);
        return;
      default:
        // Stateless, Ping and Pong have no y-websocket counterpart.
        return;
    }
  }

  private write(frame: Uint8Array): void {
    this.onSend?.();
    this.socket.send(frame);
  }
}
