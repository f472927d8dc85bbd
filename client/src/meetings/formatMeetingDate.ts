import type { MeetingDto } from '../../../shared/schemas/meetings.ts';

/** "25 February 2025, 10:00 UTC" in the reader's language. */
export function formatMeetingDate(meeting: Pick<MeetingDto, 'startsOn' | 'startTime' | 'timezone'>, language: string): string {
  const date = new Date(`${meeting.startsOn}T00:00:00Z`);
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  return meeting.startTime ? `${day}, ${meeting.startTime} ${meeting.timezone}` : day;
}
