/** What the server knows about a WebSocket connection once it has authenticated. */
import type { Access } from './documentAccess.ts';
import type { User } from '../users/userStore.ts';

export interface CollabContext {
  user: User;
  sessionId: string;
  access: Access;
}

/**
 * The transaction origin of every change the server makes itself (loading, projections,
 * restores). `skipStoreHooks`: such changes are already durable elsewhere.
 */
export const SERVER_ORIGIN = { source: 'local', skipStoreHooks: true } as const;
