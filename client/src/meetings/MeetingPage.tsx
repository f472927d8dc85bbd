/** One meeting: its header, the live poll (if any), and its views as tabs (agenda first). */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatMeetingDays, intlLocale } from '../../../shared/i18n/format.ts';
import { LivePollBanner } from '../polls/LivePollBanner.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { MeetingRoute, useMeetingContext } from './MeetingContext.tsx';
import { MEETING_TABS } from './meetingTabs.tsx';
import { TabList, TabPanel } from './TabList.tsx';
import { useMeetingStart } from './useMeetingStart.ts';

export function MeetingPage() {
  return (
    <MeetingRoute>
      <MeetingView />
    </MeetingRoute>
  );
}

function MeetingView() {
  const { t, i18n } = useTranslation();
  const { meeting, archived } = useMeetingContext();
  const [search, setSearch] = useSearchParams();
  const selected = MEETING_TABS.find((tab) => tab.id === search.get('tab')) ?? MEETING_TABS[0]!;
  usePageTitle(meeting.title);
  // Every day of the meeting, as the meeting list says them; the separator before the time is the
  // language's ("، " in Arabic).
  const days = formatMeetingDays(meeting, i18n.language);
  const start = useMeetingStart(meeting);
  const when = start.inZone ? t('meeting.daysAndTime', { days, time: start.inZone }) : days;
  return (
    <article className="page meeting" aria-labelledby="meeting-title">
      <header className="meeting__header">
        <h1 id="meeting-title" dir="auto">
          {meeting.title}
        </h1>
        <p className="meeting__meta">
          {when} · {t(`meetingAdmin.formats.${meeting.format}`)}
          {meeting.place && (
            <>
              {' · '}
              <bdi>{meeting.place}</bdi>
            </>
          )}
          {start.readerStart && ` · ${t('meetingAdmin.viewerTime', { time: start.readerStart })}`}
        </p>
      </header>
      {/* A polite live region, there from the start: a page open while the meeting is archived
          (the live document says so) hears the banner arrive as its writing controls go. */}
      <div role="status">
        {archived && (
          <p className="alert alert--info meeting-banner" role="note">
            {t('meetingAdmin.archivedBanner', {
              date: new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'long' }).format(
                new Date(meeting.archivedAt ?? Date.now()),
              ),
            })}
          </p>
        )}
      </div>
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
