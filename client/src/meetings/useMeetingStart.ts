/**
 * A meeting's start as its header and its card in the list say it: on the meeting's own clock, that
 * clock named in words in the reader's language with its IANA name for precision, as the agenda's
 * note names it ("10:00 Eastern Time (America/New_York)"), and on the reader's own clock only when
 * it shows another time (a reader in the meeting's zone would read the same time twice).
 */
import { useTranslation } from 'react-i18next';
import { formatMeetingZone, formatViewerStart, isolate, type MeetingTimes, meetingOpening } from '../../../shared/i18n/format.ts';
import { readerClockDiffers } from '../agenda/meetingClock.ts';

export function useMeetingStart(meeting: MeetingTimes): { inZone: string | null; readerStart: string | null } {
  const { t, i18n } = useTranslation();
  if (!meeting.startTime) return { inZone: null, readerStart: null };
  const zone = formatMeetingZone(meeting, i18n.language);
  // The time and the IANA name isolated, so that each reads in order inside a right-to-left sentence.
  const inZone = t('meeting.timeInZone', { time: isolate(meeting.startTime), zone: zone.name, id: isolate(zone.id) });
  const differs = readerClockDiffers(meeting, meetingOpening(meeting));
  return { inZone, readerStart: differs ? formatViewerStart(meeting, i18n.language) : null };
}
