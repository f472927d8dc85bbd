/**
 * The roles a group's open elections fill. Each waits for its vote: the server refuses it with
 * ELECTION_OPEN (`electionDecides`, shared with the server), so the forms take it away and say why.
 */
import type { ElectionRole } from '../../../shared/constants/workingGroups.ts';
import type { WorkingGroupDto } from '../../../shared/schemas/workingGroups.ts';
import { usePolls } from '../polls/usePolls.ts';

export function useOpenElectionRoles(group: WorkingGroupDto): ElectionRole[] {
  const polls = usePolls();
  // The role is the group's (fixed when the election is made); whether it is open, the poll's (live).
  const open = new Set(polls.filter((poll) => poll.status === 'open').map((poll) => poll.id));
  return group.electionRoles
    .filter((election) => open.has(election.pollId))
    .map((election) => ({ role: election.role, title: election.title ?? '' }));
}
