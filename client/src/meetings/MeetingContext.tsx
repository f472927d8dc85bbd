/**
 * What every part of a meeting page shares: the meeting, the signed-in user, and the meeting's
 * live document (poll tallies, comment threads), opened once, read-only, for the whole page.
 */
import { createContext, type ReactNode, useContext } from 'react';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { type CollabDocument, useCollabDocument } from '../collab/useCollabDocument.ts';

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

export function useMeetingContext(): MeetingContextValue {
  const value = useContext(MeetingContext);
  if (!value) throw new Error('useMeetingContext outside a meeting page');
  return value;
}
