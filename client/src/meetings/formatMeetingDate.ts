import { formatDay, isolate } from '../../../shared/i18n/format.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';

/** "25 February 2025, 10:00 UTC" in the reader's language; the time and zone isolated, so they read in order on an RTL page. */
export function formatMeetingDate(meeting: Pick<MeetingDto, 'startsOn' | 'startTime' | 'timezone'>, language: string): string {
  const day = formatDay(language, meeting.startsOn);
  return meeting.startTime ? `${day}, ${isolate(`${meeting.startTime} ${meeting.timezone}`)}` : day;
}

/** How far `zone` is ahead of UTC at the instant `at`, in milliseconds. */
function zoneOffset(at: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - at;
}

/** The instant of a wall-clock date and time in an IANA zone (twice corrected, for days the clocks change). */
export function zonedInstant(date: string, time: string, zone: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  try {
    const first = wall - zoneOffset(wall, zone);
    return wall - zoneOffset(first, zone);
  } catch {
    return wall;
  }
}

/** "17–18 February 2025" (or one day), in the reader's language; dates are the meeting's own days. */
export function formatMeetingDays(meeting: Pick<MeetingDto, 'startsOn' | 'endsOn'>, language: string): string {
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  const start = new Date(`${meeting.startsOn}T00:00:00Z`);
  if (!meeting.endsOn || meeting.endsOn === meeting.startsOn) return format.format(start);
  return format.formatRange(start, new Date(`${meeting.endsOn}T00:00:00Z`));
}

/** The start in the reader's own time zone, when the meeting has a start time; null otherwise. */
export function formatViewerStart(
  meeting: Pick<MeetingDto, 'startsOn' | 'startTime' | 'timeZone'>,
  language: string,
): string | null {
  if (!meeting.startTime) return null;
  const at = zonedInstant(meeting.startsOn, meeting.startTime, meeting.timeZone);
  // dateStyle and timeStyle cannot be combined with timeZoneName: spell the parts out.
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(at));
}
