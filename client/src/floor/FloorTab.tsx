/** The Floor tab of a meeting: the speakers' list beside attendance and the audience's questions. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { AttendancePanel } from './AttendancePanel.tsx';
import { FloorPanel } from './FloorPanel.tsx';
import { presentPath } from './floorApi.ts';
import { QuestionsPanel } from './QuestionsPanel.tsx';
import './floor.css';

export function FloorTab() {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  return (
    <div className="meeting__layout floor-tab">
      <div className="meeting__main">
        <p>
          <Link className="button" to={presentPath(meeting.id)}>
            {t('floor.present.open')}
          </Link>
        </p>
        {/* The speakers' list, the questions and attendance fail apart: each keeps the others working. */}
        <ErrorBoundary name="floor">
          <FloorPanel />
        </ErrorBoundary>
        <ErrorBoundary name="questions">
          <QuestionsPanel />
        </ErrorBoundary>
      </div>
      <aside className="meeting__side" aria-label={t('floor.sidePanels')}>
        <ErrorBoundary name="attendance">
          <AttendancePanel />
        </ErrorBoundary>
      </aside>
    </div>
  );
}
