/**
 * How a document's broadcasts reach its connections (in place of Hocuspocus 4.7's private
 * `Document.broadcast`, see hocuspocusInternals/documentBroadcast.ts): encoded once, written
 * socket by socket when the audience is small, and in chunks when it is large.
 */
import type { Connection, Document } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { type Broadcast, replaceBroadcast } from './hocuspocusInternals/documentBroadcast.ts';
import { aroundEachFlush } from './hocuspocusInternals/documentFlush.ts';
import {
  canSendFrames,
  canWriteNow,
  frameHeaderLength,
  type HoldingSocket,
  writeCorkedFrames,
  writeFrameHeader,
} from './socketWrites.ts';

/**
 * Each connection's address as it starts every frame sent to it (varString), or null when it is
 * the document's name (the broadcast's own encoding has it). Hocuspocus's `messageAddress` is a
 * getter that joins the name and the session id again at each call: asked per receiver and
 * message, it was 11 % of the server's allocation in S1 in a first version of bench/IMPROVEMENTS.md row 29 (a sampling heap profile).
 */
const addressPrefixes = new WeakMap<Connection, Uint8Array | null>();

function addressPrefix(connection: Connection, documentName: string): Uint8Array | null {
  let prefix = addressPrefixes.get(connection);
  if (prefix === undefined) {
    const address = connection.messageAddress;
    if (address === documentName) prefix = null;
    else {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, address);
      prefix = encoding.toUint8Array(encoder);
    }
    addressPrefixes.set(connection, prefix);
  }
  return prefix;
}

/**
 * Writing a frame to a socket costs a system call (20 to 60 µs on this kind of machine, loopback
 * included), so one message to 5,000 viewers blocked the event loop for 100 to 300 ms, and every
 * HTTP request (a ballot) waited behind it. Broadcasts are therefore written in slices of at most
 * BROADCAST_SLICE_MS per event-loop turn, with other work served between them. A broadcast to a
 * few hundred connections fits in one slice and goes out at once, as before.
 */
export const BROADCAST_SLICE_MS = 10;

/**
 * Slicing must not let a busy document fall behind without bound (a crowd typing makes
 * broadcasts faster than slices write them): with more broadcasts than this waiting, the next
 * one is written at once, whole, as Hocuspocus would, and the incoming work waits instead.
 */
export const MAX_WAITING_BROADCASTS = 4;

/** How many frames are written between two looks at the clock. */
const FRAMES_PER_CLOCK_CHECK = 64;

/**
 * A flush (what a turn brought: the merged updates, then the carets) to at most this many
 * connections is written socket by socket, each socket's frames reaching the kernel at once in
 * one system call, before the next socket's are made. Corked until the flush's end, as before, no
 * frame left until every frame was made (the carets' encoding included), and the readers, who
 * work while the server writes, started later: S1's median was 1.16-1.31× bare Hocuspocus's,
 * which writes each frame as it makes it (bench/IMPROVEMENTS.md). Written this way, 128 sockets
 * take a few milliseconds, within a slice; a larger audience is written in slices as below.
 */
export const WRITTEN_TOGETHER_MAX_CONNECTIONS = 128;

/**
 * A flush to a small audience whose frames add up to more than this many bytes (every receiver's
 * together) is written in slices of HEAVY_SLICE_MS, each socket's frames still in one write: the
 * threads of a meeting's live document during a burst of comments (25 threads of about 1 KB each
 * to 50 watchers every 250 ms, 1.2 MB) took 4 ms on average and up to 15 ms of socket writes in
 * one turn, and the typists' edits that arrived meanwhile waited for all of it (S16,
 * bench/IMPROVEMENTS.md). A typing flush (tens of bytes to each receiver) stays far below and is
 * written at once, as before. As with a large audience, a frame sent straight to a connection (a
 * sync reply) may reach it before the rest of such a flush; Yjs updates and awareness states
 * apply in any order.
 */
export const HEAVY_FLUSH_BYTES = 512 * 1024;

/** How long one slice of a heavy flush writes before the event loop serves other work. */
export const HEAVY_SLICE_MS = 1;

/** One broadcast being written: its encoding, and who gets it (the connections when it was made). */
interface PendingBroadcast {
  connections: Connection[];
  next: number;
  encode: (address: string) => Uint8Array;
  filter: ((connection: Connection) => boolean) | undefined;
  plain: Uint8Array | null;
  body: Uint8Array | null;
  /**
   * Set on an entry that stands for a whole flush written behind others (a heavy flush's rest, or
   * a flush that came while one was being written): each of its connections gets all of these
   * broadcasts together, one write per socket, as in writeTogether.
   */
  flush?: PendingBroadcast[];
  /** The length of this entry's slices when not BROADCAST_SLICE_MS (a heavy flush). */
  sliceMs?: number;
}

/**
 * Replaces the document's private `broadcast` (of @hocuspocus/server 4.7; checked at start):
 * - Hocuspocus encodes a broadcast once per run of connections that share an address, but every
 *   session-aware provider (Plenary's client is one) has an address of its own, so a message for
 *   a thousand viewers was encoded a thousand times (an awareness message: the JSON of every
 *   state, each time). Here it is encoded once; each connection gets the same bytes behind its
 *   own address.
 * - Broadcasts go out in order, in slices (see BROADCAST_SLICE_MS and MAX_WAITING_BROADCASTS).
 *   Each connection receives the broadcasts in the order they were made; one that joined
 *   meanwhile has the state from its own sync.
 */
export function encodeBroadcastsOnce(document: Document): void {
  const nameLength = addressPrefixLength(document.name);
  const queue: PendingBroadcast[] = [];
  let scheduled = false;
  /** The broadcasts of the flush under way, written when it ends; null outside a flush. */
  let flushing: PendingBroadcast[] | null = null;

  /** The bytes `connection` gets for `pending` after its address prefix (all of them when it has none). */
  const payloadFor = (prefix: Uint8Array | null, pending: PendingBroadcast): Uint8Array => {
    pending.plain ??= pending.encode(document.name);
    if (!prefix) return pending.plain;
    pending.body ??= pending.plain.subarray(nameLength);
    return pending.body;
  };

  /** Makes the broadcast's frame for `connection` (the encoding once) and hands it to its socket. */
  const sendTo = (connection: Connection, pending: PendingBroadcast): void => {
    if (pending.filter && !pending.filter(connection)) return;
    const prefix = addressPrefix(connection, document.name);
    const payload = payloadFor(prefix, pending);
    if (!prefix) {
      connection.send(payload);
      return;
    }
    const frame = new Uint8Array(prefix.length + payload.length);
    frame.set(prefix, 0);
    frame.set(payload, prefix.length);
    connection.send(frame);
  };

  /**
   * The flush's frames for `connection`, whole (WebSocket header, address, body: the bytes ws
   * would write for each `send`), in one buffer and one write. Sent frame by frame, through ws,
   * each receiver cost a copy of each message (address and body), and ws's header, options and
   * two buffered writes per message: together about 40 % of the server's allocation in S1
   * (bench/IMPROVEMENTS.md, row 29).
   */
  const sendFlushTo = (connection: Connection, socket: HoldingSocket, broadcasts: PendingBroadcast[]): void => {
    const prefix = addressPrefix(connection, document.name);
    const prefixLength = prefix?.length ?? 0;
    const payloads = scratchPayloads;
    // Emptied first too: after an encoding that threw, another receiver's payloads must not linger here.
    payloads.length = 0;
    let length = 0;
    for (const pending of broadcasts) {
      if (pending.filter && !pending.filter(connection)) continue;
      const payload = payloadFor(prefix, pending);
      const payloadLength = prefixLength + payload.length;
      length += frameHeaderLength(payloadLength) + payloadLength;
      payloads.push(payload);
    }
    if (payloads.length === 0) return;
    // From Node's pool for small sizes (a slice of a shared buffer, no memory of its own to allocate).
    const frames = Buffer.allocUnsafe(length);
    let at = 0;
    for (const payload of payloads) {
      at = writeFrameHeader(frames, at, prefixLength + payload.length);
      if (prefix) {
        frames.set(prefix, at);
        at += prefixLength;
      }
      frames.set(payload, at);
      at += payload.length;
    }
    const messages = payloads.length;
    payloads.length = 0;
    socket.sendFrames(frames, messages);
  };

  /** Writes frames in order until the queue is empty or the deadline (ms) has passed. */
  const write = (deadline: number): void => {
    let sinceCheck = 0;
    while (queue.length > 0) {
      const pending = queue[0]!;
      // A heavy flush's frames are large: the clock is looked at after each of them.
      const framesPerCheck = pending.sliceMs === undefined ? FRAMES_PER_CLOCK_CHECK : 1;
      while (pending.next < pending.connections.length) {
        if (++sinceCheck >= framesPerCheck) {
          sinceCheck = 0;
          // The frames' system calls (made when their sockets are uncorked) are most of what a
          // broadcast costs: make them inside the slice, so that the slice lasts what it says.
          // Left to the slice's end, they doubled it (S7: 10 ms of frames, then as long again in writev).
          writeCorkedFrames();
          if (performance.now() >= deadline) return;
        }
        const connection = pending.connections[pending.next++]!;
        if (pending.flush) writeFlushTo(connection, pending.flush);
        else sendTo(connection, pending);
      }
      queue.shift();
    }
  };

  const scheduleRest = () => {
    if (queue.length === 0 || scheduled) return;
    writeCorkedFrames();
    scheduled = true;
    setImmediate(pump);
  };

  const pump = () => {
    scheduled = false;
    write(performance.now() + (queue[0]?.sliceMs ?? BROADCAST_SLICE_MS));
    writeCorkedFrames();
    scheduleRest();
  };

  const broadcast: Broadcast = (encode, filter) => {
    const pending = { connections: [...document.connections.keys()], next: 0, encode, filter, plain: null, body: null };
    if (flushing) {
      flushing.push(pending);
      return;
    }
    enqueue(pending);
  };

  const enqueue = (pending: PendingBroadcast): void => {
    queue.push(pending);
    if (queue.length > MAX_WAITING_BROADCASTS) {
      // Falling behind: write everything waiting now (bounded by the queue's length).
      write(Infinity);
    } else if (!scheduled) {
      write(performance.now() + BROADCAST_SLICE_MS);
    } // else: the pump is on its way and keeps the order
    scheduleRest();
  };

  /** One connection's frames of a flush, together (see WRITTEN_TOGETHER_MAX_CONNECTIONS). */
  const writeFlushTo = (connection: Connection, broadcasts: PendingBroadcast[]): void => {
    const socket = connection.webSocket;
    if (canSendFrames(socket) && socket.canSendFrames()) sendFlushTo(connection, socket, broadcasts);
    else for (const pending of broadcasts) sendTo(connection, pending);
    // A socket that holds its frames (until its writer's edit is committed) writes them then.
    if (canWriteNow(socket)) socket.writeNow();
  };

  /** The flush's broadcasts (made with the same connections), socket by socket (see WRITTEN_TOGETHER_MAX_CONNECTIONS). */
  const writeTogether = (broadcasts: PendingBroadcast[]): void => {
    const first = broadcasts[0];
    if (!first) return;
    const connections = first.connections;
    if (connections.length > WRITTEN_TOGETHER_MAX_CONNECTIONS) {
      // A large audience: broadcast by broadcast, in order, in slices.
      for (const pending of broadcasts) enqueue(pending);
      return;
    }
    const heavy = flushBytes(broadcasts) * connections.length > HEAVY_FLUSH_BYTES;
    const entry = (next: number): PendingBroadcast => ({
      ...first,
      next,
      flush: broadcasts,
      ...(heavy ? { sliceMs: HEAVY_SLICE_MS } : {}),
    });
    if (queue.length > 0) {
      // Behind what is still being written: the whole flush, in order, after it.
      queue.push(entry(0));
      if (queue.length > MAX_WAITING_BROADCASTS) write(Infinity);
      scheduleRest();
      return;
    }
    const deadline = heavy ? performance.now() + HEAVY_SLICE_MS : 0;
    for (let index = 0; index < connections.length; index++) {
      if (heavy && index > 0 && performance.now() >= deadline) {
        // The rest in later turns, in slices of HEAVY_SLICE_MS, with other work served between them.
        queue.push(entry(index));
        scheduleRest();
        return;
      }
      writeFlushTo(connections[index]!, broadcasts);
    }
  };

  /** The bytes of one copy of each of the flush's broadcasts (each is encoded once, here or when first sent). */
  const flushBytes = (broadcasts: PendingBroadcast[]): number => {
    let bytes = 0;
    for (const pending of broadcasts) {
      pending.plain ??= pending.encode(document.name);
      bytes += pending.plain.length;
    }
    return bytes;
  };

  replaceBroadcast(document, broadcast);
  aroundEachFlush(document, (flush) => {
    if (flushing) return flush();
    const broadcasts: PendingBroadcast[] = [];
    flushing = broadcasts;
    try {
      return flush();
    } finally {
      flushing = null;
      writeTogether(broadcasts);
    }
  });
}

/** The payloads of one receiver's frames while `sendFlushTo` makes them (one array for all: no allocation per receiver). */
const scratchPayloads: Uint8Array[] = [];

function addressPrefixLength(address: string): number {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  return encoding.length(encoder);
}
