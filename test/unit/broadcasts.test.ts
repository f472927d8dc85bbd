/**
 * Broadcasts of a document with a large audience: every connection gets every broadcast, each
 * under its own address, in the order they were made, and the event loop serves other work
 * between chunks. The document is a real Hocuspocus Document; its connections are stand-ins that
 * record what they are sent (the sockets themselves are covered by the integration tests).
 */
import { Document, type Connection } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { BROADCAST_CHUNK, encodeBroadcastsOnce } from '../../server/src/collab/broadcasts.ts';

type Broadcast = (encode: (address: string) => Uint8Array) => void;

/** A frame as Hocuspocus makes one: the address, then a payload. */
const frame = (address: string, payload: number) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, payload);
  return encoding.toUint8Array(encoder);
};

function documentWith(count: number) {
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
        const decoder = decoding.createDecoder(bytes);
        inbox.push({ address: decoding.readVarString(decoder), payload: decoding.readVarUint(decoder) });
      },
    } as unknown as Connection;
    document.connections.set(connection, { clients: new Set() });
  }
  encodeBroadcastsOnce(document);
  const broadcast = (payload: number) => (document as unknown as { broadcast: Broadcast }).broadcast((address) => frame(address, payload));
  return { document, received, broadcast };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('broadcasts', () => {
  it('reach a small audience at once, encoded once, each under its own address', () => {
    const { received, broadcast } = documentWith(10);
    broadcast(7);
    received.forEach((inbox, i) => {
      expect(inbox).toEqual([{ address: i % 2 === 0 ? 'agenda:m1' : `agenda:m1\u0000session-${i}`, payload: 7 }]);
    });
  });

  it('reach a large audience in chunks, in order, with other work served between them', async () => {
    const audience = BROADCAST_CHUNK * 2 + 123;
    const { received, broadcast } = documentWith(audience);
    broadcast(1);
    broadcast(2);
    broadcast(3);
    // The first chunk is written at once; the rest waits for later turns.
    expect(received.filter((inbox) => inbox.length > 0)).toHaveLength(BROADCAST_CHUNK);
    let served = false;
    setImmediate(() => (served = true));
    await turn();
    expect(served).toBe(true);
    expect(received.every((inbox) => inbox.length === 3)).toBe(false);
    for (let i = 0; i < 10 && !received.every((inbox) => inbox.length === 3); i++) await turn();
    for (const inbox of received) expect(inbox.map((message) => message.payload)).toEqual([1, 2, 3]);
  });
});
