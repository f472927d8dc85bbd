/**
 * Broadcasts of a document with a large audience: every connection gets every broadcast, each
 * under its own address, in the order they were made, and the event loop serves other work
 * between chunks. The document is a real Hocuspocus Document; its connections are stand-ins that
 * record what they are sent (the sockets themselves are covered by the integration tests).
 */
import type { Duplex } from 'node:stream';
import { type Connection, Document } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as ws from 'ws';
import {
  BROADCAST_SLICE_MS,
  encodeBroadcastsOnce,
  HEAVY_FLUSH_BYTES,
  HEAVY_SLICE_MS,
  MAX_WAITING_BROADCASTS,
} from '../../server/src/collab/broadcasts.ts';
import { corkForThisTurn, frameHeaderLength, holdingSocket, writeFrameHeader } from '../../server/src/collab/socketWrites.ts';
import { closeWsPairs, wsPairs } from '../helpers/wsPairs.ts';

type Broadcast = (encode: (address: string) => Uint8Array) => void;

/** A frame as Hocuspocus makes one: the address, then a payload. */
const frame = (address: string, payload: number) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, payload);
  return encoding.toUint8Array(encoder);
};

/** A socket write, as slow as one is (tens of µs): busy, so that the clock moves. */
function slowWrite(microseconds: number): void {
  const until = performance.now() + microseconds / 1000;
  while (performance.now() < until);
}

function documentWith(count: number, writeMicroseconds = 0) {
  const document = new Document('agenda:m1');
  const received: { address: string; payload: number }[][] = [];
  for (let i = 0; i < count; i++) {
    const inbox: { address: string; payload: number }[] = [];
    received.push(inbox);
    // Half the connections use the document's name as address, half a session-aware one.
    const messageAddress = i % 2 === 0 ? document.name : `${document.name}\u0000session-${i}`;
    const connection = {
      messageAddress,
      send(bytes: Uint8Array) {
        if (writeMicroseconds) slowWrite(writeMicroseconds);
        const decoder = decoding.createDecoder(bytes);
        inbox.push({ address: decoding.readVarString(decoder), payload: decoding.readVarUint(decoder) });
      },
    } as unknown as Connection;
    document.connections.set(connection, { clients: new Set() });
  }
  encodeBroadcastsOnce(document);
  const broadcast = (payload: number) =>
    (document as unknown as { broadcast: Broadcast }).broadcast((address) => frame(address, payload));
  return { document, received, broadcast };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A connection stand-in for the flush tests: `send` gets each frame; the socket's `writeNow` ends its turn's writes. */
function addConnection(document: Document, i: number, send: (bytes: Uint8Array) => void, writeNow: () => void = () => {}): void {
  const connection = {
    messageAddress: `${document.name}\u0000session-${i}`,
    webSocket: { writeNow },
    send,
  } as unknown as Connection;
  document.connections.set(connection, { clients: new Set() });
}

describe('broadcasts', () => {
  it('reach a small audience at once, encoded once, each under its own address', () => {
    const { received, broadcast } = documentWith(10);
    broadcast(7);
    received.forEach((inbox, i) => {
      expect(inbox).toEqual([{ address: i % 2 === 0 ? 'agenda:m1' : `agenda:m1\u0000session-${i}`, payload: 7 }]);
    });
  });

  it('reach a large audience in slices, in order, with other work served between them', async () => {
    // 1,200 writes of 30 µs: about 36 ms, several slices (BROADCAST_SLICE_MS).
    const { received, broadcast } = documentWith(1_200, 30);
    broadcast(1);
    broadcast(2);
    broadcast(3);
    // One slice went out at once: the first connections have the first broadcast, the last none.
    expect(received[0]).toHaveLength(1);
    expect(received.at(-1)).toHaveLength(0);
    let served = false;
    setImmediate(() => (served = true));
    await turn();
    expect(served).toBe(true);
    expect(received.every((inbox) => inbox.length === 3)).toBe(false);
    for (let i = 0; i < 100 && !received.every((inbox) => inbox.length === 3); i++) await turn();
    for (const inbox of received) expect(inbox.map((message) => message.payload)).toEqual([1, 2, 3]);
  });

  it("counts the sockets' writes in the slice: a slice with its system calls lasts about BROADCAST_SLICE_MS", () => {
    // Building a frame costs nothing here; writing it (uncorking its socket) 30 µs, as a system call does.
    const { document } = documentWith(0);
    let written = 0;
    for (let i = 0; i < 3_000; i++) {
      const tcp = {
        destroyed: false,
        cork() {},
        uncork() {
          slowWrite(30);
          written++;
        },
      };
      const socket = { _socket: tcp } as unknown as WebSocket;
      const connection = {
        messageAddress: `${document.name}\u0000session-${i}`,
        send: () => corkForThisTurn(socket),
      } as unknown as Connection;
      document.connections.set(connection, { clients: new Set() });
    }
    const start = performance.now();
    (document as unknown as { broadcast: Broadcast }).broadcast((address) => frame(address, 1));
    const elapsed = performance.now() - start;
    // All 3,000 writes would take 90 ms: the slice stops near its 10 ms, one clock check late at most.
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(3_000);
    expect(elapsed).toBeLessThan(BROADCAST_SLICE_MS * 4);
  });

  it("write a flush's broadcasts socket by socket: each socket's frames together, before the next socket's are made", () => {
    const document = new Document('agenda:m1');
    const events: string[] = [];
    for (let i = 0; i < 3; i++) {
      addConnection(
        document,
        i,
        (bytes: Uint8Array) => {
          const decoder = decoding.createDecoder(bytes);
          decoding.readVarString(decoder);
          events.push(`${i} ${decoding.readVarUint(decoder) === 0 ? 'update' : 'awareness'}`);
        },
        () => events.push(`${i} written`),
      );
    }
    encodeBroadcastsOnce(document);
    // What a turn brings (flushDelay 0): an update and a caret, gathered until the flush.
    document.getText('t').insert(0, 'a');
    document.awareness.setLocalState({ cursor: 1 });
    expect(events).toEqual([]);
    document.flush();
    expect(events).toEqual([0, 1, 2].flatMap((i) => [`${i} update`, `${i} awareness`, `${i} written`]));
    document.destroy();
  });

  it('write a heavy flush to a small audience in short slices, in order, with other work served between them', async () => {
    const document = new Document('live:m1');
    const received: string[][] = [];
    for (let i = 0; i < 20; i++) {
      const inbox: string[] = [];
      received.push(inbox);
      addConnection(document, i, (bytes: Uint8Array) => {
        slowWrite(300); // a large frame's system call
        const decoder = decoding.createDecoder(bytes);
        decoding.readVarString(decoder);
        inbox.push(decoding.readVarUint(decoder) === 0 ? `update of ${bytes.length} bytes` : 'awareness');
      });
    }
    encodeBroadcastsOnce(document);
    // One flush: an update of 30,000 characters and a caret, to 20 connections: 600 KB in all.
    document.getText('t').insert(0, 'x'.repeat(30_000));
    document.awareness.setLocalState({ cursor: 1 });
    const started = performance.now();
    document.flush();
    const firstSlice = performance.now() - started;
    // 20 sockets × 2 frames × 0.3 ms would hold the loop 12 ms: the first slice stops after about HEAVY_SLICE_MS.
    const reached = received.filter((inbox) => inbox.length === 2).length;
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(20);
    expect(firstSlice).toBeLessThan(HEAVY_SLICE_MS + 5);
    // A light flush made meanwhile goes behind it, for every connection.
    document.getText('t').insert(0, 'y');
    document.flush();
    let served = 0;
    const count = () => {
      served++;
      if (!received.every((inbox) => inbox.length === 3)) setImmediate(count);
    };
    setImmediate(count);
    for (let i = 0; i < 200 && !received.every((inbox) => inbox.length === 3); i++) await turn();
    const sizes = received.map((inbox) => inbox.map((message) => Number(message.match(/\d+/)?.[0] ?? 0)));
    expect(sizes.reduce((sum, [first]) => sum + first!, 0)).toBeGreaterThan(HEAVY_FLUSH_BYTES);
    for (const [i, inbox] of received.entries()) {
      // The large update, its caret, then the small update: in the order they were made.
      expect(inbox.map((message) => message.replace(/\d+/, 'N'))).toEqual([
        'update of N bytes',
        'awareness',
        'update of N bytes',
      ]);
      expect(sizes[i]![0]).toBeGreaterThan(30_000);
      expect(sizes[i]![2]).toBeLessThan(100);
    }
    // Other work ran between the slices: the rest took several turns.
    expect(served).toBeGreaterThan(3);
    document.destroy();
  });

  it('write a light flush to a small audience at once, however slow its sockets', () => {
    const document = new Document('agenda:m1');
    const received: number[] = [];
    for (let i = 0; i < 20; i++) {
      addConnection(document, i, () => {
        slowWrite(300);
        received.push(i);
      });
    }
    encodeBroadcastsOnce(document);
    document.getText('t').insert(0, 'a');
    document.flush();
    expect(received).toHaveLength(20);
    document.destroy();
  });

  it('never falls more than a few broadcasts behind: past the limit, what waits is written at once', () => {
    const { received, broadcast } = documentWith(1_200, 30);
    const count = MAX_WAITING_BROADCASTS + 1;
    for (let payload = 1; payload <= count; payload++) broadcast(payload);
    const everything = Array.from({ length: count }, (_, i) => i + 1);
    for (const inbox of received) expect(inbox.map((message) => message.payload)).toEqual(everything);
  });
});

/** ws's frame maker (exported by ws, not in its type definitions). */
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean }): Buffer[] };
};

afterEach(closeWsPairs);

/**
 * `count` ws server sockets (as the WebSocket route gets them), each with a client, and what the
 * server writes to each TCP socket, byte for byte.
 */
async function serverSockets(count: number) {
  const sockets: { server: WebSocket; written: Buffer[]; received: Buffer[] }[] = [];
  for (const { server, received } of await wsPairs(count)) {
    const written: Buffer[] = [];
    const tcp = (server as unknown as { _socket: Duplex })._socket;
    const write = tcp.write.bind(tcp) as (chunk: Uint8Array) => boolean;
    tcp.write = ((chunk: Uint8Array, ...rest: unknown[]) => {
      written.push(Buffer.from(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof tcp.write;
    sockets.push({ server, written, received });
  }
  return sockets;
}

describe("a flush's frames made whole, one write per socket", () => {
  it('are the bytes ws writes for each frame, headers of every length included', () => {
    for (const length of [0, 1, 125, 126, 65_535, 65_536, 70_000]) {
      const payload = new Uint8Array(length).fill(7);
      const target = new Uint8Array(frameHeaderLength(length) + length);
      target.set(payload, writeFrameHeader(target, 0, length));
      const expected = Buffer.concat(Sender.frame(Buffer.from(payload), { fin: true, opcode: 2, mask: false, readOnly: false }));
      expect(Buffer.from(target).equals(expected)).toBe(true);
    }
  });

  it('reach each socket as the same bytes, in the same order, as frame by frame through ws', async () => {
    const document = new Document('agenda:m1');
    const sockets = await serverSockets(6);
    /** Three receivers as the route makes them, and three whose sockets only take frames one at a time (as before). */
    const connections = sockets.map(({ server }, i) => {
      const holding = holdingSocket(server, () => {});
      const webSocket = i < 3 ? holding : { send: holding.send, writeNow: holding.writeNow, readyState: 1 };
      const messageAddress = i % 3 === 0 ? document.name : `${document.name}\u0000session-${i % 3}`;
      const connection = {
        messageAddress,
        webSocket,
        send: (bytes: Uint8Array) => webSocket.send(bytes),
      } as unknown as Connection;
      document.connections.set(connection, { clients: new Set() });
      return { connection, holding };
    });
    encodeBroadcastsOnce(document);
    // The writer of the last receiver of each kind has an edit not yet committed: its frames wait.
    let commit = () => {};
    const committed = new Promise<void>((resolve) => (commit = resolve));
    connections[2]!.holding.holdUntil(committed);
    connections[5]!.holding.holdUntil(committed);
    // A large update (a 10-byte frame header) with a caret, then a middling one (4 bytes), then a small one.
    document.getText('t').insert(0, 'x'.repeat(70_000));
    document.awareness.setLocalState({ cursor: 1 });
    document.flush();
    document.getText('t').insert(0, 'y'.repeat(200));
    document.awareness.setLocalState({ cursor: 2 });
    document.flush();
    document.getText('t').insert(0, 'z');
    document.flush();
    connections[2]!.holding.send(Uint8Array.of(9));
    connections[5]!.holding.send(Uint8Array.of(9));
    commit();
    const expected = [5, 5, 6, 5, 5, 6];
    await expect.poll(() => sockets.map(({ received }) => received.length), { timeout: 10_000 }).toEqual(expected);
    for (let i = 0; i < 3; i++) {
      const made = Buffer.concat(sockets[i]!.written);
      const asBefore = Buffer.concat(sockets[i + 3]!.written);
      expect(made.length).toBeGreaterThan(70_000);
      expect(made.equals(asBefore)).toBe(true);
      // One write per flush, where ws made two per frame (the held frame after them is sent through ws).
      expect(sockets[i]!.written.length).toBe(i === 2 ? 5 : 3);
      expect(sockets[i + 3]!.written.length).toBe(i === 2 ? 12 : 10);
      // Each message under the receiver's address; the held receiver's own frame after them.
      const addresses = sockets[i]!.received.slice(0, 5).map((message) =>
        decoding.readVarString(decoding.createDecoder(message)),
      );
      expect(new Set(addresses)).toEqual(new Set([i === 0 ? 'agenda:m1' : `agenda:m1\u0000session-${i}`]));
      if (i === 2) expect([...sockets[i]!.received.at(-1)!]).toEqual([9]);
    }
    document.destroy();
  });
});
