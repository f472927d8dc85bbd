import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { formatDay } from '../ui/formatDate.ts';

/** "25 February 2025, 10:00 UTC" in the reader's language. */
export function formatMeetingDate(meeting: Pick<MeetingDto, 'startsOn' | 'startTime' | 'timezone'>, language: string): string {
  const day = formatDay(meeting.startsOn, language, 'long');
  return meeting.startTime ? `${day}, ${meeting.startTime} ${meeting.timezone}` : day;
}
