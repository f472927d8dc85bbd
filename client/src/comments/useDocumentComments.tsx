/**
 * Comment threads on a collaborative document, for any page that shows one in a
 * CollaborativeEditor (a proposal's body, the agenda): returns the editor extensions (passage
 * highlights, Ctrl+Alt+M), `renderExtras` (which hands this hook the editor) and the sidebar.
 *
 *   const comments = useDocumentComments({ doc, canComment, canResolveAny });
 *   <CollaborativeEditor … extensions={comments.extensions} renderExtras={comments.renderExtras} />
 *   <aside>{comments.sidebar}</aside>
 *
 * Threads come from the meeting's live document (map `threads`), so new comments appear for
 * everyone without a reload; until it is open, from `GET /api/threads`.
 */
import type { AnyExtension, Editor } from '@tiptap/core';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { COMMENT_LIMITS } from '../../../shared/constants/comments.ts';
import type { ThreadDto } from '../../../shared/schemas/comments.ts';
import { canCommentOnAgenda } from '../agenda/agendaPolicy.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import type { Draft } from './CommentsPanel.tsx';
import { anchorOfSelection, anchorRanges, CommentAnchors, type Range, setAnchorsState } from './commentAnchors.ts';
import { commentRights } from './commentPolicy.ts';
import { commentsApi } from './commentsApi.ts';
import './comments.css';

/**
 * The margin (threads, forms, the moderation log) loads once the editor is drawn, not with it: on
 * a slow link its code was 5 KB of the editor's chunk, which is the last thing the meeting page
 * waits for (issue #15, bench S13). The passages' highlights come with the editor (CommentAnchors).
 */
const CommentsPanel = lazy(() => import('./CommentsPanel.tsx').then((module) => ({ default: module.CommentsPanel })));

export interface DocumentCommentsOptions {
  /** The document's name: `agenda:{meetingId}` or `proposal:{proposalId}`. */
  doc: string;
  /** May start threads and reply (the server decides; this only hides what it would refuse). */
  canComment: boolean;
  /** May resolve and reopen any thread of the document. */
  canResolveAny: boolean;
}

export interface DocumentComments {
  extensions: AnyExtension[];
  renderExtras: (editor: Editor) => ReactNode;
  sidebar: ReactNode;
}

function sameRanges(a: Map<string, Range | null>, b: Map<string, Range | null>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, range] of a) {
    const other = b.get(id);
    if (other === undefined || range?.from !== other?.from || range?.to !== other?.to) return false;
  }
  return true;
}

/**
 * Hands the editor to the hook while it is mounted. The editor may already be destroyed: Tiptap's
 * useEditor can render an editor it then replaces (React StrictMode's double effects; the first
 * editor of a mount that came late; the old one when the document changes); `useLiveEditor` sees to that.
 */
function EditorBridge({ editor, onEditor }: { editor: Editor; onEditor: (editor: Editor | null) => void }) {
  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);
  return null;
}

/**
 * The one place that guards against a destroyed editor: the editor handed up, or null once it is
 * destroyed. Its `destroy` event is read as an external store, so React renders again at once
 * (synchronously, before any other update) and checks the snapshot in every render: no render of
 * the comments (the margin's layout, showing a passage, the highlights) gets an editor whose view
 * is gone, where reading `view.dom` throws ("The editor view is not available").
 */
function useLiveEditor(editor: Editor | null): Editor | null {
  const subscribe = useCallback(
    (changed: () => void) => {
      editor?.on('destroy', changed);
      return () => {
        editor?.off('destroy', changed);
      };
    },
    [editor],
  );
  return useSyncExternalStore(subscribe, () => (editor && !editor.isDestroyed ? editor : null));
}

export function useDocumentComments({ doc, canComment: mayComment, canResolveAny }: DocumentCommentsOptions): DocumentComments {
  const { meeting, user, live } = useMeetingContext();
  const rights = commentRights(user, meeting, { canComment: mayComment, canResolveAny });
  const { canComment } = rights;
  const [mounted, setEditor] = useState<Editor | null>(null);
  const editor = useLiveEditor(mounted);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [ranges, setRanges] = useState<Map<string, Range | null>>(new Map());
  const [fetched, setFetched] = useState<ThreadDto[] | null>(null);

  const projected = useLiveMap('threads');
  const liveReady = live?.synced === true;
  const threads = useMemo(
    () => (liveReady ? Object.values(projected) : (fetched ?? [])).filter((thread) => thread.doc === doc),
    [liveReady, projected, fetched, doc],
  );

  const refetch = useCallback(() => {
    commentsApi.threads(doc).then(setFetched, () => {});
  }, [doc]);
  useEffect(refetch, [refetch]);

  const requestComment = useCallback(() => {
    if (!canComment) return;
    const selected = editor ? anchorOfSelection(editor, COMMENT_LIMITS.quote) : null;
    setDraft(
      selected
        ? { anchor: selected.anchor, range: selected.range, quote: selected.anchor.quote }
        : { anchor: null, range: null, quote: '' },
    );
  }, [editor, canComment]);

  // The editor's extension is created once; it reaches the current callbacks through this ref.
  const handlers = useRef({ activate: (_id: string) => {}, request: () => {} });
  handlers.current = { activate: (id) => setActiveId(id), request: requestComment };
  const extensions = useMemo(
    () => [
      CommentAnchors.configure({
        onActivate: (id) => handlers.current.activate(id),
        onCommentRequest: () => handlers.current.request(),
      }),
    ],
    [],
  );

  useEffect(() => {
    if (!editor) return;
    setAnchorsState(editor, {
      threads: threads.flatMap((thread) =>
        thread.anchor ? [{ id: thread.id, anchor: thread.anchor, resolved: thread.resolved }] : [],
      ),
    });
  }, [editor, threads]);
  useEffect(() => {
    if (editor) setAnchorsState(editor, { activeId });
  }, [editor, activeId]);
  useEffect(() => {
    if (editor) setAnchorsState(editor, { pending: draft?.range ?? null });
  }, [editor, draft]);

  // Where each passage is, as the editor follows the text.
  useEffect(() => {
    if (!editor) return;
    const update = () => {
      const next = anchorRanges(editor);
      setRanges((previous) => (sameRanges(previous, next) ? previous : new Map(next)));
    };
    update();
    editor.on('transaction', update);
    return () => {
      editor.off('transaction', update);
    };
  }, [editor]);

  const renderExtras = useCallback((current: Editor) => <EditorBridge editor={current} onEditor={setEditor} />, []);

  const sidebar = (
    <Suspense fallback={null}>
      <CommentsPanel
        threads={threads}
        ranges={ranges}
        editor={editor}
        doc={doc}
        permissions={{ userId: user.id, ...rights }}
        activeId={activeId}
        onActivate={setActiveId}
        draft={draft}
        onDraft={setDraft}
        onRequestComment={requestComment}
        onChanged={() => {
          // The live document brings the change; without it, ask the server.
          if (!liveReady) refetch();
        }}
      />
    </Suspense>
  );

  return { extensions, renderExtras, sidebar };
}

/** Comment threads on the meeting's agenda: secretariat, chair and members comment and resolve; observers read. */
export function useAgendaComments(): DocumentComments {
  const { meeting, user } = useMeetingContext();
  const mayComment = canCommentOnAgenda(user);
  return useDocumentComments({ doc: meeting.agendaDoc, canComment: mayComment, canResolveAny: mayComment });
}
