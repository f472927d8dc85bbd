/**
 * Caps on open WebSockets: per client address (known at the upgrade) and per person (known once
 * the socket's first document authenticates). One observer account held 3,000 sockets and three
 * addresses 15,000, doubling the server's memory. A socket over either cap is closed with
 * TOO_MANY_SOCKETS. Counted per instance.
 */
import type { WebSocketLike } from '@hocuspocus/server';
import { TOO_MANY_SOCKETS } from './context.ts';

export interface SocketCapLimits {
  perPerson: number;
  perAddress: number;
  /**
   * Sync requests (sync step 1, each answered from the whole document) per person per window,
   * across all their sockets: 100 sockets each under the per-socket limit made the server send
   * 1,400 times what it received.
   */
  syncRequestsPerPerson?: number;
  syncWindowMs?: number;
}

export class SocketCaps {
  private readonly limits: SocketCapLimits;
  private readonly byAddress = new Map<string, number>();
  private readonly byPerson = new Map<string, Set<WebSocketLike>>();
  private readonly personOf = new Map<WebSocketLike, string>();
  private readonly syncSpent = new Map<string, { windowStart: number; count: number }>();

  constructor(limits: SocketCapLimits) {
    this.limits = limits;
  }

  /** At the upgrade: false (and the socket closed) when the address holds as many as allowed. */
  admitAddress(address: string, socket: WebSocketLike): boolean {
    const open = this.byAddress.get(address) ?? 0;
    if (open >= this.limits.perAddress) {
      socket.close(TOO_MANY_SOCKETS.code, TOO_MANY_SOCKETS.reason);
      return false;
    }
    this.byAddress.set(address, open + 1);
    return true;
  }

  /** When a document on the socket authenticates: false (and the socket closed) over the person's cap. */
  admitPerson(userId: string, socket: WebSocketLike): boolean {
    // A socket counts once, for the first person seen on it.
    if (this.personOf.has(socket)) return true;
    const sockets = this.byPerson.get(userId) ?? new Set();
    if (sockets.size >= this.limits.perPerson) {
      socket.close(TOO_MANY_SOCKETS.code, TOO_MANY_SOCKETS.reason);
      return false;
    }
    sockets.add(socket);
    this.byPerson.set(userId, sockets);
    this.personOf.set(socket, userId);
    return true;
  }

  /**
   * Counts a sync request of the socket against its person's budget (sockets not yet
   * authenticated have only their own, per-socket limit). False when over it.
   */
  spendSyncRequest(socket: WebSocketLike): boolean {
    const userId = this.personOf.get(socket);
    const limit = this.limits.syncRequestsPerPerson;
    if (userId === undefined || limit === undefined) return true;
    const now = Date.now();
    let spent = this.syncSpent.get(userId);
    if (!spent || now - spent.windowStart > (this.limits.syncWindowMs ?? 10_000)) {
      spent = { windowStart: now, count: 0 };
      this.syncSpent.set(userId, spent);
    }
    return ++spent.count <= limit;
  }

  /** When the socket closes. */
  release(address: string, socket: WebSocketLike): void {
    const open = (this.byAddress.get(address) ?? 1) - 1;
    if (open > 0) this.byAddress.set(address, open);
    else this.byAddress.delete(address);
    const userId = this.personOf.get(socket);
    if (userId === undefined) return;
    this.personOf.delete(socket);
    const sockets = this.byPerson.get(userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) {
      this.byPerson.delete(userId);
      this.syncSpent.delete(userId);
    }
  }

  /** Open sockets of a person (for tests and metrics). */
  socketsOf(userId: string): number {
    return this.byPerson.get(userId)?.size ?? 0;
  }
}
