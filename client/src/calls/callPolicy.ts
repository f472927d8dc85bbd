/** What calls for proposals offer whom: the secretariat opens and extends them, until the meeting is archived. */
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

export const canManageCalls = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  user.role === 'secretariat' && takesChanges(meeting);
