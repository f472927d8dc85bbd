/** The Floor tab of a meeting: the speakers' list beside attendance and the audience's questions. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { useSideSheet } from '../ui/useSideSheet.tsx';
import { AttendancePanel } from './AttendancePanel.tsx';
import { FloorPanel } from './FloorPanel.tsx';
import { presentPath } from './floorApi.ts';
import { useLiveAgendaItems } from './liveAgendaItems.ts';
import { QuestionsPanel } from './QuestionsPanel.tsx';
import './floor.css';

export function FloorTab() {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  // The agenda's document, opened once for both panels: each names items as the agenda has them now.
  const items = useLiveAgendaItems();
  // Below the wide breakpoint the side column is hidden: attendance (checking in, the quorum) opens as a sheet from a bar.
  const sheet = useSideSheet('attendance', { label: t('floor.attendance.title'), barLabel: t('floor.sidePanels') });
  return (
    <div className="meeting__layout meeting__layout--sheets floor-tab">
      <div className="meeting__main">
        <p>
          <Link className="button" to={presentPath(meeting.id)}>
            {t('floor.present.open')}
          </Link>
        </p>
        {/* The speakers' list, the questions and attendance fail apart: each keeps the others working. */}
        <ErrorBoundary name="floor">
          <FloorPanel items={items} />
        </ErrorBoundary>
        <ErrorBoundary name="questions">
          <QuestionsPanel items={items} />
        </ErrorBoundary>
      </div>
      <aside className="meeting__side" aria-label={t('floor.sidePanels')} {...sheet.asideProps}>
        {sheet.closeButton}
        <ErrorBoundary name="attendance">
          <AttendancePanel />
        </ErrorBoundary>
      </aside>
      {sheet.bar}
    </div>
  );
}
