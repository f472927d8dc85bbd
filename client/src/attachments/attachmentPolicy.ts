/**
 * What attachments offer whom (the server's attachmentPolicy.ts and the meeting guard decide): an
 * archived meeting's files are a record, read and downloaded, never added to, replaced or removed.
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Add files and new versions: participants (the secretariat, the chair and members); observers read and download. */
export const canAddAttachments = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isParticipant(user.role) && takesChanges(meeting);

/** Remove an attachment: the secretariat, the chair and whoever added it. */
export const canRemoveAttachment = (user: PolicyUser, meeting: PolicyMeeting, attachment: { createdBy: string }): boolean =>
  (isModerator(user.role) || attachment.createdBy === user.id) && takesChanges(meeting);
