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
  /**
   * Bytes of sync answers per person per second, across all their sockets, and how many may go
   * out at once (a token bucket): five observers' 100 sockets each asking every 2 s for an 870 KB
   * document were within the request budget and still made the server send 35-42 MB a second.
   */
  syncReplyBytesPerSecond?: number;
  syncReplyBurstBytes?: number;
}

/** A person's sync reply bytes: what may still go out (negative: owed), as of `at`. */
interface ByteBucket {
  bytes: number;
  at: number;
}

export class SocketCaps {
  private readonly limits: SocketCapLimits;
  private readonly byAddress = new Map<string, number>();
  private readonly byPerson = new Map<string, Set<WebSocketLike>>();
  private readonly personOf = new Map<WebSocketLike, string>();
  private readonly syncSpent = new Map<string, { windowStart: number; count: number }>();
  private readonly replyBytes = new Map<string, ByteBucket>();
  /**
   * People without a socket whose bucket was not full: theirs is kept until it has refilled, so
   * that closing every socket and opening new ones does not refill it.
   */
  private readonly departed = new Set<string>();

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
    this.departed.delete(userId);
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

  /**
   * Whether a sync answer may go out on the socket now: its person's bucket of reply bytes is not
   * empty. Call `spendSyncReplyBytes` with the answer's size when it goes. An answer larger than
   * what is left still goes (a document larger than the burst must remain loadable) and leaves the
   * bucket owing, so over time a person gets at most `syncReplyBytesPerSecond`, plus the burst and
   * one answer. Sockets not yet authenticated have no answers (Hocuspocus queues their requests).
   */
  admitSyncReply(socket: WebSocketLike): boolean {
    const bucket = this.bucketOf(socket);
    return bucket === undefined || bucket.bytes > 0;
  }

  /** Counts an answer that went out on the socket against its person's bucket. */
  spendSyncReplyBytes(socket: WebSocketLike, bytes: number): void {
    const bucket = this.bucketOf(socket);
    if (bucket) bucket.bytes -= bytes;
  }

  /** The socket's person's bucket, refilled up to now; undefined without a person or a byte budget. */
  private bucketOf(socket: WebSocketLike): ByteBucket | undefined {
    const userId = this.personOf.get(socket);
    const rate = this.limits.syncReplyBytesPerSecond;
    if (userId === undefined || rate === undefined) return undefined;
    const burst = this.limits.syncReplyBurstBytes ?? rate;
    const now = Date.now();
    let bucket = this.replyBytes.get(userId);
    if (!bucket) {
      bucket = { bytes: burst, at: now };
      this.replyBytes.set(userId, bucket);
    } else {
      bucket.bytes = Math.min(burst, bucket.bytes + ((now - bucket.at) / 1000) * rate);
      bucket.at = now;
    }
    return bucket;
  }

  /** `userId` has closed their last socket: forgets the buckets of the departed that have refilled (they start full anyway). */
  private depart(userId: string): void {
    this.departed.add(userId);
    const rate = this.limits.syncReplyBytesPerSecond ?? 0;
    const burst = this.limits.syncReplyBurstBytes ?? rate;
    const now = Date.now();
    for (const departed of this.departed) {
      const bucket = this.replyBytes.get(departed);
      if (!bucket || bucket.bytes + ((now - bucket.at) / 1000) * rate >= burst) {
        this.replyBytes.delete(departed);
        this.departed.delete(departed);
      }
    }
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
      this.depart(userId);
    }
  }

  /** Open sockets of a person (for tests and metrics). */
  socketsOf(userId: string): number {
    return this.byPerson.get(userId)?.size ?? 0;
  }
}
