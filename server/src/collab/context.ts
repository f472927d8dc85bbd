/** What the server knows about a WebSocket connection once it has authenticated. */

import type { WebSocketLike } from '@hocuspocus/server';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import type { User } from '../users/userStore.ts';

/** What a connection may do with its document (documentAccess.ts decides it). */
export type Access = 'write' | 'read';

/** Known from the upgrade, before any document is authenticated. */
export interface SocketContext {
  /** The whole socket (every document on it), for closing it when the store is unavailable. */
  socket: WebSocketLike;
  /** The credential allows reading only (a read-scoped API token on /yjs): every document is read-only. */
  readOnly?: boolean;
  /** Counts the socket against its person's cap once known; false when over it (the socket is closed). */
  admitPerson?: (userId: string) => boolean;
  /**
   * The person's budget of sync answer bytes across their sockets (socketCaps.ts): `admit` says
   * whether an answer may go out now (false: the socket is closed, as for too many sync
   * requests); `spent` counts one that went out.
   */
  syncReplies?: { admit(): boolean; spent(bytes: number): void };
  /** Awareness frames received before their document connection was established (earlyAwareness.ts). */
  earlyAwareness?: HeldAwareness;
}

/** What the hooks do with the awareness a socket sent before its document connection was established. */
export interface HeldAwareness {
  /** The document connection is established: handle them now. */
  release(documentName: string): void;
  /** The document was refused: forget them. */
  drop(documentName: string): void;
}

export interface CollabContext extends SocketContext {
  user: User;
  sessionId: string;
  access: Access;
}

/**
 * The transaction origin of every change the server makes itself (loading, projections,
 * restores). `skipStoreHooks`: such changes are already durable elsewhere.
 */
export const SERVER_ORIGIN = { source: 'local', skipStoreHooks: true } as const;

/**
 * Close code for "the store is unavailable, come back soon" (RFC 6455 1013, Try Again Later).
 * The whole socket closes so that the provider reconnects by itself, with backoff, and sends
 * its unacknowledged edits again once the store answers.
 */
export const TRY_AGAIN_LATER = CLOSE_EVENTS.tryAgainLater;
/** Close code for a socket over the cap of open sockets per person or per address (socketCaps.ts). */
export const TOO_MANY_SOCKETS = CLOSE_EVENTS.tooManySockets;
