/**
 * Who finds what. Search never returns what the person could not open: hidden and deleted
 * comments are not in the index at all, secret ballots are never indexed, and a meeting's rows
 * are returned only to people who may read that meeting (canReadMeeting: every signed-in,
 * enabled person for every meeting, but a public registrant only for the public ones; the
 * public, signed out, finds nothing).
 */
import { canReadMeeting } from '../meetings/meetingPolicy.ts';
import type { Meeting } from '../meetings/meetingStore.ts';
import type { User } from '../users/userStore.ts';

export function canSearchMeeting(user: User | null, meeting: Meeting | undefined): boolean {
  return Boolean(meeting && user && !user.disabled && canReadMeeting(user, meeting));
}
