/**
 * What running the agenda offers whom: the chair and the secretariat mark the current item and set
 * the day's end, until the meeting is archived (its run is over: no item is marked current any more).
 */
import { isModerator } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

export const canRunAgenda = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);
