/**
 * What working groups offer whom (the server's workingGroupPolicy.ts decides). An archived meeting
 * is kept as it was: its groups show who was in them and who was elected, with no control; an
 * archived group likewise.
 */
import { isModerator } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Run elections, appoint and remove co-facilitators, withdraw anyone's nomination: the chair and the secretariat. */
export const canModerateGroup = (user: PolicyUser, meeting: PolicyMeeting, group: { archived: boolean }): boolean =>
  isModerator(user.role) && !group.archived && takesChanges(meeting);

/** Rename, describe, archive the group, add sub-groups, assign named roles: the secretariat. */
export const canAdministerGroup = (user: PolicyUser, meeting: PolicyMeeting, group: { archived: boolean }): boolean =>
  user.role === 'secretariat' && !group.archived && takesChanges(meeting);
