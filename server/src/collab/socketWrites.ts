/**
 * How frames reach the sockets, shared by the WebSocket route (which makes the sockets) and the
 * Hocuspocus extensions (which write through them): corked writes, one system call per socket
 * and event-loop turn, and sockets that hold frames back until a write is durable.
 */

import type { Duplex } from 'node:stream';
import type { WebSocketLike } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import { tcpSocketOf } from './hocuspocusInternals/wsTcpSocket.ts';

/**
 * The socket as Hocuspocus sees it here. `holdUntil` makes every frame sent from then on wait,
 * in order, until `durable` settles: an acknowledgement never leaves before the write it
 * acknowledges is committed (see collab/persistence.ts). If `durable` fails, the held frames are
 * dropped (the socket is about to close).
 */
export interface HoldingSocket extends WebSocketLike {
  holdUntil(durable: Promise<unknown>): void;
  /**
   * Sends `parts` as one WebSocket message, in order with every other frame of the socket,
   * without joining them into one buffer, a piece at a time (see `streamMessage`). For large
   * answers (a whole document), whose parts may be shared, cached bytes.
   */
  sendInParts(parts: Uint8Array[]): void;
  /** Writes what the socket has corked in this turn now (one system call), not at the end of the turn. */
  writeNow(): void;
  /**
   * Whether `sendFrames` may be used now: the socket is open and frames go out as they are (no
   * extension such as permessage-deflate, which would have ws compress them).
   */
  canSendFrames(): boolean;
  /**
   * Sends `frames`, `messages` whole WebSocket frames made by the caller (see `writeFrameHeader`),
   * in order with every other frame of the socket, in one write to the TCP socket: a flush's
   * frames for one receiver (bench/IMPROVEMENTS.md, row 29). Written at once (behind what the
   * socket has corked in this turn, if anything: call `writeNow` after), or when the socket's holds end.
   */
  sendFrames(frames: Uint8Array, messages: number): void;
}

export function canHold(socket: WebSocketLike): socket is HoldingSocket {
  return typeof (socket as Partial<HoldingSocket>).holdUntil === 'function';
}

export function canWriteNow(socket: WebSocketLike | undefined): socket is HoldingSocket {
  return typeof (socket as Partial<HoldingSocket> | undefined)?.writeNow === 'function';
}

export function canSendFrames(socket: WebSocketLike | undefined): socket is HoldingSocket {
  return typeof (socket as Partial<HoldingSocket> | undefined)?.sendFrames === 'function';
}

/**
 * The length of the header of a WebSocket frame the server sends with a payload of `payloadLength`
 * bytes (RFC 6455 section 5.2: unmasked; 7, 16 or 64 bits of length).
 */
export function frameHeaderLength(payloadLength: number): number {
  return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
}

/**
 * Writes at `at` the header of a whole (FIN), binary, unmasked frame with a payload of
 * `payloadLength` bytes, as ws's `Sender.frame` makes it for a server's `send`; returns where the
 * payload starts.
 */
export function writeFrameHeader(target: Uint8Array, at: number, payloadLength: number): number {
  target[at] = 0x82;
  if (payloadLength < 126) {
    target[at + 1] = payloadLength;
    return at + 2;
  }
  if (payloadLength < 65_536) {
    target[at + 1] = 126;
    target[at + 2] = payloadLength >>> 8;
    target[at + 3] = payloadLength & 0xff;
    return at + 4;
  }
  target[at + 1] = 127;
  const high = Math.floor(payloadLength / 0x1_0000_0000);
  const low = payloadLength >>> 0;
  for (let i = 0; i < 4; i++) {
    target[at + 5 - i] = (high >>> (8 * i)) & 0xff;
    target[at + 9 - i] = (low >>> (8 * i)) & 0xff;
  }
  return at + 10;
}

export function canSendInParts(socket: WebSocketLike | undefined): socket is HoldingSocket {
  return typeof (socket as Partial<HoldingSocket> | undefined)?.sendInParts === 'function';
}

/**
 * The largest piece of a message sent in parts that is written in one event-loop turn. Writing
 * costs the event loop about 1 ms per 100 KB here (the kernel's copy and, on loopback, the
 * receiving side's work too): an 870 KB answer written at once held up every other socket's
 * frames for all of that, and S12's flood asked for fifty of them a second.
 */
export const STREAM_CHUNK_BYTES = 64 * 1024;
/** A message sent in parts waits while its socket holds more than this not yet taken by the kernel. */
export const STREAM_HIGH_WATER_BYTES = 256 * 1024;

/**
 * Frames reach the kernel once per socket and event-loop turn: the first frame of a turn corks
 * the socket, and every corked socket is uncorked when the turn ends. A small frame costs little
 * to build but a system call to write; a busy turn (a replay's acknowledgements, a broadcast, a
 * group commit's released frames) then costs one write per socket instead of one per frame.
 */
const kCorked = Symbol('corked this turn');
type CorkableSocket = Duplex & { [kCorked]?: boolean };
/**
 * The sockets corked in this turn, in order; a socket's mark says whether it still is (`uncorkNow`
 * clears the mark and leaves the entry). Not a Set: S1 corks and uncorks every receiver in each
 * flush, and a Set's `delete` of its one element and its `clear` each made a new table, 3 % of
 * the server's allocation in S1 (a sampling heap profile).
 */
const corked: CorkableSocket[] = [];
let uncorking = false;

function uncorkAll(): void {
  uncorking = false;
  writeCorkedFrames();
}

/**
 * Writes what every corked socket holds now. Called when a turn's work ends earlier than the
 * turn (after a broadcast), so that frames made in a setImmediate callback do not wait for the
 * next turn.
 */
export function writeCorkedFrames(): void {
  // By index: a socket corked while this loop writes (an event of an uncork) is written too.
  for (let i = 0; i < corked.length; i++) {
    const socket = corked[i]!;
    if (!socket[kCorked]) continue;
    socket[kCorked] = false;
    socket.uncork();
  }
  corked.length = 0;
}

export function uncorkNow(socket: WebSocket): void {
  const tcp: CorkableSocket | undefined = tcpSocketOf(socket);
  if (!tcp?.[kCorked]) return;
  tcp[kCorked] = false;
  tcp.uncork();
}

export function corkForThisTurn(socket: WebSocket): void {
  const tcp: CorkableSocket | undefined = tcpSocketOf(socket);
  if (!tcp || tcp[kCorked] || tcp.destroyed) return;
  tcp.cork();
  tcp[kCorked] = true;
  corked.push(tcp);
  if (!uncorking) {
    uncorking = true;
    setImmediate(uncorkAll);
  }
}

/**
 * The socket handed to Hocuspocus for a ws socket: counts what is sent (`onSend`), corks each
 * write for the turn, holds frames back while a write they may acknowledge is not yet durable,
 * and while a message sent in parts is still going out (a socket's frames leave in order).
 */
export function holdingSocket(socket: WebSocket, onSend: (messages: number) => void): HoldingSocket {
  let holds = 0;
  let failed = false;
  /** Frames waiting, in order; an array is the parts of one message, a `MadeFrames` frames made whole. */
  const held: (Uint8Array | Uint8Array[] | MadeFrames)[] = [];
  const write = (item: Uint8Array | Uint8Array[] | MadeFrames) => {
    if (item instanceof MadeFrames) {
      writeFrames(item.frames, item.messages);
      return;
    }
    onSend(1);
    if (!Array.isArray(item)) {
      corkForThisTurn(socket);
      socket.send(item);
      return;
    }
    // Everything after it waits until its last piece is written (or the socket has closed).
    holds++;
    streamMessage(socket, item).then(release, release);
  };
  const release = () => {
    if (--holds > 0) return;
    while (holds === 0 && held.length > 0) {
      if (socket.readyState !== socket.OPEN) {
        held.length = 0;
        break;
      }
      write(held.shift()!);
    }
    // Released in one go: write them now rather than at the end of the turn.
    uncorkNow(socket);
  };
  /**
   * Straight to the TCP socket (ws writes there too, and is idle: no extension, and no message in
   * parts under way, which holds these back). What ws's `send` would have written, without its
   * header buffer, options and two writes per frame. Not corked: both callers write the socket
   * right after (`writeNow`, `release`), so a socket not corked yet is written now, without a
   * buffered entry; one corked in this turn takes the frames behind what it holds.
   */
  const writeFrames = (frames: Uint8Array, messages: number) => {
    onSend(messages);
    const tcp = tcpSocketOf(socket);
    if (!tcp || tcp.destroyed) return;
    tcp.write(frames);
  };
  const enqueue = (item: Uint8Array | Uint8Array[]) => {
    if (failed) return;
    if (holds > 0) held.push(item);
    else write(item);
  };
  return {
    send: (data: Uint8Array) => enqueue(data),
    sendInParts: (parts: Uint8Array[]) => enqueue(parts),
    writeNow: () => uncorkNow(socket),
    canSendFrames: () => {
      if (socket.readyState !== socket.OPEN || socket.extensions !== '') return false;
      const tcp = tcpSocketOf(socket);
      return tcp !== undefined && !tcp.destroyed;
    },
    sendFrames: (frames: Uint8Array, messages: number) => {
      if (failed) return;
      if (holds > 0) held.push(new MadeFrames(frames, messages));
      else writeFrames(frames, messages);
    },
    close: (code?: number, reason?: string) => socket.close(code, reason),
    get readyState() {
      return socket.readyState;
    },
    holdUntil: (durable: Promise<unknown>) => {
      holds++;
      durable.then(release, () => {
        failed = true;
        held.length = 0;
      });
    },
  };
}

/** Whole frames made by the caller, waiting in a holding socket. */
class MadeFrames {
  readonly frames: Uint8Array;
  readonly messages: number;
  constructor(frames: Uint8Array, messages: number) {
    this.frames = frames;
    this.messages = messages;
  }
}

/**
 * Writes `parts` as one WebSocket message in fragments of at most STREAM_CHUNK_BYTES, about that
 * much per event-loop turn, and once the socket holds more than STREAM_HIGH_WATER_BYTES that the
 * kernel has not taken, waits until it has. Between two pieces the loop reads and answers every other
 * socket: a bystander's small frame waits for one piece of a large answer, not for the whole of
 * it (nor for fifty of them), and a client that reads slowly does not make the server buffer its
 * answers. The pieces are views of `parts`, no copy. A WebSocket client receives one message
 * (fragmentation is part of the protocol, RFC 6455 section 5.4). Settles when the last piece is
 * written or the socket has closed.
 */
export async function streamMessage(socket: WebSocket, parts: Uint8Array[]): Promise<void> {
  const pieces: Uint8Array[] = [];
  for (const part of parts) {
    for (let at = 0; at < part.byteLength; at += STREAM_CHUNK_BYTES) {
      pieces.push(part.subarray(at, Math.min(at + STREAM_CHUNK_BYTES, part.byteLength)));
    }
  }
  const last = pieces.length - 1;
  let thisTurn = 0;
  for (let index = 0; index <= last; index++) {
    if (socket.readyState !== socket.OPEN) return;
    const piece = pieces[index]!;
    socket.send(piece, { binary: true, fin: index === last });
    thisTurn += piece.byteLength;
    if (index < last && thisTurn >= STREAM_CHUNK_BYTES) {
      await nextTurn(socket);
      thisTurn = 0;
    }
  }
}

/** After this turn, and once the kernel has taken all but STREAM_HIGH_WATER_BYTES (or the socket closed). */
function nextTurn(socket: WebSocket): Promise<void> {
  const tcp = tcpSocketOf(socket);
  return new Promise((resolve) => {
    if (!tcp || tcp.writableLength <= STREAM_HIGH_WATER_BYTES) {
      setImmediate(resolve);
      return;
    }
    const done = () => {
      tcp.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    tcp.on('drain', done);
    socket.on('close', done);
  });
}
