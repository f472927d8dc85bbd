/**
 * What the interface offers for attachments; the server decides (attachmentPolicy.ts and the
 * meeting guard), this only hides what it would refuse.
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';

/** Members, the chair and the secretariat add files and new versions, unless the meeting is archived. */
export const mayAddAttachments = (user: PublicUser, meeting: MeetingDto): boolean =>
  isParticipant(user.role) && meeting.status !== 'archived';

/** The secretariat, the chair and whoever added it remove an attachment, unless the meeting is archived. */
export const mayRemoveAttachment = (user: PublicUser, meeting: MeetingDto, attachment: { createdBy: string }): boolean =>
  meeting.status !== 'archived' && (isModerator(user.role) || attachment.createdBy === user.id);
