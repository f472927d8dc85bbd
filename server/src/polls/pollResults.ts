/** What a poll's count shows, and when: pure functions of the poll and its ballots. */
import { type PollDto, type PollResults, SECRET_MIN_GROUP_BALLOTS } from '../../../shared/schemas/polls.ts';
import { type CountedBallot, countPoll } from '../../../shared/tally.ts';
import type { Poll } from './pollStore.ts';

export function resultsVisible(poll: Poll): boolean {
  return poll.results === 'live' || poll.status === 'closed';
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
    results.winners = count.winners;
    results.tied = count.tied;
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
