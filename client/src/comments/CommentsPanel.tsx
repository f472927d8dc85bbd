/**
 * The threads sidebar of a document: "Comment" on the selected passage (or on a passage named by
 * typing it, for people who cannot select with a pointer in a read-only text), the open threads
 * in the order of their passages, the resolved ones folded away, and the moderation log.
 */
import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { findPassage } from '../../../shared/commentAnchors.ts';
import { COMMENT_LIMITS } from '../../../shared/constants/comments.ts';
import type { Anchor, CommentDto, ThreadDto } from '../../../shared/schemas/comments.ts';
import { useMarginSheet } from '../collab/marginSheet.ts';
import { Field } from '../ui/Field.tsx';
import { useMediaQuery, WIDE_LAYOUT } from '../ui/useMediaQuery.ts';
import { CommentForm } from './CommentForm.tsx';
import { anchorOfPassage, type Range } from './commentAnchors.ts';
import { commentsApi } from './commentsApi.ts';
import { ModerationLog } from './ModerationLog.tsx';
import { useMarginLayout } from './marginLayout.ts';
import { type Placement, type ThreadActions, type ThreadPermissions, ThreadView } from './ThreadView.tsx';

/** A thread being started: the passage it is about, if any. */
export interface Draft {
  anchor: Anchor | null;
  range: Range | null;
  quote: string;
}

export interface CommentsPanelProps {
  threads: ThreadDto[];
  ranges: Map<string, Range | null>;
  editor: Editor | null;
  doc: string;
  permissions: ThreadPermissions;
  activeId: string | null;
  onActivate: (threadId: string | null) => void;
  draft: Draft | null;
  onDraft: (draft: Draft | null) => void;
  /** Asks for a comment on the editor's selection. */
  onRequestComment: () => void;
  /** Called after each command, with what the server answered. */
  onChanged: (thread?: ThreadDto) => void;
}

export function CommentsPanel(props: CommentsPanelProps) {
  const { t } = useTranslation();
  const { threads, ranges, editor, doc, permissions, activeId, onActivate, draft, onDraft, onChanged } = props;
  const [status, setStatus] = useState('');
  const articles = useRef(new Map<string, HTMLElement>());
  const openList = useRef<HTMLUListElement>(null);
  const resolvedFold = useRef<HTMLDetailsElement>(null);
  const inMargin = useMediaQuery(WIDE_LAYOUT);

  const placement = (thread: ThreadDto): Placement => {
    if (!thread.anchor) return 'document';
    if (!ranges.has(thread.id)) return 'unknown';
    return ranges.get(thread.id) ? 'attached' : 'detached';
  };
  const position = (thread: ThreadDto) => ranges.get(thread.id)?.from ?? Number.MAX_SAFE_INTEGER;
  const open = threads
    .filter((thread) => !thread.resolved)
    .sort((a, b) => position(a) - position(b) || a.createdAt - b.createdAt);
  const resolved = threads.filter((thread) => thread.resolved);
  useMarginLayout(
    openList,
    editor,
    ranges,
    inMargin,
    open.map((thread) => `${thread.id}:${thread.comments.length}:${thread.id === activeId}`).join(',') + (draft ? ':draft' : ''),
  );

  // A notification's link (`?thread=`) lands on its thread once the thread is there. On a phone the
  // comments are a closed sheet: it opens first, and the focus moves once the thread can take it
  // (focusing it inside the hidden sheet left the focus on the page and the thread unseen).
  // A search result's link names the thread in its hash (`#thread-<id>`), where no element has that
  // id (the thread list arrives with the live document): it lands the same way.
  const [search] = useSearchParams();
  const { hash } = useLocation();
  const linkedThread = search.get('thread') ?? threadOfHash(hash);
  const landed = useRef<string | null>(null);
  const sheet = useMarginSheet();
  // The passages are placed once the editor has read them, and the threads above the linked one
  // then change height and order: the browser's scroll anchoring kept another thread in place and
  // slid the linked one out of the sheet (CI saw it 860 px below the window). While it keeps the
  // focus, it is brought back into view after each such change.
  const layoutKey = open.map((thread) => `${thread.id}:${placement(thread)}`).join(',');
  useEffect(() => {
    if (!linkedThread || landed.current !== linkedThread) return;
    const article = articles.current.get(linkedThread);
    if (article && article === document.activeElement) article.scrollIntoView?.({ block: 'nearest' });
  }, [linkedThread, layoutKey]);
  useEffect(() => {
    if (!linkedThread || landed.current === linkedThread) return;
    const article = articles.current.get(linkedThread);
    if (!article) return;
    if (sheet.hidden) {
      sheet.show();
      return;
    }
    // A resolved thread lies in the folded list, where it can neither take the focus nor be seen:
    // the list unfolds first (it is the reader's to fold again).
    const fold = resolvedFold.current;
    if (fold && !fold.open && fold.contains(article)) fold.open = true;
    landed.current = linkedThread;
    onActivate(linkedThread);
    article.scrollIntoView?.({ block: 'center' });
    article.focus();
  }, [linkedThread, threads, onActivate, sheet]);

  // Ctrl+Alt+M in the text asks for a new thread: on a phone the comments are a closed sheet, where
  // its form could be neither seen nor focused, and what was typed next went into the shared text.
  // Each request (a new draft) opens the sheet; the form's field takes the focus once it is shown
  // (NewThread). Closing the sheet with the form still open changes no draft and leaves it closed.
  useEffect(() => {
    if (draft && sheet.hidden) sheet.show();
  }, [draft]);

  // Once a comment is posted its form closes (a new thread's and a reply's alike), and the focus it
  // held fell to the page's body. It goes to the thread that holds the new comment instead: read out
  // with it, which says the comment is there, and with Reply the next Tab stop to write again.
  const [focusThread, setFocusThread] = useState<string | null>(null);
  useEffect(() => {
    const article = focusThread ? articles.current.get(focusThread) : undefined;
    if (!article) return;
    setFocusThread(null);
    article.focus();
  }, [focusThread, threads]);

  // A passage clicked in the text brings its thread into view.
  useEffect(() => {
    if (activeId) articles.current.get(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const after = (message: string, thread?: ThreadDto) => {
    setStatus(message);
    onChanged(thread);
  };

  const actions: ThreadActions = {
    reply: async (thread, body) => {
      await commentsApi.reply(thread.id, body);
      after(t('comments.replied'));
      setFocusThread(thread.id);
    },
    setResolved: async (thread, value) => {
      const updated = value ? await commentsApi.resolve(thread.id) : await commentsApi.reopen(thread.id);
      after(value ? t('comments.resolvedStatus') : t('comments.reopenedStatus'), updated);
    },
    showPassage: (thread) => {
      const range = ranges.get(thread.id);
      onActivate(thread.id);
      if (!editor || !range) return;
      editor.commands.setTextSelection(range);
      editor.view.dom.querySelector(`[data-thread-id="${CSS.escape(thread.id)}"]`)?.scrollIntoView?.({ block: 'center' });
      if (editor.isEditable) editor.commands.focus();
    },
    edit: async (comment: CommentDto, body: string) => {
      await commentsApi.edit(comment.id, body);
      after(t('comments.saved'));
    },
    remove: async (comment: CommentDto) => {
      await commentsApi.remove(comment.id);
      after(t('comments.deleted'));
    },
    hide: async (comment: CommentDto, reason: string) => {
      await commentsApi.remove(comment.id, reason);
      after(t('comments.hidden'));
    },
  };

  const renderThread = (thread: ThreadDto) => (
    <li key={thread.id} data-thread-id={thread.id}>
      <ThreadView
        ref={(element) => {
          if (element) articles.current.set(thread.id, element);
          else articles.current.delete(thread.id);
        }}
        thread={thread}
        placement={placement(thread)}
        active={thread.id === activeId}
        permissions={permissions}
        actions={actions}
      />
    </li>
  );

  return (
    <section className="panel comments" aria-labelledby="comments-title">
      {/* Takes the focus when a thread goes with the control that held it (its last comment deleted). */}
      <h2 id="comments-title" className="panel__title" tabIndex={-1}>
        {t('comments.title')} <span className="panel__count">({t('comments.openCount', { count: open.length })})</span>
      </h2>
      {permissions.canComment ? (
        <>
          <p id="comments-how" className="comments__hint">
            {t('comments.how')}
          </p>
          {!draft && (
            <button
              type="button"
              className="button button--primary"
              aria-describedby="comments-how"
              onClick={props.onRequestComment}
            >
              {t('comments.comment')}
            </button>
          )}
        </>
      ) : (
        <p className="comments__hint">{t('comments.readOnly')}</p>
      )}
      {draft && (
        <NewThread
          draft={draft}
          editor={editor}
          onDraft={onDraft}
          shown={!sheet.hidden}
          onPosted={(thread) => {
            onDraft(null);
            onActivate(thread.id);
            after(t('comments.posted'), thread);
            setFocusThread(thread.id);
          }}
          doc={doc}
        />
      )}
      <p role="status" className="sr-only">
        {status}
      </p>
      {open.length === 0 && !draft && <p className="comments__empty">{t('comments.none')}</p>}
      <ul className="comments__threads comments__threads--open" ref={openList}>
        {open.map(renderThread)}
      </ul>
      {resolved.length > 0 && (
        <details className="comments__resolved" ref={resolvedFold}>
          <summary>{t('comments.resolvedCount', { count: resolved.length })}</summary>
          <ul className="comments__threads">{resolved.map(renderThread)}</ul>
        </details>
      )}
      <ModerationLog />
    </section>
  );
}

/** The thread a `#thread-<id>` hash names, if it names one. */
function threadOfHash(hash: string): string | null {
  const match = /^#thread-(.+)$/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

function NewThread({
  draft,
  editor,
  doc,
  onDraft,
  onPosted,
  shown,
}: {
  draft: Draft;
  editor: Editor | null;
  doc: string;
  /** The form can be seen (false while the comments are a closed sheet, where it takes no focus). */
  shown: boolean;
  onDraft: (draft: Draft | null) => void;
  onPosted: (thread: ThreadDto) => void;
}) {
  const { t } = useTranslation();
  const [passage, setPassage] = useState(draft.quote);
  const chosen = useRef<Anchor | null>(draft.anchor);
  // A new selection while the form is open (Ctrl+Alt+M again) replaces the passage.
  useEffect(() => {
    setPassage(draft.quote);
    chosen.current = draft.anchor;
  }, [draft.anchor, draft.quote]);

  // The passage as typed: found in the text (and highlighted), or refused.
  const locate = (): string | null => {
    const typed = passage.trim();
    if (typed === draft.quote.trim()) {
      chosen.current = draft.anchor;
      return null;
    }
    if (!typed) {
      chosen.current = null;
      return null;
    }
    const range = editor ? findPassage(editor.state.doc, typed) : null;
    const found = editor && range ? anchorOfPassage(editor, range, COMMENT_LIMITS.quote) : null;
    if (!found) return t('comments.passageNotFound');
    chosen.current = found.anchor;
    onDraft({ anchor: found.anchor, range: found.range, quote: typed });
    return null;
  };

  return (
    <div className="comments__new">
      <CommentForm
        label={t('comments.newLabel')}
        submitLabel={t('comments.post')}
        autoFocus={shown}
        validate={locate}
        onSubmit={async (body) => {
          const thread = await commentsApi.startThread(doc, body, chosen.current ?? undefined);
          onPosted(thread);
        }}
        onCancel={() => onDraft(null)}
      >
        <Field
          label={t('comments.passage')}
          hint={t('comments.passageHint')}
          limit={{ length: passage.length, max: COMMENT_LIMITS.quote }}
        >
          {(control) => (
            <textarea
              {...control}
              className="comments__passage"
              rows={2}
              value={passage}
              maxLength={COMMENT_LIMITS.quote}
              onChange={(event) => setPassage(event.target.value)}
            />
          )}
        </Field>
      </CommentForm>
    </div>
  );
}
