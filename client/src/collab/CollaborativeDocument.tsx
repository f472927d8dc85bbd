/**
 * A collaborative document laid out on a page: its heading with the connection state, the
 * read-only notice for those who may not write, the editor (or why the server refused it), and
 * beside it who is here now and the page's own panels.
 */
import type { AnyExtension } from '@tiptap/core';
import type { Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import { CollaborativeEditor } from '../editor/CollaborativeEditor.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { PresenceList } from './PresenceList.tsx';
import type { CollabDocument } from './useCollabDocument.ts';
import { usePresence } from './usePresence.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

/**
 * Whether the editor is editable: the page's rule for this person, and, until the server says
 * otherwise, neither a read-only nor a refused connection.
 */
export function isEditable(collab: CollabDocument, mayWrite: boolean): boolean {
  return !collab.readOnly && mayWrite && collab.state !== 'denied';
}

export interface CollaborativeDocumentProps {
  collab: CollabDocument;
  user: PublicUser;
  editable: boolean;
  /** Prefix of the heading's id (`{idPrefix}-title`) and the read-only notice's (`{idPrefix}-readonly`). */
  idPrefix: string;
  title: string;
  readOnlyNotice: string;
  /** Accessible name of the editing area. */
  label: string;
  /** Accessible name of the side column. */
  sidebarLabel: string;
  extensions?: AnyExtension[];
  renderExtras?: (editor: Editor) => ReactNode;
  /** Shown below the document, in the main column. */
  children?: ReactNode;
  /** Panels shown below the list of who is here now. */
  sidebar?: ReactNode;
}

export function CollaborativeDocument({
  collab,
  user,
  editable,
  idPrefix,
  title,
  readOnlyNotice,
  label,
  sidebarLabel,
  extensions,
  renderExtras,
  children,
  sidebar,
}: CollaborativeDocumentProps) {
  const { t } = useTranslation();
  const people = usePresence(collab.provider);
  const titleId = `${idPrefix}-title`;
  const noticeId = `${idPrefix}-readonly`;
  return (
    <div className="meeting__layout">
      <div className="meeting__main">
        <section aria-labelledby={titleId}>
          <div className="section-heading">
            <h2 id={titleId}>{title}</h2>
            <ConnectionStatus state={collab.state} unsynced={collab.unsynced} closed={collab.closed} />
          </div>
          {!editable && collab.state !== 'denied' && (
            <p id={noticeId} className="alert alert--info">
              {readOnlyNotice}
            </p>
          )}
          {collab.state === 'denied' ? (
            <ErrorAlert message={t('connection.denied')} />
          ) : (
            <CollaborativeEditor
              doc={collab.doc}
              provider={collab.provider}
              user={user}
              editable={editable}
              label={label}
              describedBy={editable ? undefined : noticeId}
              extensions={extensions}
              renderExtras={renderExtras}
            />
          )}
        </section>
        {children}
      </div>
      <aside className="meeting__side" aria-label={sidebarLabel}>
        <PresenceList people={people} selfId={user.id} />
        {sidebar}
      </aside>
    </div>
  );
}
