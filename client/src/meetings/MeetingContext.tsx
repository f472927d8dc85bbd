/**
 * What every part of a meeting page shares: the meeting, the signed-in user, and the meeting's
 * live document (poll tallies, comment threads), opened once, read-only, for the whole page.
 */
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { useUser } from '../app/session.tsx';
import { type CollabDocument, useCollabDocument } from '../collab/useCollabDocument.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useMeeting } from './useMeeting.ts';

export interface MeetingContextValue {
  meeting: MeetingDto;
  user: PublicUser;
  /** The `live:{meetingId}` document; null until it is open. */
  live: CollabDocument | null;
}

const MeetingContext = createContext<MeetingContextValue | null>(null);

export function MeetingProvider({ meeting, user, children }: { meeting: MeetingDto; user: PublicUser; children: ReactNode }) {
  // The live projection is rebuilt by the server at every load; no local copy is kept.
  const live = useCollabDocument(meeting.liveDoc, { userId: user.id, keepOffline: false });
  return <MeetingContext.Provider value={{ meeting, user, live }}>{children}</MeetingContext.Provider>;
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

export function useMeetingContext(): MeetingContextValue {
  const value = useContext(MeetingContext);
  if (!value) throw new Error('useMeetingContext outside a meeting page');
  return value;
}
