/**
 * Says once, beside the agenda and in the day view, which time zone the agenda's times are in and,
 * when the reader's clock differs, which zone is theirs: the times themselves carry no zone.
 */
import { useTranslation } from 'react-i18next';
import { formatMeetingZone, formatZoneName, isolate, meetingOpening, readerTimeZone } from '../../../shared/i18n/format.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { readerClockDiffers } from './meetingClock.ts';

export function MeetingZoneNote() {
  const { t, i18n } = useTranslation();
  const { meeting } = useMeetingContext();
  const opening = meetingOpening(meeting);
  const zone = formatMeetingZone(meeting, i18n.language);
  const reader = readerClockDiffers(meeting, opening) ? formatZoneName(i18n.language, readerTimeZone(), opening) : null;
  return (
    <p className="zone-note">
      {t('agendaItems.zoneNote', { zone: zone.name, id: isolate(zone.id) })}
      {reader && ` ${t('agendaItems.readerZone', { zone: reader.name, id: isolate(reader.id) })}`}
    </p>
  );
}
