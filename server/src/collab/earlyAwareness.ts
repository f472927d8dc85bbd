/**
 * Awareness frames that arrive before their document connection is established. A provider sends
 * its token, its sync request and its presence together, so the presence reaches the server while
 * the token is being checked. Hocuspocus would queue it and then read it through its
 * MessageReceiver, whose scratch Y.Doc draws a random UUID through WebCrypto (32 calls): in S3's
 * profile 1.7 s of the server's main thread for 10,000 connections, about 0.17 ms each
 * (bench/IMPROVEMENTS.md row 39). Such a frame is held here instead, per socket, and handled by
 * `handleAwarenessFrame` (presenceIdentity.ts) once the connection is established: the same
 * hooks, after the messages received before it. Frames over the bounds, and frames this socket
 * cannot read, go to Hocuspocus as before; a document whose authentication fails loses its held
 * frames, as Hocuspocus's queue does.
 */
import * as decoding from 'lib0/decoding';
import type { HeldAwareness } from './context.ts';
import { establishedConnection } from './hocuspocusInternals/clientConnection.ts';
import { MESSAGE_AWARENESS } from './messages.ts';
import { handleAwarenessFrame } from './presenceIdentity.ts';

/** A provider sends one presence at the start (two when the page's comes back); a few more allow for a slow authentication. */
const MAX_FRAMES = 8;
const MAX_BYTES = 16 * 1024;

/** What of Hocuspocus's ClientConnection this needs: its entry for a frame. */
export interface FrameReceiver {
  handleMessage(frame: Uint8Array): void;
}

export class EarlyAwareness implements HeldAwareness {
  private client: FrameReceiver | null = null;
  /**
   * Held frames by the address they were sent to (a document name, with or without its session
   * part). Made at the first held frame and let go once empty: a socket holds frames only until its
   * connections are established, and lives much longer.
   */
  private held: Map<string, Uint8Array[]> | null = null;
  private bytes = 0;
  private frames = 0;

  /** The socket's Hocuspocus client connection, made after the context that carries this. */
  attach(client: FrameReceiver): void {
    this.client = client;
  }

  /** Keeps an awareness frame whose document connection is not established yet; false to leave it to Hocuspocus. */
  hold(frame: Uint8Array): boolean {
    if (!this.client || this.frames >= MAX_FRAMES || this.bytes + frame.length > MAX_BYTES) return false;
    let address: string;
    try {
      const decoder = decoding.createDecoder(frame);
      address = decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return false;
    } catch {
      return false;
    }
    if (establishedConnection(this.client, address)) return false;
    this.held ??= new Map();
    const frames = this.held.get(address) ?? [];
    // A copy: the frame may be a view into the larger chunk the socket read, which it would keep.
    frames.push(new Uint8Array(frame));
    this.held.set(address, frames);
    this.frames += 1;
    this.bytes += frame.length;
    return true;
  }

  /** At the `connected` hook: the document's held frames, in order, as if they came now. */
  release(documentName: string): void {
    const client = this.client;
    if (!client) return;
    for (const frame of this.take(documentName)) {
      if (!handleAwarenessFrame(client, frame)) client.handleMessage(frame);
    }
  }

  /** When the document's authentication fails. */
  drop(documentName: string): void {
    this.take(documentName);
  }

  private take(documentName: string): Uint8Array[] {
    const taken: Uint8Array[] = [];
    if (!this.held) return taken;
    for (const [address, frames] of this.held) {
      if (address !== documentName && !address.startsWith(`${documentName}\u0000`)) continue;
      this.held.delete(address);
      taken.push(...frames);
    }
    for (const frame of taken) {
      this.frames -= 1;
      this.bytes -= frame.length;
    }
    if (this.held.size === 0) this.held = null;
    return taken;
  }
}
