/**
 * One thread: the passage it is about (or that the passage was deleted, with the quote it had),
 * its comments, a reply, and resolve or reopen.
 */
import { forwardRef, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentDto, ThreadDto } from '../../../shared/schemas/comments.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFocusWhenGone } from '../ui/focus.ts';
import { CommentForm } from './CommentForm.tsx';
import { type CommentActions, CommentView } from './CommentView.tsx';

/**
 * Where a thread's passage is: in the text, deleted, none (a comment on the whole document), or
 * not known yet (the text is still loading).
 */
export type Placement = 'attached' | 'detached' | 'document' | 'unknown';

export interface ThreadPermissions {
  userId: string;
  canComment: boolean;
  canResolve: boolean;
  isModerator: boolean;
  /** The meeting is archived: not even one's own comment may be deleted. */
  archived: boolean;
}

export interface ThreadActions extends CommentActions {
  reply: (thread: ThreadDto, body: string) => Promise<void>;
  setResolved: (thread: ThreadDto, resolved: boolean) => Promise<void>;
  showPassage: (thread: ThreadDto) => void;
}

export const ThreadView = forwardRef<
  HTMLElement,
  {
    thread: ThreadDto;
    placement: Placement;
    active: boolean;
    permissions: ThreadPermissions;
    actions: ThreadActions;
  }
>(function ThreadView({ thread, placement, active, permissions, actions }, ref) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `thread-${thread.id}-title`;
  const starter = thread.comments[0];
  const mayResolve = permissions.canResolve || (thread.createdBy === permissions.userId && permissions.canComment);
  // The thread goes with its last comment deleted (and moves between the open and the resolved
  // list, drawn anew, when resolved or reopened): the focus goes to the comments' heading, not to
  // the page. This runs before a comment's own hook (a parent's cleanup comes first), which then
  // finds the focus gone from it and leaves it there.
  const own = useRef<HTMLElement | null>(null);
  useFocusWhenGone(own, 'comments-title');

  const toggleResolved = async () => {
    setError(null);
    try {
      await actions.setResolved(thread, !thread.resolved);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };

  const may = (comment: CommentDto) => {
    const own = comment.authorId === permissions.userId;
    return {
      mayEdit: own && permissions.canComment && !comment.hidden,
      mayDelete: own && !permissions.archived,
      mayHide: !own && permissions.isModerator && !comment.hidden,
    };
  };

  return (
    <article
      ref={(element) => {
        own.current = element;
        if (typeof ref === 'function') ref(element);
        else if (ref) ref.current = element;
      }}
      className={['thread', active ? 'thread--active' : '', thread.resolved ? 'thread--resolved' : ''].join(' ').trim()}
      aria-labelledby={headingId}
      data-thread-id={thread.id}
      data-placement={placement}
      tabIndex={-1}
    >
      <h3 id={headingId} className="thread__title">
        {t('comments.threadBy', { name: starter?.authorName ?? '' })}
        {thread.resolved && <span className="thread__badge"> {t('comments.resolved')}</span>}
      </h3>
      {thread.anchor && (
        <blockquote className="thread__quote" data-placement={placement}>
          {thread.anchor.quote}
        </blockquote>
      )}
      {placement === 'detached' && <p className="thread__detached">{t('comments.detached')}</p>}
      {placement === 'document' && <p className="thread__note">{t('comments.onDocument')}</p>}
      {placement === 'attached' && (
        <button type="button" className="link-button" onClick={() => actions.showPassage(thread)}>
          {t('comments.showPassage')}
        </button>
      )}
      <ol className="thread__comments" aria-label={t('comments.commentsOf', { name: starter?.authorName ?? '' })}>
        {thread.comments.map((comment) => (
          <CommentView key={comment.id} comment={comment} actions={actions} {...may(comment)} />
        ))}
      </ol>
      <ErrorAlert message={error} />
      <div className="thread__actions">
        {permissions.canComment && !thread.resolved && !replying && (
          <button type="button" className="button" onClick={() => setReplying(true)}>
            {t('comments.reply')}
          </button>
        )}
        {mayResolve && (
          <button type="button" className="button button--quiet" onClick={() => void toggleResolved()}>
            {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        )}
      </div>
      {replying && (
        <CommentForm
          label={t('comments.replyLabel')}
          submitLabel={t('comments.sendReply')}
          autoFocus
          onSubmit={async (body) => {
            await actions.reply(thread, body);
            setReplying(false);
          }}
          onCancel={() => setReplying(false)}
        />
      )}
    </article>
  );
});
