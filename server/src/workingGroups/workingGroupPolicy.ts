/**
 * Who may do what with MAG Working Groups.
 *
 * - Every signed-in person follows the groups (members, co-facilitators, nominations, elections).
 * - Members, the chair and the secretariat join and leave groups and nominate a member of a group
 *   (themselves or another) for co-facilitator; observers follow without joining.
 * - A nomination is withdrawn by the nominee, by who nominated them, or by the secretariat or chair.
 * - The secretariat and the chair run elections and appoint or remove co-facilitators.
 * - The secretariat administers the groups: creates groups and sub-groups, renames, describes and
 *   archives them, and assigns or removes named roles (co-facilitator, liaison).
 * - An archived group is kept for the record: nobody joins it and nothing in it changes (members
 *   may still leave it).
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import type { User } from '../users/userStore.ts';

export interface WorkingGroupPolicy {
  /** Join and leave groups, nominate. */
  canTakePart: boolean;
  /** Run elections, appoint and remove co-facilitators, withdraw anyone's nomination. */
  canModerate: boolean;
  /** Create, rename, describe, archive groups and sub-groups; assign and remove named roles. */
  canAdminister: boolean;
}

export function workingGroupPolicy(user: User): WorkingGroupPolicy {
  return {
    canTakePart: isParticipant(user.role),
    canModerate: isModerator(user.role),
    canAdminister: user.role === 'secretariat',
  };
}

export function canWithdrawNomination(user: User, nomineeId: string, nomination: { nominatedBy: string }): boolean {
  return user.id === nomineeId || user.id === nomination.nominatedBy || workingGroupPolicy(user).canModerate;
}
