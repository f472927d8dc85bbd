/**
 * What working groups offer whom (the server's workingGroupPolicy.ts decides). An archived meeting
 * is kept as it was: its groups show who was in them and who was elected, with no control; an
 * archived group likewise.
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Run elections, appoint and remove co-facilitators, withdraw anyone's nomination: the chair and the secretariat. */
export const canModerateGroup = (user: PolicyUser, meeting: PolicyMeeting, group: { archived: boolean }): boolean =>
  isModerator(user.role) && !group.archived && takesChanges(meeting);

/** Rename, describe, archive the group, add sub-groups, assign named roles: the secretariat. */
export const canAdministerGroup = (user: PolicyUser, meeting: PolicyMeeting, group: { archived: boolean }): boolean =>
  user.role === 'secretariat' && !group.archived && takesChanges(meeting);

/**
 * Whether the card offers joining or leaving at all (the role then says which: an observer follows
 * without joining). An archived group takes no new member, but its members may still leave it.
 */
export const offersMembership = (meeting: PolicyMeeting, group: { archived: boolean }, member: boolean): boolean =>
  takesChanges(meeting) && (!group.archived || member);

/** Join and leave groups, nominate: participants (the secretariat, the chair and members); observers follow. */
export const canTakePart = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isParticipant(user.role) && takesChanges(meeting);

/** Whether a group takes nominations at all: not in an archived group, nor on an archived meeting. */
export const takesNominations = (meeting: PolicyMeeting, group: { archived: boolean }): boolean =>
  !group.archived && takesChanges(meeting);

/** Withdraw a nomination: the nominee, who nominated them, and the chair and the secretariat (the server's canWithdrawNomination). */
export const canWithdrawNomination = (
  user: PolicyUser,
  meeting: PolicyMeeting,
  group: { archived: boolean },
  nomination: { nominee: { id: string }; nominatedBy: { id: string } },
): boolean =>
  takesNominations(meeting, group) &&
  (nomination.nominee.id === user.id || nomination.nominatedBy.id === user.id || isModerator(user.role));

/** Create groups: the secretariat, while the meeting takes changes. */
export const canCreateGroups = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  user.role === 'secretariat' && takesChanges(meeting);
