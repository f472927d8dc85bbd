/** What polls offer whom (the server's pollPolicy.ts decides): an archived meeting's polls are a record. */
import { isModerator } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Create, open, close and delete polls: the chair and the secretariat. Archiving closed the open ones; a draft left behind stays one. */
export const canManagePolls = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);

/** The poll's controls (the projector view, the CSV, who has voted): the chair and the secretariat, an archived meeting's too. */
export const canOverseePolls = (user: PolicyUser): boolean => isModerator(user.role);
