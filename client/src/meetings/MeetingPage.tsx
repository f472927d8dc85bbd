/** One meeting: its live agenda editor, who is here, and the connection state. */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useUser } from '../app/session.tsx';
import { AgendaPanel } from '../agenda/AgendaPanel.tsx';
import { formatMeetingDate } from './formatMeetingDate.ts';
import { useMeeting } from './useMeeting.ts';

export function MeetingPage() {
  const { t, i18n } = useTranslation();
  const { meetingId = '' } = useParams();
  const user = useUser();
  const { data: meeting, error } = useMeeting(meetingId);

  if (error) return <p role="alert" className="alert alert--error page">{t('app.error', { message: error.message })}</p>;
  if (!meeting) return <p role="status" className="page">{t('app.loading')}</p>;
  return (
    <article className="page meeting" aria-labelledby="meeting-title">
      <header className="meeting__header">
        <h1 id="meeting-title">{meeting.title}</h1>
        <p className="meeting__meta">
          {formatMeetingDate(meeting, i18n.language)} · {meeting.form}
        </p>
      </header>
      <AgendaPanel meeting={meeting} user={user} />
    </article>
  );
}
