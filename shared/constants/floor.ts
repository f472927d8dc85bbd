/**
 * Constants and plain types of shared/schemas/floor.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */
import { STAKEHOLDER_GROUPS } from '../roles.ts';

/**
 * Keys of the `floor` map of `live:{meetingId}`:
 * - `speaking`: the turn running now (SpeakingSchema) or absent;
 * - `item:{itemId}`: an agenda item's list (FloorItemSchema); `item:` alone when no item is current;
 * - `day`: the balance of the day (DayBalanceSchema);
 * - `meta`: MetaSchema (pending questions, in all and per item; whether questions need approval; default limit).
 */
export const LIVE_FLOOR_MAP = 'floor';

/** The `questions` map: per question id, the question as everyone may see it (approved ones only). */
export const LIVE_QUESTIONS_MAP = 'questions';

export const FLOOR_LIMITS = { minSeconds: 10, maxSeconds: 3600, defaultSeconds: 180, question: 500, reason: 500 } as const;

/** Seconds before the end of a turn when screens warn, for a turn of a minute or more. */
export const FLOOR_WARNING_SECONDS = 30;

/**
 * When a turn of `limitSeconds` warns: 30 seconds before its end, or half-way through a shorter
 * turn (a 15 s turn warns at 7 s left). At 30 s, a turn of 30 s or less was a warning from its
 * first second, said as "30 seconds left" when fewer were.
 */
export const warningSeconds = (limitSeconds: number): number => Math.min(FLOOR_WARNING_SECONDS, Math.floor(limitSeconds / 2));

export const BALANCE_RULES = ['none', 'least-spoken'] as const;
export type BalanceRule = (typeof BALANCE_RULES)[number];

export type Balance = Record<string, { turns: number; seconds: number }>;

/**
 * Why a person's latest hand on an item left the list: `removed` by the chair or secretariat,
 * `lowered` by the person (from any of their screens), or `given` the floor.
 */
export const HAND_LEFT_REASONS = ['removed', 'lowered', 'given'] as const;
export type HandLeftReason = (typeof HAND_LEFT_REASONS)[number];

export const ATTENDANCE_MODES = ['room', 'online'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** Every group with zero turns: a table shows groups that have not spoken too. */
export function emptyBalance(): Balance {
  return Object.fromEntries(STAKEHOLDER_GROUPS.map((group) => [group, { turns: 0, seconds: 0 }]));
}

/** Orders questions as every screen shows them: most votes first, then oldest first. */
export function byVotes(
  a: { votes: number; createdAt: number; id: string },
  b: { votes: number; createdAt: number; id: string },
): number {
  return b.votes - a.votes || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
