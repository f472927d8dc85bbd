/**
 * Application events between instances over Redis pub/sub: "recompute this live projection",
 * "this session has ended", "check who may use this document again". Every instance hears every event, its own excepted.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis as IORedis } from 'ioredis';
import type { PresenceClaim } from '../collab/presenceClaims.ts';
import { createRedisClient, redisAnswers, withinTimeout } from './redisClient.ts';

export interface ClusterEvents {
  /** A projection entry changed in the store: recompute it. */
  live: { meetingId: string; map: string; key: string };
  /** A session ended (sign-out): close its sockets. */
  sessionRevoked: { sessionId: string };
  /** A user's access changed (role, disabled): re-check their sockets. */
  userChanged: { userId: string };
  /** Who may open or write a document changed (a proposal's co-authors): re-check its sockets. */
  documentAccessChanged: { documentName: string };
  /** A connection began to speak for an awareness client id: a connection of the same person elsewhere lets go of it. */
  presenceClaimed: PresenceClaim;
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
      // Subscribed again at every connection (a subscription that timed out is not remembered);
      // events sent meanwhile are lost, so listeners get the chance to catch up.
      void this.sub.subscribe(this.channel).catch(() => undefined);
      if (connectedOnce) for (const handler of this.reconnectHandlers) handler();
      connectedOnce = true;
    });
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

  /**
   * Fire and forget: an event lost while Redis is down is caught up by `onReconnect`. Dropped at
   * once while Redis does not answer, so that nothing piles up meanwhile.
   */
  publish<K extends keyof ClusterEvents>(type: K, payload: ClusterEvents[K]): void {
    if (!redisAnswers(this.pub)) return;
    this.pub.publish(this.channel, JSON.stringify({ from: this.instanceId, type, payload })).catch(() => undefined);
  }

  /** For /readyz: answers within half a second, or fails. */
  async ping(): Promise<void> {
    await withinTimeout(this.pub.ping());
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
