/** Who may create which API token. */
import type { User } from '../users/userStore.ts';
import { AppError, badRequest } from '../http/appError.ts';
import type { Scope } from './apiTokenStore.ts';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export function checkScopes(user: User, scopes: readonly Scope[]): void {
  if (scopes.includes('admin') && user.role !== 'secretariat') {
    throw new AppError('TOKEN_SCOPE', 'Only the secretariat may create a token with the admin scope.');
  }
}

/** The expiry asked for (epoch ms or ISO date), checked: in the future and at most a year ahead. */
export function expiryOf(value: number | string | undefined, now = Date.now()): number {
  if (value === undefined) return now + DEFAULT_TOKEN_DAYS * DAY_MS;
  const at = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(at)) throw badRequest('expiresAt must be epoch milliseconds or an ISO 8601 date.', { field: 'expiresAt' });
  if (at <= now) throw badRequest('expiresAt must be in the future.', { field: 'expiresAt' });
  if (at > now + MAX_TOKEN_DAYS * DAY_MS)
    throw badRequest(`expiresAt must be at most ${MAX_TOKEN_DAYS} days ahead.`, { field: 'expiresAt' });
  return at;
}
