/**
 * Who may administer meetings and their calls for proposals (the secretariat only), and who may
 * read a meeting at all.
 */
import type { MeetingVisibility } from '../../../shared/constants/meetings.ts';
import type { Role } from '../../../shared/roles.ts';
import { forbidden, notFound } from '../http/appError.ts';

export function mayAdministerMeetings(role: Role): boolean {
  return role === 'secretariat';
}

export function requireMeetingAdministrator(user: { role: Role }): void {
  if (!mayAdministerMeetings(user.role))
    throw forbidden('Only the secretariat may create, change, archive or delete meetings and calls.');
}

/**
 * Whether a signed-in person may read a meeting and everything in it (its page, documents,
 * exports, polls, working groups, attachments, search results, notifications). Everyone on the
 * board may, except a person whose only access is a registration for a public meeting: they read
 * the public meetings, as anyone can on the public pages, and no `mag` one. The one rule every
 * read path asks (the meeting guard, the collaborative documents, the lists that span meetings).
 */
export function canReadMeeting(user: { publicOnly: boolean }, meeting: { visibility: MeetingVisibility }): boolean {
  return !user.publicOnly || meeting.visibility === 'public';
}

/**
 * The refusal when canReadMeeting says no: the same 404 as a meeting that does not exist, as the
 * public pages answer for a `mag` meeting, so that a registrant cannot learn which ones exist.
 */
export function requireReadableMeeting(user: { publicOnly: boolean }, meeting: { visibility: MeetingVisibility }): void {
  if (!canReadMeeting(user, meeting)) throw notFound('The meeting');
}
