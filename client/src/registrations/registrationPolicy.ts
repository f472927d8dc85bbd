/** Who sees and changes a public meeting's registrations (the server's registrationService and the meeting guard decide). */
import { isModerator } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** See the registrations and download them: the chair and the secretariat, on an archived meeting too (a reading). */
export const canSeeRegistrations = (user: PolicyUser): boolean => isModerator(user.role);

/** Open and close registration: the chair and the secretariat, until the meeting is archived (the guard refuses it then). */
export const canChangeRegistration = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);
