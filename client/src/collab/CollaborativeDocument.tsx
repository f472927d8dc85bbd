/**
 * A collaborative document laid out on a page: its heading, the read-only notice for those who
 * may not write, the editor with the connection state in its sticky bar (or why the server
 * refused it); its comments in the margin; and the tools (who is here now and the page's own) in
 * a switchable, collapsible column. Below the wide breakpoint, comments and tools are sheets opened from a bar.
 */
import type { AnyExtension } from '@tiptap/core';
import type { Editor } from '@tiptap/react';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import { CollaborativeEditor } from '../editor/CollaborativeEditor.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { type Tool, ToolPanel, useToolsCollapsed } from '../ui/ToolPanel.tsx';
import { useSheets } from '../ui/useSideSheet.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { type MarginSheet, MarginSheetContext } from './marginSheet.ts';
import { PresenceList } from './PresenceList.tsx';
import type { CollabDocument } from './useCollabDocument.ts';
import { usePresence } from './usePresence.ts';

/**
 * Whether the editor is editable: the page's rule for this person, and, until the server says
 * otherwise, neither a read-only nor a refused connection, nor one the server closed (what is typed
 * then would go nowhere until the document is opened again).
 */
export function isEditable(collab: CollabDocument, mayWrite: boolean): boolean {
  return !collab.readOnly && mayWrite && collab.state !== 'denied' && collab.state !== 'closed';
}

export interface CollaborativeDocumentProps {
  collab: CollabDocument;
  user: PublicUser;
  editable: boolean;
  /** Prefix of the heading's id (`{idPrefix}-title`) and the read-only notice's (`{idPrefix}-readonly`). */
  idPrefix: string;
  title: string;
  readOnlyNotice: string;
  /** Shown between the heading and the text (the agenda says there which time zone its times are in). */
  intro?: ReactNode;
  /** Accessible name of the editing area. */
  label: string;
  /** Accessible name of the tools column. */
  sidebarLabel: string;
  /** Accessible name of the comments margin. */
  marginLabel?: string;
  extensions?: AnyExtension[];
  renderExtras?: (editor: Editor) => ReactNode;
  /** Shown below the document, in the main column. */
  children?: ReactNode;
  /** The page's tools, after who is here now. */
  tools?: Tool[];
  /** The comments, in the margin beside the text. */
  margin?: ReactNode;
}

export function CollaborativeDocument({
  collab,
  user,
  editable,
  idPrefix,
  title,
  readOnlyNotice,
  intro,
  label,
  sidebarLabel,
  extensions,
  renderExtras,
  children,
  tools = [],
  margin,
  marginLabel,
}: CollaborativeDocumentProps) {
  const { t } = useTranslation();
  const people = usePresence(collab.provider);
  const [collapsed, setCollapsed] = useToolsCollapsed();
  // One status, the page's only announcement of the connection (role="status"): in the editor's
  // sticky bar, so that someone typing far down a long document still sees that they are offline
  // and what the server has not confirmed (it sat beside the heading and scrolled away).
  const status = (
    <ConnectionStatus state={collab.state} unsynced={collab.unsynced} closed={collab.closed} onReopen={collab.reopen} />
  );
  const titleId = `${idPrefix}-title`;
  const noticeId = `${idPrefix}-readonly`;
  const allTools: Tool[] = [
    { id: 'presence', label: t('presence.title'), content: <PresenceList people={people} selfId={user.id} /> },
    ...tools,
  ];

  const sheets = useSheets(
    [
      ...(margin ? [{ id: 'margin' as const, label: marginLabel ?? t('comments.title') }] : []),
      { id: 'tools' as const, label: t('tools.title') },
    ],
    sidebarLabel,
  );
  const marginSheet = useMemo<MarginSheet>(
    () => ({ hidden: !sheets.wide && sheets.shown !== 'margin', show: () => sheets.show('margin') }),
    [sheets.wide, sheets.shown, sheets.show],
  );

  const layout = [
    'meeting__layout',
    'meeting__layout--sheets',
    margin ? '' : 'meeting__layout--no-margin',
    collapsed ? 'meeting__layout--tools-collapsed' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={layout}>
      <div className="meeting__main">
        <section aria-labelledby={titleId}>
          <h2 id={titleId}>{title}</h2>
          {intro}
          {/* A closed connection says so in the editor's bar, with its Reconnect button. */}
          {!editable && collab.state !== 'denied' && collab.state !== 'closed' && (
            <p id={noticeId} className="alert alert--info">
              {readOnlyNotice}
            </p>
          )}
          {collab.state === 'denied' ? (
            <>
              {status}
              <ErrorAlert message={t('connection.denied')} />
            </>
          ) : (
            // The editor, the comments and the tools fail apart: each keeps the others working.
            <ErrorBoundary name="editor">
              <CollaborativeEditor
                doc={collab.doc}
                provider={collab.provider}
                user={user}
                editable={editable}
                label={label}
                describedBy={editable || collab.state === 'closed' ? undefined : noticeId}
                extensions={extensions}
                renderExtras={renderExtras}
                status={status}
              />
            </ErrorBoundary>
          )}
        </section>
        {children}
      </div>
      {margin && (
        <aside className="meeting__margin" aria-label={marginLabel ?? t('comments.title')} {...sheets.asideProps('margin')}>
          {sheets.closeButton('margin')}
          <MarginSheetContext.Provider value={marginSheet}>
            <ErrorBoundary name="comments">{margin}</ErrorBoundary>
          </MarginSheetContext.Provider>
        </aside>
      )}
      <aside className="meeting__side" aria-labelledby="tools-title" {...sheets.asideProps('tools')}>
        <ToolPanel
          tools={allTools}
          collapsible={sheets.wide}
          collapsed={collapsed}
          onCollapsedChange={setCollapsed}
          headingId="tools-title"
          closeButton={sheets.closeButton('tools')}
        />
      </aside>
      {sheets.bar}
    </div>
  );
}
