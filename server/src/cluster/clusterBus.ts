/**
 * Application events between instances over Redis pub/sub: "recompute this live projection",
 * "this session has ended", "check who may use this document again". Every instance hears every event, its own excepted.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis as IORedis } from 'ioredis';
import { createRedisClient } from './redisClient.ts';

export interface ClusterEvents {
  /** A projection entry changed in the store: recompute it. */
  live: { meetingId: string; map: string; key: string };
  /** A session ended (sign-out): close its sockets. */
  sessionRevoked: { sessionId: string };
  /** A user's access changed (role, disabled): re-check their sockets. */
  userChanged: { userId: string };
  /** Who may open or write a document changed (a proposal's co-authors): re-check its sockets. */
  documentAccessChanged: { documentName: string };
}

type Handler<K extends keyof ClusterEvents> = (payload: ClusterEvents[K]) => void;

export class ClusterBus {
  /** Distinguishes this instance's messages from the others'. */
  readonly instanceId = randomUUID();
  readonly pub: IORedis;
  private readonly sub: IORedis;
  private readonly channel: string;
  private readonly handlers = new Map<keyof ClusterEvents, Handler<never>[]>();
  private readonly reconnectHandlers: (() => void)[] = [];

  constructor(url: string, prefix: string, log: FastifyBaseLogger) {
    this.channel = `${prefix}events`;
    this.pub = createRedisClient(url, 'events-pub', log);
    this.sub = createRedisClient(url, 'events-sub', log);
    let connectedOnce = false;
    this.sub.on('ready', () => {
      // ioredis re-subscribes by itself after a reconnection; events sent meanwhile are lost,
      // so listeners get the chance to catch up.
      if (connectedOnce) for (const handler of this.reconnectHandlers) handler();
      connectedOnce = true;
    });
    void this.sub
      .subscribe(this.channel)
      .catch((error: unknown) => log.warn({ err: error }, 'could not subscribe to cluster events'));
    this.sub.on('message', (_channel: string, raw: string) => {
      let message: { from: string; type: keyof ClusterEvents; payload: unknown };
      try {
        message = JSON.parse(raw);
      } catch {
        return;
      }
      if (message.from === this.instanceId) return;
      for (const handler of this.handlers.get(message.type) ?? []) {
        try {
          (handler as Handler<keyof ClusterEvents>)(message.payload as never);
        } catch (error) {
          log.error({ err: error, type: message.type }, 'cluster event handler failed');
        }
      }
    });
  }

  on<K extends keyof ClusterEvents>(type: K, handler: Handler<K>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(type, list);
  }

  /** Called after Redis comes back, for catching up on events missed meanwhile. */
  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  /** Fire and forget: an event lost while Redis is down is caught up by `onReconnect`. */
  publish<K extends keyof ClusterEvents>(type: K, payload: ClusterEvents[K]): void {
    this.pub.publish(this.channel, JSON.stringify({ from: this.instanceId, type, payload })).catch(() => undefined);
  }

  async ping(): Promise<void> {
    await this.pub.ping();
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
