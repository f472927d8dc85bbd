/** The meeting a request names, or the 404 every poll and working-group route answers without it. */
import { notFound } from '../http/appError.ts';
import type { Meeting } from '../meetings/meetingStore.ts';
import type { Store } from '../storage/store.ts';

export async function requireMeeting(store: Store, meetingId: string): Promise<Meeting> {
  const meeting = await store.meetings.byId(meetingId);
  if (!meeting) throw notFound('The meeting');
  return meeting;
}
