/**
 * What running the agenda offers whom: the chair and the secretariat mark the current item and set
 * the day's end, until the meeting is archived (its run is over: no item is marked current any more).
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

export const canRunAgenda = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);

/** Write the agenda's text: participants (the secretariat, the chair and members); observers read. */
export const canEditAgenda = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isParticipant(user.role) && takesChanges(meeting);

/**
 * The agenda's own rule for its comment threads (the server's commentPolicy.ts): participants start,
 * answer and resolve any thread; observers read. `commentRights` adds the archive.
 */
export const canCommentOnAgenda = (user: PolicyUser): boolean => isParticipant(user.role);
