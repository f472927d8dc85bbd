/**
 * The agenda's editor, with who is here, the comments and the agenda's panels beside it: the part
 * of the agenda tab that needs the editor's code (Tiptap, ProseMirror), loaded lazily by AgendaTab.
 */
import { useTranslation } from 'react-i18next';
import { CollaborativeDocument, isEditable } from '../collab/CollaborativeDocument.tsx';
import type { CollabDocument } from '../collab/useCollabDocument.ts';
import { useAgendaComments } from '../comments/useDocumentComments.tsx';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { takesChanges } from '../meetings/meetingPolicy.ts';
import { useAgendaExtensions, useAgendaTools } from './AgendaRecord.tsx';
import { canEditAgenda } from './agendaPolicy.ts';
import { MeetingZoneNote } from './MeetingZoneNote.tsx';

export function AgendaDocument({ collab }: { collab: CollabDocument }) {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const agendaExtensions = useAgendaExtensions();
  const comments = useAgendaComments();
  // Until the server says otherwise, only roles that may write get an editable editor.
  // An archived meeting is read-only for everyone; someone who may write the agenda and whom the server
  // makes read-only is reading an archived one (the live status has not come yet).
  const archived = !takesChanges(meeting) || (collab.readOnly && canEditAgenda(user, meeting));
  const editable = isEditable(collab, canEditAgenda(user, meeting));
  const tools = useAgendaTools(collab.state !== 'denied' ? collab.doc : null, editable);
  return (
    <CollaborativeDocument
      collab={collab}
      user={user}
      editable={editable}
      idPrefix="agenda"
      title={t('meeting.agenda')}
      readOnlyNotice={archived ? t('meetingAdmin.archivedNotice') : t('meeting.readOnlyNotice')}
      intro={<MeetingZoneNote />}
      label={t('meeting.agendaLabel', { title: meeting.title })}
      sidebarLabel={t('meeting.panels')}
      extensions={[...comments.extensions, ...agendaExtensions]}
      renderExtras={comments.renderExtras}
      tools={tools}
      margin={comments.sidebar}
    />
  );
}
