/**
 * Who may do what with polls.
 *
 * - Every signed-in person sees a meeting's polls and their results as far as they are visible.
 * - The secretariat and the chair create, open, close and delete polls, and see who has voted.
 * - Who votes depends on the poll's audience: everyone signed in; MAG members (and the
 *   secretariat and chair, not observers); or the members of a working group who had joined it
 *   when its election opened (so that nobody joins a group to sway an election already running).
 * - How a person voted is never shown for a secret poll; for a named poll, only once its
 *   results are visible.
 */
import type { BallotRefusalReason } from '../../../shared/auditDetails.ts';
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import type { User } from '../users/userStore.ts';
import type { Poll } from './pollStore.ts';

export interface PollPolicy {
  /** Create, open, close and delete the polls of a meeting; see who has voted. */
  canManage: boolean;
}

export function pollPolicy(user: User): PollPolicy {
  return { canManage: isModerator(user.role) };
}

/** What `notEligibleReason` needs to know of the voter beyond their role. */
export interface VoterStanding {
  /** When they joined the poll's working group (epoch ms); undefined when not a member. */
  joinedGroupAt: number | undefined;
}

/**
 * Why `user` may not vote in `poll`, undefined when they may. The audit log records it beside the
 * refusal's code (`FORBIDDEN`), which says only that they may not.
 */
export function notEligibleReason(
  poll: Poll,
  user: User,
  standing: VoterStanding,
): Extract<BallotRefusalReason, 'members-only' | 'not-in-group' | 'joined-after-opening'> | undefined {
  if (poll.audience === 'everyone') return undefined;
  if (poll.audience === 'members') return isParticipant(user.role) ? undefined : 'members-only';
  if (!poll.workingGroupId || standing.joinedGroupAt === undefined) return 'not-in-group';
  return poll.openedAt === null || standing.joinedGroupAt <= poll.openedAt ? undefined : 'joined-after-opening';
}

/** Why `user` may not vote in `poll`, in words. */
export function notEligibleMessage(poll: Poll): string {
  if (poll.audience === 'members') return 'Only MAG members (and the secretariat and chair) vote in this poll.';
  if (poll.audience === 'group')
    return 'Only members of the working group who had joined it when the election opened vote in it.';
  return 'You may not vote in this poll.';
}
