/** The consultations the signed-in user can see. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeetings } from './useMeeting.ts';
import { formatMeetingDate } from './formatMeetingDate.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

export function MeetingListPage() {
  const { t, i18n } = useTranslation();
  const { data, error } = useMeetings();
  return (
    <section className="page" aria-labelledby="meetings-title">
      <h1 id="meetings-title">{t('meetings.title')}</h1>
      <ErrorAlert message={error && t('app.error', { message: error.message })} />
      {!data && !error && <p role="status">{t('app.loading')}</p>}
      {data?.length === 0 && <p>{t('meetings.empty')}</p>}
      <ul className="card-list">
        {data?.map((meeting) => (
          <li key={meeting.id} className="card">
            <h2 className="card__title">
              <Link to={`/meetings/${meeting.id}`} dir="auto">
                {meeting.title}
              </Link>
            </h2>
            <p className="card__meta">
              {formatMeetingDate(meeting, i18n.language)} · {meeting.form}
            </p>
            <p>{meeting.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
