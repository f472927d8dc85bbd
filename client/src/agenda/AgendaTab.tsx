/** The co-edited agenda, with who is here and the connection state beside it. */
import { useTranslation } from 'react-i18next';
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx';
import { PresenceList } from '../collab/PresenceList.tsx';
import { useCollabDocument } from '../collab/useCollabDocument.ts';
import { usePresence } from '../collab/usePresence.ts';
import { useAgendaComments } from '../comments/useDocumentComments.tsx';
import { CollaborativeEditor } from '../editor/CollaborativeEditor.tsx';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { AgendaPanels, useAgendaExtensions } from './AgendaRecord.tsx';

export function AgendaTab() {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const collab = useCollabDocument(meeting.agendaDoc, { userId: user.id });
  const people = usePresence(collab?.provider);
  const agendaExtensions = useAgendaExtensions();
  const comments = useAgendaComments();
  if (!collab) return null;
  // Until the server says otherwise, only roles that may write get an editable editor.
  const editable = !collab.readOnly && user.role !== 'observer' && collab.state !== 'denied';
  return (
    <div className="meeting__layout">
      <section className="meeting__main" aria-labelledby="agenda-title">
        <div className="section-heading">
          <h2 id="agenda-title">{t('meeting.agenda')}</h2>
          <ConnectionStatus state={collab.state} unsynced={collab.unsynced} />
        </div>
        {!editable && collab.state !== 'denied' && (
          <p id="agenda-readonly" className="alert alert--info">
            {t('meeting.readOnlyNotice')}
          </p>
        )}
        {collab.state === 'denied' ? (
          <p role="alert" className="alert alert--error">
            {t('connection.denied')}
          </p>
        ) : (
          <CollaborativeEditor
            doc={collab.doc}
            provider={collab.provider}
            user={user}
            editable={editable}
            label={t('meeting.agendaLabel', { title: meeting.title })}
            describedBy={editable ? undefined : 'agenda-readonly'}
            extensions={[...comments.extensions, ...agendaExtensions]}
            renderExtras={comments.renderExtras}
          />
        )}
      </section>
      <aside className="meeting__side" aria-label={t('meeting.panels')}>
        <PresenceList people={people} selfId={user.id} />
        {collab.state !== 'denied' && <AgendaPanels doc={collab.doc} editable={editable} />}
        {comments.sidebar}
      </aside>
    </div>
  );
}
