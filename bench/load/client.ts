/**
 * A lean Hocuspocus client for load generation: the frames @hocuspocus/provider 4.7 sends
 * (token, sync step 1, awareness, updates; session-aware addressing, as Plenary's browser client
 * uses), without the provider's timers and event machinery, so that one process can hold
 * thousands of them. With `doc`, it keeps a Y.Doc and applies what arrives (a full client); without,
 * it only reads what arrives (a viewer whose updates are checked, not applied).
 */
import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { nowUs } from '../lib/clock.ts';
import {
  AUTH_DENIED,
  AUTH_OK,
  authFrame,
  awarenessFrame,
  closeFrame,
  EMPTY_UPDATE,
  MSG_AUTH,
  MSG_AWARENESS,
  MSG_CLOSE,
  MSG_QUERY_AWARENESS,
  MSG_SYNC,
  MSG_SYNC_REPLY,
  MSG_SYNC_STATUS,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  syncFrame,
} from './protocol.ts';

/** Transaction origin of what arrives from the server (never sent back). */
export const REMOTE = Symbol('remote');

/**
 * The provider's awareness renews its state every 15 s (y-protocols: half its 30 s timeout),
 * which is also what keeps an idle connection alive (the server closes sockets that stay
 * silent). One timer for every client of the process, as y-protocols checks every 3 s.
 */
const RENEW_MS = 15_000;
const renewing = new Set<BenchClient>();
let renewTimer: NodeJS.Timeout | null = null;

function renewAwareness(): void {
  const now = Date.now();
  for (const client of renewing) client.renewIfDue(now);
}

export interface ClientOptions {
  url: string;
  docName: string;
  token: string;
  /** Source address on the loopback (127.0.0.x), to spread connections over more port ranges. */
  localAddress?: string;
  /** Keep and apply a document; its clientID is set before anything is written. */
  doc?: Y.Doc;
  /** The awareness state sent after connecting (the provider sends one), or null for none. */
  awareness?: Record<string, unknown> | null;
  /** Told of every document update that arrives, with its arrival time (µs, monotonic). */
  onRemoteUpdate?: (update: Uint8Array, atUs: number) => void;
}

export class BenchClient {
  readonly docName: string;
  readonly address: string;
  readonly doc: Y.Doc | null;
  readonly awarenessId: number;
  private readonly socket: WebSocket;
  private readonly options: ClientOptions;
  private awarenessClock = 0;
  private awarenessSentAt = 0;
  private awarenessState: Record<string, unknown> | null = null;
  /** Frames sent that the server acknowledges (sync step 2 and updates). */
  sentUpdates = 0;
  acked = 0;
  refused = 0;
  framesIn = 0;
  awarenessIn = 0;
  /** Awareness states read (clients that keep a document decode what arrives) and states that did not make sense. */
  awarenessStates = 0;
  awarenessErrors = 0;
  bytesIn = 0;
  startedUs: number;
  syncedUs = 0;
  /** When the WebSocket opened (the upgrade answered), 0 before. */
  openedUs = 0;
  authenticated = false;
  denied: string | null = null;
  /** Set when the socket or the server closed this client without being asked to. */
  dropped: string | null = null;
  private closing = false;
  readonly ready: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: Error) => void };

  constructor(options: ClientOptions) {
    this.options = options;
    this.docName = options.docName;
    this.address = `${options.docName}\u0000${randomBytes(5).toString('hex')}`;
    this.doc = options.doc ?? null;
    this.awarenessId = this.doc?.clientID ?? randomBytes(4).readUInt32LE(0) >>> 1;
    this.ready = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.ready.catch(() => {});
    this.startedUs = nowUs();
    this.socket = new WebSocket(options.url, {
      perMessageDeflate: false,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('open', () => this.onOpen());
    this.socket.on('message', (data: Buffer) => this.onFrame(data));
    this.socket.on('close', (code: number, reason: Buffer) => {
      if (!this.closing) this.fail(`socket closed ${code} ${reason.toString()}`);
    });
    this.socket.on('error', (error: Error) => {
      if (!this.closing) this.fail(`socket error ${error.message}`);
    });
    this.doc?.on('update', this.sendLocalUpdate);
  }

  private readonly sendLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== REMOTE) this.sendUpdate(update);
  };

  /**
   * Applies what the server sent. With an 'update' listener on the document, yjs encodes every
   * transaction as an update for it; the listener is off while a remote update is applied, whose
   * encoding it would drop (a client applies some 49 remote edits for each it makes, and the load
   * generators share the server's cores).
   */
  private applyRemote(update: Uint8Array): void {
    const doc = this.doc!;
    doc.off('update', this.sendLocalUpdate);
    try {
      Y.applyUpdate(doc, update, REMOTE);
    } finally {
      doc.on('update', this.sendLocalUpdate);
    }
  }

  get synced(): boolean {
    return this.syncedUs > 0;
  }

  /** TCP connect and WebSocket upgrade, milliseconds (once open): the part of `connectMs` before any frame. */
  get openMs(): number {
    return (this.openedUs - this.startedUs) / 1000;
  }

  /** Connect and first sync, milliseconds (once synced). */
  get connectMs(): number {
    return (this.syncedUs - this.startedUs) / 1000;
  }

  get unacknowledged(): number {
    return this.sentUpdates - this.acked;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  sendUpdate(update: Uint8Array): void {
    this.sentUpdates++;
    this.send(syncFrame(this.address, SYNC_UPDATE, update));
  }

  /** Sends a frame made elsewhere (pre-encoded replays); counted as an update. */
  sendEncodedUpdate(frame: Uint8Array): void {
    this.sentUpdates++;
    this.send(frame);
  }

  /** The address-prefixed frame of an update, for pre-encoding. */
  encodeUpdate(update: Uint8Array): Uint8Array {
    return syncFrame(this.address, SYNC_UPDATE, update);
  }

  sendAwareness(state: Record<string, unknown> | null): void {
    this.awarenessClock++;
    this.awarenessState = state;
    this.awarenessSentAt = Date.now();
    this.send(awarenessFrame(this.address, this.awarenessId, this.awarenessClock, state));
  }

  /** Sends the awareness state again when it is 15 s old (see RENEW_MS). */
  renewIfDue(now: number): void {
    if (this.awarenessState && this.socket.readyState === WebSocket.OPEN && now - this.awarenessSentAt >= RENEW_MS) {
      this.sendAwareness(this.awarenessState);
    }
  }

  close(): void {
    if (this.closing) return;
    this.closing = true;
    renewing.delete(this);
    if (renewing.size === 0 && renewTimer) {
      clearInterval(renewTimer);
      renewTimer = null;
    }
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(closeFrame(this.address));
      this.socket.close(1000);
    } else {
      this.socket.terminate();
    }
  }

  private send(frame: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
    else this.fail('send on a socket that is not open');
  }

  private fail(reason: string): void {
    renewing.delete(this);
    if (this.dropped === null) this.dropped = reason;
    this.settle.reject(new Error(`${this.docName}: ${reason}`));
  }

  /** Reads an awareness update as y-protocols writes it; every state must be JSON with a named user (or null: gone). */
  private readAwareness(update: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(update);
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        const state = JSON.parse(decoding.readVarString(decoder)) as { user?: { name?: unknown } } | null;
        if (state !== null && typeof state.user?.name !== 'string') this.awarenessErrors++;
        this.awarenessStates++;
      }
    } catch {
      this.awarenessErrors++;
    }
  }

  private onOpen(): void {
    this.openedUs = nowUs();
    // What the provider does on open: the token, then sync step 1 at once (the server queues it
    // until authentication is done), then its awareness.
    this.socket.send(authFrame(this.address, this.options.token));
    this.socket.send(syncFrame(this.address, SYNC_STEP1, this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0])));
    if (this.options.awareness) {
      this.sendAwareness(this.options.awareness);
      renewing.add(this);
      renewTimer ??= setInterval(renewAwareness, 3_000);
    }
  }

  private onFrame(data: Buffer): void {
    const atUs = nowUs();
    this.framesIn++;
    this.bytesIn += data.byteLength;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MSG_SYNC:
      case MSG_SYNC_REPLY: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SYNC_STEP1) {
          // The server asks what we have that it lacks.
          this.sentUpdates++;
          this.send(syncFrame(this.address, SYNC_STEP2, this.doc ? Y.encodeStateAsUpdate(this.doc, payload) : EMPTY_UPDATE));
        } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
          if (this.doc) this.applyRemote(payload);
          this.options.onRemoteUpdate?.(payload, atUs);
          if (step === SYNC_STEP2 && !this.synced) {
            this.syncedUs = atUs;
            this.settle.resolve();
          }
        }
        break;
      }
      case MSG_AWARENESS:
        this.awarenessIn++;
        if (this.doc) this.readAwareness(decoding.readVarUint8Array(decoder));
        break;
      case MSG_AUTH: {
        const kind = decoding.readVarUint(decoder);
        if (kind === AUTH_OK) this.authenticated = true;
        else if (kind === AUTH_DENIED) {
          this.denied = decoding.readVarString(decoder);
          this.fail(`permission denied: ${this.denied}`);
        }
        break;
      }
      case MSG_SYNC_STATUS:
        if (decoding.readVarInt(decoder) === 1) this.acked++;
        else this.refused++;
        break;
      case MSG_QUERY_AWARENESS:
        if (this.options.awareness) this.sendAwareness(this.options.awareness);
        break;
      case MSG_CLOSE:
        this.fail(`closed by the server: ${decoding.readVarString(decoder)}`);
        break;
      default:
        break;
    }
  }
}
