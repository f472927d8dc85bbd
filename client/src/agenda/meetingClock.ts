/**
 * The agenda's times are the wall clock of the meeting's place. A member in Tokyo reading a New
 * York meeting needs to know that, and where each time falls on their own clock: these turn the
 * schedule's clock minutes (shared/agendaItems.ts) back into instants the reader's zone can show.
 */
import { readerTimeZone, sameWallClock } from '../../../shared/i18n/format.ts';
import { dateStart, zonedInstant } from '../../../shared/zonedClock.ts';

interface MeetingClock {
  startsOn: string;
  startTime?: string;
  timeZone: string;
}

/** The instant of `minutes` (as the schedule counts them: from the midnight opening day `day`, 1 for the first) in the meeting's zone. */
export function meetingInstant(meeting: MeetingClock, day: number, minutes: number): number {
  const date = dateStart(meeting.startsOn, day - 1);
  return date === null ? Number.NaN : zonedInstant(date, minutes, meeting.timeZone);
}

/** Whether the reader's clock shows another time than the meeting's at `at`: only then are their own times worth giving. */
export function readerClockDiffers(meeting: MeetingClock, at: number): boolean {
  return Number.isFinite(at) && !sameWallClock(at, meeting.timeZone, readerTimeZone());
}
