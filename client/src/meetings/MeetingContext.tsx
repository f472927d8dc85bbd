/**
 * What every part of a meeting page shares: the meeting, the signed-in user, and the meeting's
 * live document (poll tallies, comment threads), opened once, read-only, for the whole page.
 * The meeting's status comes from the live document once it is open (its `meetingStatus` map), so
 * a page left open while the meeting is archived turns read-only without a reload.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LIVE_MEETING_STATUS_MAP } from '../../../shared/constants/meetings.ts';
import type { LiveMapEntry } from '../../../shared/liveMaps.ts';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { ApiError } from '../app/api.ts';
import { useUser } from '../app/session.tsx';
import { type CollabDocument, useCollabDocument } from '../collab/useCollabDocument.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { NotFoundPage } from '../ui/NotFoundPage.tsx';
import { useMeeting } from './useMeeting.ts';

export interface MeetingContextValue {
  /** The meeting as loaded, with its status (`status`, `archivedAt`) as the live document says it now. */
  meeting: MeetingDto;
  user: PublicUser;
  /** The `live:{meetingId}` document; null until it is open. */
  live: CollabDocument | null;
  /**
   * The meeting is archived: the server refuses every change to it (409 MEETING_ARCHIVED), so the
   * tabs show no control that writes; the page's banner says once that it is read-only.
   */
  archived: boolean;
}

const MeetingContext = createContext<MeetingContextValue | null>(null);

export function MeetingProvider({ meeting, user, children }: { meeting: MeetingDto; user: PublicUser; children: ReactNode }) {
  // The live projection is rebuilt by the server at every load; no local copy is kept.
  const live = useCollabDocument(meeting.liveDoc, { userId: user.id, keepOffline: false });
  const status = useLiveStatus(live, meeting.id);
  const current = useMemo(() => (status ? { ...meeting, ...status } : meeting), [meeting, status]);
  const archived = current.status === 'archived';
  return <MeetingContext.Provider value={{ meeting: current, user, live, archived }}>{children}</MeetingContext.Provider>;
}

type LiveStatus = LiveMapEntry<typeof LIVE_MEETING_STATUS_MAP>;

/** The meeting's entry of the live `meetingStatus` map, undefined until the server has written it. */
function useLiveStatus(live: CollabDocument | null, meetingId: string): LiveStatus | undefined {
  const [status, setStatus] = useState<LiveStatus | undefined>(undefined);
  useEffect(() => {
    if (!live) return;
    const map = live.doc.getMap<LiveStatus>(LIVE_MEETING_STATUS_MAP);
    const update = () => {
      const entry = map.get(meetingId);
      // A new object only when something changed, so that the page does not render again for nothing.
      setStatus((before) =>
        entry && (before?.status !== entry.status || before?.archivedAt !== entry.archivedAt) ? entry : before,
      );
    };
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [live?.doc, meetingId]);
  return status;
}

/**
 * A page of the meeting the route names (`:meetingId`): loads it, says it is loading (`loading`,
 * else the usual words) or shows why it failed, then renders `children` inside MeetingProvider.
 */
export function MeetingRoute({ loading, children }: { loading?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const user = useUser();
  const { data: meeting, error } = useMeeting(meetingId);
  if (error instanceof ApiError && error.status === 404) return <MeetingNotFound />;
  if (error) return <ErrorAlert className="page" message={t('app.error', { message: error.message })} />;
  if (!meeting)
    return (
      <p role="status" className="page">
        {loading ?? t('app.loading')}
      </p>
    );
  return (
    <MeetingProvider meeting={meeting} user={user}>
      {children}
    </MeetingProvider>
  );
}

/** A meeting that is not there (or not for this person), named so in the tab too, as a missing proposal or page is. */
function MeetingNotFound() {
  const { t } = useTranslation();
  return <NotFoundPage title={t('meeting.notFound')} back="/" backLabel={t('app.backHome')} />;
}

export function useMeetingContext(): MeetingContextValue {
  const value = useContext(MeetingContext);
  if (!value) throw new Error('useMeetingContext outside a meeting page');
  return value;
}
