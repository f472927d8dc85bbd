/**
 * What every feature's client policy reads of the person and of the meeting. The server decides
 * (each feature's policy for the role, and the meeting guard, which refuses every change to an
 * archived meeting with 409 MEETING_ARCHIVED); these policies only hide what it would refuse, so
 * they take the meeting as well as the person: a control is offered only while the meeting takes changes.
 */
import type { MeetingStatus } from '../../../shared/constants/meetings.ts';
import type { Role } from '../../../shared/roles.ts';

/** The person, as the policies read them (a PublicUser has it). */
export interface PolicyUser {
  id: string;
  role: Role;
}

/** The meeting, as the policies read it: its status as the live document says it now (MeetingContext). */
export interface PolicyMeeting {
  status: MeetingStatus;
}

/** An archived meeting is kept as it was: read, never changed. */
export const takesChanges = (meeting: PolicyMeeting): boolean => meeting.status !== 'archived';

/** Create meetings: the secretariat (the server's mayAdministerMeetings). */
export const canCreateMeetings = (user: PolicyUser): boolean => user.role === 'secretariat';

/** Edit, archive and delete a meeting: the secretariat, until it is archived (it is then kept as it was). */
export const canAdministerMeeting = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  canCreateMeetings(user) && takesChanges(meeting);
