/**
 * Closes the sockets of people who may no longer use them: every few seconds, the sessions
 * behind this instance's open connections are checked against the store, so that a sign-out,
 * a disabled account or a changed role (from any instance, or from the admin CLI) takes effect
 * within seconds. A closed socket reconnects and authenticates again: with a valid session and
 * a new role it gets the new rights; without, nothing.
 */

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Hocuspocus } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import type { Store } from '../storage/store.ts';
import type { CollabContext } from './context.ts';

export const ACCESS_SWEEP_MS = 2_000;
/**
 * Sessions checked per event-loop turn. On SQLite a query runs synchronously: 5,000 sessions
 * looked up in one turn held every socket and request for 10-20 ms every two seconds (S7).
 */
const SESSIONS_PER_TURN = 200;

export class AccessSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly collab: Hocuspocus;
  private readonly store: Store;
  private readonly log: FastifyBaseLogger;

  constructor(collab: Hocuspocus, store: Store, log: FastifyBaseLogger) {
    this.collab = collab;
    this.store = store;
    this.log = log;
  }

  start(intervalMs = ACCESS_SWEEP_MS): void {
    this.timer = setInterval(() => void this.checkNow(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checks every open connection now (SESSIONS_PER_TURN sessions a turn). */
  checkNow(): Promise<void> {
    this.running ??= this.check()
      .catch((error: unknown) => this.log.warn({ err: error }, 'access sweep failed; will retry'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async check(): Promise<void> {
    const bySession = new Map<string, { context: CollabContext; close: () => void }[]>();
    for (const document of this.collab.documents.values()) {
      for (const connection of document.getConnections()) {
        const context = connection.context as CollabContext;
        if (!context?.sessionId) continue;
        const list = bySession.get(context.sessionId) ?? [];
        list.push({
          context,
          close: () => connection.webSocket.close(CLOSE_EVENTS.unauthorized.code, CLOSE_EVENTS.unauthorized.reason),
        });
        bySession.set(context.sessionId, list);
      }
    }
    if (bySession.size === 0) return;
    const ids = [...bySession.keys()];
    for (let i = 0; i < ids.length; i += SESSIONS_PER_TURN) {
      if (i > 0) await nextTurn();
      const chunk = ids.slice(i, i + SESSIONS_PER_TURN);
      const valid = await this.store.sessions.accessOf(chunk);
      for (const sessionId of chunk) {
        const access = valid.get(sessionId);
        for (const { context, close } of bySession.get(sessionId)!) {
          if (!access || access.disabled || access.role !== context.user.role) close();
        }
      }
    }
  }
}
