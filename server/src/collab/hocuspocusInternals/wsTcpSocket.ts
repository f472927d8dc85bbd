/**
 * Contact: reads the private `_socket` (the TCP socket) of a `ws` WebSocket, the library that
 * @fastify/websocket hands Hocuspocus's connections over.
 *
 * Why (bench/IMPROVEMENTS.md, row 2, commits 2ebbfa4 and 9e2b28f): writev, one system call per
 * frame, was 28.6 % of the S4 replay (1.6 % after); a frame costs 20 to 60 µs to write here; corking each socket for the rest of an event-loop turn makes a busy turn (a replay's
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
