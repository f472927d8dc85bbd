/**
 * A WebSocket proxy between clients and the server that delays messages at random, lets
 * document updates and awareness overtake one another, and can cut connections. Control
 * messages (authentication, sync steps, acknowledgements) keep their order behind everything
 * sent before them, as TCP would deliver them.
 */
import http from 'node:http';
import type net from 'node:net';
import * as decoding from 'lib0/decoding';
import WebSocket, { WebSocketServer } from 'ws';
import type { Random } from './random.ts';

const SYNC = 0;
const AWARENESS = 1;
const SYNC_UPDATE = 2;

/** Updates and awareness may be reordered; everything else is a barrier. */
function reorderable(frame: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === AWARENESS) return true;
    return type === SYNC && decoding.readVarUint(decoder) === SYNC_UPDATE;
  } catch {
    return false;
  }
}

class DelayedPipe {
  private lastBarrier = 0;
  private latest = 0;
  private readonly target: WebSocket;
  /** The delay of the next frame, drawn at random. */
  private readonly delay: () => number;

  constructor(target: WebSocket, delay: () => number) {
    this.target = target;
    this.delay = delay;
  }

  send(frame: Buffer): void {
    const now = Date.now();
    let due = now + this.delay();
    if (reorderable(frame)) {
      due = Math.max(due, this.lastBarrier);
    } else {
      // After everything queued so far, and before anything queued later.
      due = Math.max(due, this.latest);
      this.lastBarrier = due;
    }
    this.latest = Math.max(this.latest, due);
    setTimeout(() => {
      if (this.target.readyState === WebSocket.OPEN) this.target.send(frame);
    }, due - now);
  }
}

export class ChaosProxy {
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly pairs = new Set<{ client: WebSocket; upstream: WebSocket }>();
  private readonly target: string;
  private readonly random: Random;
  private maxDelayMs: number;
  port = 0;

  constructor(target: string, random: Random, maxDelayMs = 40) {
    this.target = target;
    this.random = random;
    this.maxDelayMs = maxDelayMs;
    this.server = http.createServer();
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (client) => this.accept(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return `ws://127.0.0.1:${this.port}/collab`;
  }

  /** Cuts one open connection at random (both sides see it close). */
  cutOne(): void {
    const pairs = [...this.pairs];
    if (pairs.length === 0) return;
    const pair = this.random.pick(pairs);
    pair.client.terminate();
    pair.upstream.terminate();
  }

  /** Stops delaying: from now on, frames pass at once (for the final convergence). */
  calm(): void {
    this.maxDelayMs = 1;
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) {
      pair.client.terminate();
      pair.upstream.terminate();
    }
    await new Promise((resolve) => this.wss.close(resolve));
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: WebSocket): void {
    const upstream = new WebSocket(this.target);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const delay = () => this.random.int(this.maxDelayMs);
    const toServer = new DelayedPipe(upstream, delay);
    const toClient = new DelayedPipe(client, delay);
    const pending: Buffer[] = [];
    upstream.on('open', () => {
      for (const frame of pending.splice(0)) toServer.send(frame);
    });
    client.on('message', (data: Buffer) => (upstream.readyState === WebSocket.OPEN ? toServer.send(data) : pending.push(data)));
    upstream.on('message', (data: Buffer) => toClient.send(data));
    const close = () => {
      this.pairs.delete(pair);
      client.terminate();
      upstream.terminate();
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  }
}
