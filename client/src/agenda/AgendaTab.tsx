/** The co-edited agenda, with who is here and the connection state beside it. */
import { useTranslation } from 'react-i18next';
import { CollaborativeDocument, isEditable } from '../collab/CollaborativeDocument.tsx';
import { useCollabDocument } from '../collab/useCollabDocument.ts';
import { useAgendaComments } from '../comments/useDocumentComments.tsx';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useAgendaExtensions, useAgendaTools } from './AgendaRecord.tsx';

export function AgendaTab() {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const collab = useCollabDocument(meeting.agendaDoc, { userId: user.id });
  const agendaExtensions = useAgendaExtensions();
  const comments = useAgendaComments();
  // Until the server says otherwise, only roles that may write get an editable editor.
  // An archived meeting is read-only for everyone; a participant the server makes read-only is reading an archived one.
  const archived = meeting.status === 'archived' || (collab?.readOnly === true && user.role !== 'observer');
  const editable = collab ? isEditable(collab, user.role !== 'observer' && meeting.status !== 'archived') : false;
  const tools = useAgendaTools(collab && collab.state !== 'denied' ? collab.doc : null, editable);
  if (!collab) return null;
  return (
    <CollaborativeDocument
      collab={collab}
      user={user}
      editable={editable}
      idPrefix="agenda"
      title={t('meeting.agenda')}
      readOnlyNotice={archived ? t('meetingAdmin.archivedNotice') : t('meeting.readOnlyNotice')}
      label={t('meeting.agendaLabel', { title: meeting.title })}
      sidebarLabel={t('meeting.panels')}
      extensions={[...comments.extensions, ...agendaExtensions]}
      renderExtras={comments.renderExtras}
      tools={tools}
      margin={comments.sidebar}
    />
  );
}
