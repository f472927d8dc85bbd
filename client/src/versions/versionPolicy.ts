/** What the agenda's version history offers whom: an archived meeting's history is read, never added to. */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Save a named version: participants (the secretariat, the chair and members). */
export const canSaveVersion = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isParticipant(user.role) && takesChanges(meeting);

/** Restore an earlier version: the chair and the secretariat. */
export const canRestoreVersion = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);
