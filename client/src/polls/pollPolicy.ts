/** What polls offer whom (the server's pollPolicy.ts decides): an archived meeting's polls are a record. */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import type { PollDto } from '../../../shared/schemas/polls.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Create, open, close and delete polls: the chair and the secretariat. Archiving closed the open ones; a draft left behind stays one. */
export const canManagePolls = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);

/** The poll's controls (the projector view, the CSV, who has voted): the chair and the secretariat, an archived meeting's too. */
export const canOverseePolls = (user: PolicyUser): boolean => isModerator(user.role);

/**
 * Vote in `poll`, as far as the page can tell (the server's canVote): the audience (everyone; the
 * secretariat, the chair and members, not observers), and for a group's election, membership since
 * before the poll opened. Only an open poll takes ballots, and archiving a meeting closes its polls.
 */
export function canVote(
  user: PolicyUser,
  poll: Pick<PollDto, 'audience' | 'workingGroupId' | 'openedAt'>,
  groups: Record<string, { members: { id: string; joinedAt: number }[] }>,
): boolean {
  if (poll.audience === 'everyone') return true;
  if (poll.audience === 'members') return isParticipant(user.role);
  const group = poll.workingGroupId ? groups[poll.workingGroupId] : undefined;
  const member = group?.members.find((entry) => entry.id === user.id);
  return !!member && (poll.openedAt === undefined || member.joinedAt <= poll.openedAt);
}
