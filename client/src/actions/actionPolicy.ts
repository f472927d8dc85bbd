/**
 * What action items offer whom: the rules the server enforces (canCreateActions, canEditAction in
 * shared/constants/actions.ts), while the meeting takes changes (an archived one takes no new action
 * and its actions are no longer edited).
 */
import { canCreateActions, canEditAction } from '../../../shared/constants/actions.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

export const canCreateAction = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  canCreateActions(user.role) && takesChanges(meeting);

export const canChangeAction = (user: PolicyUser, meeting: PolicyMeeting, action: Parameters<typeof canEditAction>[1]): boolean =>
  takesChanges(meeting) && canEditAction(user, action);
