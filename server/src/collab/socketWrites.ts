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
}

export function canHold(socket: WebSocketLike): socket is HoldingSocket {
  return typeof (socket as Partial<HoldingSocket>).holdUntil === 'function';
}

/**
 * Frames reach the kernel once per socket and event-loop turn: the first frame of a turn corks
 * the socket, and every corked socket is uncorked when the turn ends. A small frame costs little
 * to build but a system call to write; a busy turn (a replay's acknowledgements, a broadcast, a
 * group commit's released frames) then costs one write per socket instead of one per frame.
 */
const corked = new Set<Duplex>();
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
  for (const socket of corked) socket.uncork();
  corked.clear();
}

export function uncorkNow(socket: WebSocket): void {
  const tcp = tcpSocketOf(socket);
  if (tcp && corked.delete(tcp)) tcp.uncork();
}

export function corkForThisTurn(socket: WebSocket): void {
  const tcp = tcpSocketOf(socket);
  if (!tcp || corked.has(tcp) || tcp.destroyed) return;
  tcp.cork();
  corked.add(tcp);
  if (!uncorking) {
    uncorking = true;
    setImmediate(uncorkAll);
  }
}

/**
 * The socket handed to Hocuspocus for a ws socket: counts what is sent (`onSend`), corks each
 * write for the turn, and holds frames back while a write they may acknowledge is not yet durable.
 */
export function holdingSocket(socket: WebSocket, onSend: () => void): HoldingSocket {
  let holds = 0;
  let failed = false;
  const held: Uint8Array[] = [];
  const release = () => {
    if (--holds > 0) return;
    for (const data of held.splice(0)) {
      if (socket.readyState !== socket.OPEN) break;
      onSend();
      corkForThisTurn(socket);
      socket.send(data);
    }
    // Released in one go: write them now rather than at the end of the turn.
    uncorkNow(socket);
  };
  return {
    send: (data: Uint8Array) => {
      if (failed) return;
      if (holds > 0) {
        held.push(data);
        return;
      }
      onSend();
      corkForThisTurn(socket);
      socket.send(data);
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
