/**
 * The signed-in user's own ballots, shared by every view of the page (the live banner, the Polls
 * tab): whether they have voted, what they chose (named polls, or what they sent in this page for
 * a secret one: the server never reads a secret ballot back), and the answer to the last cast.
 */

import i18next from 'i18next';
import { useEffect, useSyncExternalStore } from 'react';
import type { BallotResponse } from '../../../shared/schemas/polls.ts';
import { ApiError, get, put } from '../app/api.ts';

export interface BallotState {
  loaded: boolean;
  voted: boolean;
  /** What this ballot says, when known. */
  choices?: string[];
  sending: boolean;
  /** Outcome of the last cast: a message for people. */
  outcome?: { kind: 'accepted' | 'replaced' | 'refused'; message?: string; code?: string };
}

const EMPTY: BallotState = { loaded: false, voted: false, sending: false };
const states = new Map<string, BallotState>();
const listeners = new Set<() => void>();
const loading = new Set<string>();

function set(key: string, next: BallotState): void {
  states.set(key, next);
  for (const listener of listeners) listener();
}

const get_ = (key: string): BallotState => states.get(key) ?? EMPTY;

/** Ballots are kept per user, so that another sign-in in the same tab starts afresh. */
const keyOf = (userId: string, pollId: string) => `${userId}\u0000${pollId}`;

async function load(userId: string, pollId: string): Promise<void> {
  const key = keyOf(userId, pollId);
  if (loading.has(key) || states.get(key)?.loaded) return;
  loading.add(key);
  try {
    const mine = await get<BallotResponse>(`/api/polls/${encodeURIComponent(pollId)}/ballot`);
    const current = get_(key);
    // A cast may have answered meanwhile; it knows better.
    if (!current.loaded)
      set(key, { ...current, loaded: true, voted: mine.voted, ...(mine.choices ? { choices: mine.choices } : {}) });
  } catch {
    // Not fatal: the user can still vote; the answer to the cast says how it went.
  } finally {
    loading.delete(key);
  }
}

/** Casts (or replaces) the ballot; the server decides. */
export async function castBallot(userId: string, pollId: string, choices: string[]): Promise<void> {
  const key = keyOf(userId, pollId);
  const before = get_(key);
  set(key, { ...before, sending: true });
  try {
    const answer = await put<BallotResponse>(`/api/polls/${encodeURIComponent(pollId)}/ballot`, { choices });
    set(key, {
      loaded: true,
      voted: true,
      choices: answer.choices ?? choices,
      sending: false,
      outcome: { kind: answer.replaced ? 'replaced' : 'accepted' },
    });
  } catch (error) {
    const code = error instanceof ApiError ? error.code : undefined;
    // A poll that closed (or is not open yet) says so in the poll's own words.
    const status = error instanceof ApiError ? (error.details as { status?: unknown } | undefined)?.status : undefined;
    const message =
      code === 'NOT_OPEN'
        ? i18next.t(status === 'closed' ? 'polls.ballot.closedRefusal' : 'polls.ballot.notYetRefusal')
        : error instanceof Error
          ? error.message
          : String(error);
    set(key, { ...get_(key), sending: false, outcome: { kind: 'refused', message, ...(code ? { code } : {}) } });
  }
}

/** The user's ballot in a poll, loaded once when the poll is open. */
export function useBallot(userId: string, pollId: string, open: boolean): BallotState {
  const state = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => get_(keyOf(userId, pollId)),
  );
  useEffect(() => {
    if (open) void load(userId, pollId);
  }, [userId, pollId, open]);
  return state;
}
