/**
 * How a document's broadcasts reach its connections (replacing Hocuspocus 4.7's private
 * `Document.broadcast`): encoded once, and written in chunks when the audience is large.
 */
import type { Connection, Document } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { writeCorkedFrames } from './websocketRoute.ts';

type Broadcast = (encode: (address: string) => Uint8Array, filter?: (connection: Connection) => boolean) => void;

/** Each connection's address as it starts every frame sent to it (varString). */
const addressPrefixes = new WeakMap<Connection, Uint8Array>();

function addressPrefix(connection: Connection): Uint8Array {
  let prefix = addressPrefixes.get(connection);
  if (!prefix) {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, connection.messageAddress);
    prefix = encoding.toUint8Array(encoder);
    addressPrefixes.set(connection, prefix);
  }
  return prefix;
}

/**
 * At most this many frames of broadcasts are written in one event-loop turn. Writing a frame to a
 * socket costs a system call (20 to 60 µs on this kind of machine, loopback included), so one
 * message to 5,000 viewers blocked the event loop for 100 to 300 ms, and every HTTP request
 * (a ballot) waited behind it. In chunks, requests are served between them.
 */
export const BROADCAST_CHUNK = 500;

/** One broadcast being written: its encoding, and who gets it (the connections when it was made). */
interface PendingBroadcast {
  connections: Connection[];
  next: number;
  encode: (address: string) => Uint8Array;
  filter: ((connection: Connection) => boolean) | undefined;
  plain: Uint8Array | null;
  body: Uint8Array | null;
}

/**
 * Replaces the document's private `broadcast` (of @hocuspocus/server 4.7; left alone if absent):
 * - Hocuspocus encodes a broadcast once per run of connections that share an address, but every
 *   session-aware provider (Plenary's client is one) has an address of its own, so a message for
 *   a thousand viewers was encoded a thousand times (an awareness message: the JSON of every
 *   state, each time). Here it is encoded once; each connection gets the same bytes behind its
 *   own address.
 * - Broadcasts go out in order, at most BROADCAST_CHUNK frames per turn (see there); small
 *   documents get theirs at once, as before. Each connection receives the broadcasts in the order
 *   they were made; one that joined meanwhile has the state from its own sync.
 */
export function encodeBroadcastsOnce(document: Document): void {
  const target = document as unknown as { broadcast?: Broadcast };
  if (typeof target.broadcast !== 'function') return;
  const nameLength = addressPrefixLength(document.name);
  const queue: PendingBroadcast[] = [];
  let scheduled = false;

  /** Writes up to `budget` frames from the queue; returns what is left of the budget. */
  const write = (budget: number): number => {
    while (queue.length > 0 && budget > 0) {
      const pending = queue[0]!;
      while (pending.next < pending.connections.length && budget > 0) {
        const connection = pending.connections[pending.next++]!;
        if (pending.filter && !pending.filter(connection)) continue;
        budget--;
        pending.plain ??= pending.encode(document.name);
        if (connection.messageAddress === document.name) {
          connection.send(pending.plain);
          continue;
        }
        pending.body ??= pending.plain.subarray(nameLength);
        const prefix = addressPrefix(connection);
        const frame = new Uint8Array(prefix.length + pending.body.length);
        frame.set(prefix, 0);
        frame.set(pending.body, prefix.length);
        connection.send(frame);
      }
      if (pending.next >= pending.connections.length) queue.shift();
    }
    return budget;
  };

  const pump = () => {
    scheduled = false;
    write(BROADCAST_CHUNK);
    writeCorkedFrames();
    if (queue.length > 0) {
      scheduled = true;
      setImmediate(pump);
    }
  };

  target.broadcast = (encode, filter) => {
    queue.push({ connections: [...document.connections.keys()], next: 0, encode, filter, plain: null, body: null });
    if (scheduled) return; // the pump is on its way and keeps the order
    write(BROADCAST_CHUNK);
    if (queue.length > 0) {
      writeCorkedFrames();
      scheduled = true;
      setImmediate(pump);
    }
  };
}

function addressPrefixLength(address: string): number {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  return encoding.length(encoder);
}
