/**
 * The co-edited agenda, with who is here and the connection state beside it. The document opens
 * (token, socket, the server's copy) as soon as the tab renders, while the editor's code, the
 * largest chunk of the page, is still on its way (issue #15): once it arrives the editor shows the
 * text already received instead of starting the exchange with the server only then.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCollabDocument } from '../collab/useCollabDocument.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';

// firstScreen.ts starts loading the same module with the meeting page's.
const AgendaDocument = lazy(() => import('./AgendaDocument.tsx').then((m) => ({ default: m.AgendaDocument })));

export function AgendaTab() {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const collab = useCollabDocument(meeting.agendaDoc, { userId: user.id });
  if (!collab) return null;
  return (
    <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
      <AgendaDocument collab={collab} />
    </Suspense>
  );
}
