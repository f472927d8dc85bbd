/** When an election of a working group closes, its winners become the group's co-facilitators. */
import type { PollClosedHook } from '../polls/pollStore.ts';
import type { WorkingGroupStore } from './workingGroupStore.ts';

/**
 * The hook runs inside the closing transaction, so the poll's final count and the group's
 * record of it commit together. A tie (single choice) elects nobody: the group keeps its
 * co-facilitators and the secretariat runs a runoff.
 */
export function recordElectionWinners(groups: WorkingGroupStore): PollClosedHook {
  return async (tx, poll, results, actorId) => {
    if (!poll.workingGroupId || !results.winners?.length) return;
    const elected = results.winners
      .map((optionId) => poll.options.find((option) => option.id === optionId)?.userId)
      .filter((userId): userId is string => typeof userId === 'string');
    if (elected.length > 0) await groups.addCoFacilitators(tx, poll.workingGroupId, elected, poll.id, actorId);
  };
}
