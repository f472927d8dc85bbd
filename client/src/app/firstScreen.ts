/**
 * What the first screen of a page load needs, started at once, in parallel (issue #15): who is
 * signed in (/api/me), and on a meeting page the meeting itself, the meeting page's code and, for
 * someone signed in, the collaboration tokens of the meeting's two documents (agenda and live).
 * Without this, each waited for the one before: the code for /api/me, /api/me for the meeting
 * page's chunks, the chunks for the meeting; four round trips of 150 ms on a slow mobile link.
 * A signed-out visitor to a meeting link gets the sign-in page as before; the meeting's code,
 * fetched meanwhile, is what they open next. The server names the same reads as preloads in its
 * Link header (server/src/http/clientAssets.ts), so the browser has often asked for them already.
 */
import { agendaDoc, isId, liveDoc } from '../../../shared/documentNames.ts';
import { startEarly } from './earlyRequests.ts';
import { maybeSignedIn } from './signedInHint.ts';

const MEETING_PAGE = /^\/meetings\/([^/]+)\/?$/;

export function startFirstScreen(pathname: string): void {
  // Signed out: the sign-in page needs none of this, and each read would be refused.
  if (!maybeSignedIn()) return;
  const me = startEarly('/api/me');
  const meeting = MEETING_PAGE.exec(pathname);
  if (!meeting) return;
  let meetingId: string;
  try {
    meetingId = decodeURIComponent(meeting[1]!);
  } catch {
    return; // Not a meeting id; the page says so itself.
  }
  // The same path as useMeeting's, so that its first GET takes this answer.
  startEarly(`/api/meetings/${encodeURIComponent(meetingId)}`);
  // The same modules as App's lazy MeetingPage and AgendaTab's lazy editor: their chunks load in
  // parallel now, the page's (small) beside the editor's (the largest), not one after the other.
  // meeting.html has usually started both already, once its own scripts had arrived (vite.config.ts).
  void import('../meetings/MeetingPage.tsx').catch(() => undefined);
  void import('../agenda/AgendaDocument.tsx').catch(() => undefined);
  // For someone signed in, the collaboration socket opens now, while the editor's code loads and
  // renders, so that the documents authenticate on an open socket (one round trip less). Their
  // tokens are asked for now too, as useCollabDocument asks (the same POST takes this answer):
  // otherwise only once the meeting page had rendered, a round trip before the documents could sync.
  me.then(async (response) => {
    if (!response.ok) return;
    // The documents' names follow from the meeting's id (shared/documentNames.ts; the meeting's answer carries the same).
    if (isId(meetingId)) for (const doc of [agendaDoc(meetingId), liveDoc(meetingId)]) startEarly('/api/collab-token', { doc });
    const { sharedSocket } = await import('../collab/socket.ts');
    sharedSocket();
  }).catch(() => undefined);
}
