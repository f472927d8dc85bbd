/**
 * Contact: reads the private `_socket` (the TCP socket) of a `ws` WebSocket, the library that
 * @fastify/websocket hands Hocuspocus's connections over.
 *
 * Why (bench/IMPROVEMENTS.md, "corked writes"): a frame costs a system call to write (20 to 60 µs
 * here); corking each socket for the rest of an event-loop turn makes a busy turn (a replay's
 * acknowledgements, a broadcast, a group commit's released frames) one write per socket instead
 * of one per frame. ws corks around each frame itself, and corks nest; it exposes no cork.
 */
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';

export function tcpSocketOf(socket: WebSocket): Duplex | undefined {
  return (socket as unknown as { _socket?: Duplex })._socket;
}

export function wsTcpSocketProblems(): string[] {
  // A ws WebSocket made without an address is the server-side kind; it sets `_socket` to null.
  const scratch = new WebSocket(null as unknown as string, undefined, {});
  return '_socket' in scratch ? [] : ["ws's WebSocket no longer keeps its TCP socket in _socket"];
}
