/** What polls offer whom (the server's pollPolicy.ts decides): an archived meeting's polls are a record. */
import { isModerator } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Create polls: the chair and the secretariat. */
export const canManagePolls = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);
