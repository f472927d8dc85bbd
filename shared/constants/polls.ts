/**
 * Constants and plain types of shared/schemas/polls.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */

/** The map of `live:{meetingId}` that holds the meeting's polls, by poll id (without POLL_COUNT_FIELDS). */
export const LIVE_POLLS_MAP = 'polls';

/**
 * The map of `live:{meetingId}` that holds each poll's counts, by poll id: the fields of the poll
 * that move with every ballot (POLL_COUNT_FIELDS). Kept apart from the poll's definition so that a
 * tally sent to thousands of viewers while a vote goes on is about a hundred bytes, not the whole poll.
 */
export const LIVE_POLL_COUNTS_MAP = 'pollCounts';

/** The fields of a poll that the live document keeps in LIVE_POLL_COUNTS_MAP, not in LIVE_POLLS_MAP. */
export const POLL_COUNT_FIELDS = ['ballots', 'tally', 'byGroup', 'rounds', 'quota'] as const;

export const POLL_KINDS = ['single', 'multiple', 'ranked'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/**
 * Whether a poll elects (its options are candidates, or it is a ranked count) or, like an ordinary
 * poll, has the options with most votes: its winners are "elected" or "most votes" on the board, on
 * the public pages and in the results CSV.
 */
export function pollElects(poll: { kind: PollKind; options: readonly { userId?: string | null }[] }): boolean {
  return poll.kind === 'ranked' || poll.options.some((option) => Boolean(option.userId));
}

/**
 * Who may vote: `members` (secretariat, chair, members), `everyone` signed in (observers too),
 * or `group`: the members of the poll's working group who had joined it when the poll opened.
 */
export const POLL_AUDIENCES = ['members', 'everyone', 'group'] as const;
export type PollAudience = (typeof POLL_AUDIENCES)[number];

export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** `live`: the tally moves as ballots arrive; `after-close`: only the number of ballots until the poll closes. */
export const RESULT_VISIBILITIES = ['live', 'after-close'] as const;
export type ResultVisibility = (typeof RESULT_VISIBILITIES)[number];

/** Limits of a poll. */
export const POLL_LIMITS = { question: 500, label: 200, minOptions: 2, maxOptions: 30 } as const;

/**
 * Per-group rows of a secret poll never cover fewer ballots than this (smaller groups are merged
 * into an `other` row; see `groupBreakdown` in shared/tally.ts).
 */
export const SECRET_MIN_GROUP_BALLOTS = 3;
