/**
 * Who finds what. Search never returns what the person could not open: hidden and deleted
 * comments are not in the index at all, secret ballots are never indexed, and a meeting's rows
 * are returned only to people who may read that meeting. Today that is every signed-in,
 * enabled person for every meeting (the public, signed out, finds nothing); a per-meeting
 * visibility rule belongs here when meetings get one.
 */
import type { Meeting } from '../meetings/meetingStore.ts';
import type { User } from '../users/userStore.ts';

export function canSearchMeeting(user: User | null, meeting: Meeting | undefined): boolean {
  return Boolean(meeting && user && !user.disabled);
}
