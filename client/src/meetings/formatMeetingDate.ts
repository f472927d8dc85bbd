import { formatDay, isolate } from '../../../shared/i18n/format.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';

/** "25 February 2025, 10:00 UTC" in the reader's language; the time and zone isolated, so they read in order on an RTL page. */
export function formatMeetingDate(meeting: Pick<MeetingDto, 'startsOn' | 'startTime' | 'timezone'>, language: string): string {
  const day = formatDay(language, meeting.startsOn);
  return meeting.startTime ? `${day}, ${isolate(`${meeting.startTime} ${meeting.timezone}`)}` : day;
}
