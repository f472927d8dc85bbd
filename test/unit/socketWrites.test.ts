/**
 * A large message sent in parts (server/src/collab/socketWrites.ts, used for whole-document sync
 * answers): the client receives one message with exactly the bytes; it is written a piece per
 * event-loop turn, so that other sockets' frames are not held up behind all of it; frames sent
 * after it on the same socket arrive after it; and while the client does not read, the server
 * stops writing instead of buffering the rest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { holdingSocket, STREAM_CHUNK_BYTES } from '../../server/src/collab/socketWrites.ts';
import { closeWsPairs, type WsPair, wsPairs } from '../helpers/wsPairs.ts';

afterEach(closeWsPairs);

/** A ws server socket (as the WebSocket route gets it) and a client connected to it. */
async function pair(): Promise<WsPair> {
  return (await wsPairs(1))[0]!;
}

/** Bytes that are not all alike (a misplaced piece would show). */
function filled(bytes: number): Uint8Array {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 997) data[i] = (i / 997) % 251;
  return data;
}

describe('messages sent in parts', () => {
  it('arrive as one message with every byte, after what was sent before and before what is sent after', async () => {
    const { server, received } = await pair();
    const socket = holdingSocket(server, () => {});
    const head = Uint8Array.of(1, 2, 3);
    const body = filled(3 * 1024 * 1024 + 17);
    socket.send(Uint8Array.of(9));
    socket.sendInParts([head, body]);
    socket.send(Uint8Array.of(8));
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(3);
    expect([...received[0]!]).toEqual([9]);
    expect(Buffer.compare(received[1]!, Buffer.concat([head, body]))).toBe(0);
    expect([...received[2]!]).toEqual([8]);
  });

  it('are written a piece per event-loop turn, not all at once', async () => {
    const { server, received } = await pair();
    const pieces: number[] = [];
    const send = server.send.bind(server);
    server.send = ((data: Uint8Array, options: never) => {
      pieces.push(data.byteLength);
      return send(data, options);
    }) as typeof server.send;
    const body = filled(1024 * 1024);
    holdingSocket(server, () => {}).sendInParts([Uint8Array.of(1), body]);
    // In this turn: the head and one piece, no more.
    expect(pieces.reduce((sum, bytes) => sum + bytes, 0)).toBeLessThanOrEqual(STREAM_CHUNK_BYTES + 1);
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    expect(pieces.length).toBeGreaterThanOrEqual((1024 * 1024) / STREAM_CHUNK_BYTES);
    expect(received[0]!.byteLength).toBe(1024 * 1024 + 1);
  });

  it('wait while the client does not read, and go on when it does', async () => {
    const { server, client, received } = await pair();
    let handed = 0;
    const send = server.send.bind(server);
    server.send = ((data: Uint8Array, options: never) => {
      handed += data.byteLength;
      return send(data, options);
    }) as typeof server.send;
    // The client stops reading: what the kernels' buffers cannot take stays unsent.
    (client as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const body = filled(64 * 1024 * 1024);
    holdingSocket(server, () => {}).sendInParts([Uint8Array.of(1), body]);
    let before = -1;
    await expect
      .poll(
        () => {
          const settled = handed === before;
          before = handed;
          return settled;
        },
        { interval: 300, timeout: 20_000 },
      )
      .toBe(true);
    expect(handed).toBeLessThan(body.byteLength / 2);
    (client as unknown as { _socket: { resume(): void } })._socket.resume();
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    expect(received[0]!.byteLength).toBe(body.byteLength + 1);
  }, 60_000);
});
