/** Who may create which API token. */

import { isIsoDate } from '../../../shared/dueDates.ts';
import { AppError, badRequest } from '../http/appError.ts';
import { instantOf } from '../meetings/meetingInput.ts';
import type { User } from '../users/userStore.ts';
import type { Scope } from './apiTokenStore.ts';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 366;
/**
 * Live tokens (neither revoked nor expired) a person may hold at once. Each token is a session
 * row; a script or a stolen session could otherwise add them without end. Revoking one makes room.
 */
export const MAX_LIVE_TOKENS = 50;
/** Creations a minute per person (the route's own rate limit, tighter than the global one). */
export const TOKEN_CREATIONS_PER_MINUTE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

export function checkScopes(user: User, scopes: readonly Scope[]): void {
  if (scopes.includes('admin') && user.role !== 'secretariat') {
    throw new AppError('TOKEN_SCOPE', 'Only the secretariat may create a token with the admin scope.');
  }
}

/** Refuses a new token while the person holds MAX_LIVE_TOKENS live ones. */
export function checkLiveCount(live: number): void {
  if (live >= MAX_LIVE_TOKENS) {
    throw new AppError(
      'TOKEN_LIMIT',
      `You already have ${MAX_LIVE_TOKENS} live API tokens, the most allowed; revoke one you no longer use first.`,
      { limit: MAX_LIVE_TOKENS },
    );
  }
}

/**
 * The expiry asked for, checked: in the future and at most a year ahead. Epoch milliseconds, a
 * date (YYYY-MM-DD: the start of that day, UTC) or an instant with its offset, read as the meeting
 * routes read theirs: Date.parse took any text and rolled 2027-02-30 over into 2 March.
 */
export function expiryOf(value: number | string | undefined, now = Date.now()): number {
  if (value === undefined) return now + DEFAULT_TOKEN_DAYS * DAY_MS;
  const at = typeof value === 'number' ? value : isIsoDate(value) ? Date.parse(`${value}T00:00:00Z`) : instantOf(value);
  if (!Number.isFinite(at))
    throw badRequest('expiresAt must be epoch milliseconds, a date (YYYY-MM-DD) or an ISO 8601 instant with Z or an offset.', {
      field: 'expiresAt',
    });
  if (at <= now) throw badRequest('expiresAt must be in the future.', { field: 'expiresAt' });
  if (at > now + MAX_TOKEN_DAYS * DAY_MS)
    throw badRequest(`expiresAt must be at most ${MAX_TOKEN_DAYS} days ahead.`, { field: 'expiresAt' });
  return at;
}
