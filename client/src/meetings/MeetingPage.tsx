/** One meeting: its header, the live poll (if any), and its views as tabs (agenda first). */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatMeetingDate, formatViewerStart, intlLocale } from '../../../shared/i18n/format.ts';
import { LivePollBanner } from '../polls/LivePollBanner.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { MeetingRoute, useMeetingContext } from './MeetingContext.tsx';
import { MEETING_TABS } from './meetingTabs.tsx';
import { TabList, TabPanel } from './TabList.tsx';

export function MeetingPage() {
  return (
    <MeetingRoute>
      <MeetingView />
    </MeetingRoute>
  );
}

function MeetingView() {
  const { t, i18n } = useTranslation();
  const { meeting } = useMeetingContext();
  const [search, setSearch] = useSearchParams();
  const selected = MEETING_TABS.find((tab) => tab.id === search.get('tab')) ?? MEETING_TABS[0]!;
  return (
    <article className="page meeting" aria-labelledby="meeting-title">
      <header className="meeting__header">
        <h1 id="meeting-title" dir="auto">
          {meeting.title}
        </h1>
        <p className="meeting__meta">
          {formatMeetingDate(meeting, i18n.language)} · {t(`meetingAdmin.formats.${meeting.format}`)}
          {meeting.place && (
            <>
              {' · '}
              <bdi>{meeting.place}</bdi>
            </>
          )}
          {meeting.startTime &&
            meeting.timeZone &&
            ` · ${t('meetingAdmin.viewerTime', { time: formatViewerStart(meeting, i18n.language) })}`}
        </p>
      </header>
      {meeting.status === 'archived' && (
        <p className="alert alert--info meeting-banner" role="note">
          {t('meetingAdmin.archivedBanner', {
            date: new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'long' }).format(
              new Date(meeting.archivedAt ?? Date.now()),
            ),
          })}
        </p>
      )}
      <ErrorBoundary name="live-poll">
        <LivePollBanner />
      </ErrorBoundary>
      <TabList
        label={t('meeting.views')}
        tabs={MEETING_TABS.map((tab) => ({ id: tab.id, label: t(tab.labelKey) }))}
        selected={selected.id}
        onSelect={(id) => setSearch(id === MEETING_TABS[0]!.id ? {} : { tab: id }, { replace: true })}
      />
      <TabPanel id={selected.id}>
        {/* Tabs other than the agenda load their code when first opened (meetingTabs.tsx). A tab that
            fails leaves the meeting's header and the other tabs working; opening another tab starts it afresh. */}
        <ErrorBoundary name={`tab:${selected.id}`} resetKey={selected.id}>
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <selected.Component />
          </Suspense>
        </ErrorBoundary>
      </TabPanel>
    </article>
  );
}
