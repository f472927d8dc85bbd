/**
 * Presence as the server stamps it into awareness: who a cursor belongs to is decided by the
 * server from the session, never taken from what a client claims.
 */
import type { Role } from './roles.ts';

export interface PresenceUser {
  id: string;
  name: string;
  /** A colour with at least 4.5:1 contrast against white, for the caret label. */
  color: string;
  role: Role;
}

/** Dark enough for white text on them (WCAG AA at normal size). */
export const PRESENCE_COLORS = ['#1b5e9e', '#a6192e', '#2e6b30', '#6a1b9a', '#8a4b00', '#00695c', '#ad1457', '#37474f'] as const;

/** A stable colour per user, so someone keeps their colour across reloads and devices. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]!;
}
