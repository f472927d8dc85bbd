/** What a poll's count shows, and when: pure functions of the poll and its ballots. */
import { pollElects } from '../../../shared/constants/polls.ts';
import { type PollDto, type PollResults, SECRET_MIN_GROUP_BALLOTS } from '../../../shared/schemas/polls.ts';
import { type CountedBallot, countPoll, topOptions } from '../../../shared/tally.ts';
import type { Poll } from './pollStore.ts';

export function resultsVisible(poll: Poll): boolean {
  return poll.results === 'live' || poll.status === 'closed';
}

/**
 * The places a closed poll fills, where a tie matters only if it crosses the last of them: an
 * election's seats; a multiple-choice poll's most choices per ballot when that limits the choice
 * ("up to 2": the two with most votes), else, like a single-choice poll, the one with most votes.
 */
export function placesOf(poll: Pick<Poll, 'kind' | 'options' | 'seats' | 'maxChoices'>): number {
  if (pollElects(poll)) return poll.seats;
  if (poll.kind === 'multiple' && poll.maxChoices !== null && poll.maxChoices < poll.options.length) return poll.maxChoices;
  return 1;
}

/**
 * Who a closed single- or multiple-choice poll puts first. An election elects its places and
 * leaves options tied across the last one in `tied` (nobody is elected there: a runoff decides).
 * An ordinary poll decides nothing by a runoff: every option level with the last place has most
 * votes too, and nothing is `tied`.
 */
export function closedOutcome(
  poll: Pick<Poll, 'kind' | 'options' | 'seats' | 'maxChoices'>,
  tally: Readonly<Record<string, number>>,
): { winners: string[]; tied: string[] } {
  const { winners, tied } = topOptions(
    poll.options.map((option) => option.id),
    tally,
    placesOf(poll),
  );
  return pollElects(poll) ? { winners, tied } : { winners: [...winners, ...tied], tied: [] };
}

/** Counts the ballots and keeps what may be seen now. */
export function resultsOf(poll: Poll, ballots: CountedBallot[]): PollResults {
  const visible = resultsVisible(poll);
  const base: PollResults = { status: poll.status, ballots: ballots.length, resultsVisible: visible };
  if (!visible) return base;
  const count = countPoll({ kind: poll.kind, optionIds: poll.options.map((option) => option.id), seats: poll.seats }, ballots, {
    minGroupBallots: poll.secret ? SECRET_MIN_GROUP_BALLOTS : 1,
  });
  const results: PollResults = { ...base, method: count.method, tally: count.tally };
  if (count.byGroup) results.byGroup = count.byGroup;
  if (count.rounds) results.rounds = count.rounds;
  if (count.quota !== undefined) results.quota = count.quota;
  if (poll.status === 'closed') {
    const outcome = poll.kind === 'ranked' ? count : closedOutcome(poll, count.tally);
    results.winners = outcome.winners;
    results.tied = outcome.tied;
  }
  return results;
}

export function toDto(poll: Poll, results: PollResults): PollDto {
  return {
    id: poll.id,
    meetingId: poll.meetingId,
    question: poll.question,
    kind: poll.kind,
    audience: poll.audience,
    secret: poll.secret,
    results: poll.results,
    ...(poll.maxChoices !== null ? { maxChoices: poll.maxChoices } : {}),
    seats: poll.seats,
    ...(poll.workingGroupId ? { workingGroupId: poll.workingGroupId } : {}),
    options: poll.options.map((option) => ({
      id: option.id,
      label: option.label,
      ...(option.userId ? { userId: option.userId } : {}),
    })),
    createdAt: poll.createdAt,
    ...(poll.openedAt !== null ? { openedAt: poll.openedAt } : {}),
    ...(poll.closedAt !== null ? { closedAt: poll.closedAt } : {}),
    ...results,
  };
}
