/** The meeting a request names, or the 404 every feature answers when there is none. */
import { notFound } from '../http/appError.ts';
import type { Meeting, MeetingStore } from './meetingStore.ts';

export async function requireMeeting(meetings: Pick<MeetingStore, 'byId'>, meetingId: string): Promise<Meeting> {
  const meeting = await meetings.byId(meetingId);
  if (!meeting) throw notFound('The meeting');
  return meeting;
}
