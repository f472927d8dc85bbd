/**
 * One comment: who wrote it and when, its body (or that a moderator hid it, by whom and why),
 * and what the reader may do with it: edit or delete their own, hide another's (moderators).
 */

import { type FormEvent, type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_LIMITS } from '../../../shared/constants/comments.ts';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { CommentDto } from '../../../shared/schemas/comments.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFocusWhenGone } from '../ui/focus.ts';
import { CommentForm } from './CommentForm.tsx';
import { CommentText } from './CommentText.tsx';

export interface CommentActions {
  edit: (comment: CommentDto, body: string) => Promise<void>;
  remove: (comment: CommentDto) => Promise<void>;
  hide: (comment: CommentDto, reason: string) => Promise<void>;
}

type Mode = 'view' | 'edit' | 'delete' | 'hide';

export function CommentView({
  comment,
  mayEdit,
  mayDelete,
  mayHide,
  actions,
}: {
  comment: CommentDto;
  mayEdit: boolean;
  mayDelete: boolean;
  mayHide: boolean;
  actions: CommentActions;
}) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<Mode>('view');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setMode('view');
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const hide = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('comments.reasonRequired'));
      return;
    }
    void run(() => actions.hide(comment, reason.trim()));
  };

  // Deleted, the comment leaves its thread with the buttons that held the focus: the focus goes to
  // the thread (when the thread goes too, its own hook has already sent it to the comments' heading).
  const item = useRef<HTMLLIElement>(null);
  useFocusWhenGone(item, 'comments-title', (gone) => gone.closest<HTMLElement>('.thread'));

  // "Delete", "Edit" and "Hide" go while their confirmation or form is open, and that goes once it
  // is done or cancelled: where the focus fell to the page with them, it is put back on purpose.
  // Opening the confirmation gives it to "Cancel", the safe choice (the forms focus their field);
  // closing gives it back to the button that opened it, or to the thread when that is gone too
  // (a hidden comment has no buttons left).
  const previous = useRef<Mode>(mode);
  useLayoutEffect(() => {
    const was = previous.current;
    previous.current = mode;
    const element = item.current;
    if (was === mode || !element) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const target =
      mode === 'delete'
        ? element.querySelector<HTMLElement>('[data-focus="cancel-delete"]')
        : mode === 'view'
          ? (element.querySelector<HTMLElement>(`[data-mode="${was}"]`) ?? element.closest<HTMLElement>('.thread'))
          : null;
    target?.focus();
  }, [mode]);

  // Escape in the delete confirmation or the hide form is its Cancel, and is marked handled so that
  // the comments' sheet around them (ui/useSideSheet.tsx) stays open; the focus goes back to the button.
  const escapeToView = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing) return;
    event.preventDefault();
    setMode('view');
  };

  const reasonId = `reason-${comment.id}`;
  return (
    <li ref={item} className={comment.hidden ? 'comment comment--hidden' : 'comment'} data-comment-id={comment.id}>
      <p className="comment__meta">
        <bdi className="comment__author">{comment.authorName}</bdi>{' '}
        <span className="comment__group">{t(`groups.${comment.authorGroup}`)}</span>{' '}
        <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDateTime(i18n.language, comment.createdAt)}</time>
        {comment.editedAt !== undefined && <span className="comment__edited"> {t('comments.edited')}</span>}
      </p>
      {comment.hidden ? (
        <p className="comment__hidden-note">
          {t('comments.hiddenBy', {
            name: comment.moderation?.byName ?? '',
            reason: comment.moderation?.reason || t('comments.noReason'),
          })}
        </p>
      ) : mode === 'edit' ? (
        <CommentForm
          label={t('comments.editLabel')}
          submitLabel={t('comments.save')}
          initial={{ body: comment.body, mentions: comment.mentions }}
          autoFocus
          onSubmit={(body) => run(() => actions.edit(comment, body))}
          onCancel={() => setMode('view')}
        />
      ) : (
        <p className="comment__body" dir="auto">
          <CommentText body={comment.body} mentions={comment.mentions} />
        </p>
      )}
      {mode === 'delete' && (
        <div className="comment__confirm" role="group" aria-label={t('comments.deleteConfirm')} onKeyDown={escapeToView}>
          <span>{t('comments.deleteConfirm')}</span>
          <BusyButton type="button" className="button" busy={busy} onClick={() => void run(() => actions.remove(comment))}>
            {t('comments.deleteYes')}
          </BusyButton>
          <button type="button" className="button button--quiet" data-focus="cancel-delete" onClick={() => setMode('view')}>
            {t('comments.cancel')}
          </button>
        </div>
      )}
      {mode === 'hide' && (
        <form className="comment__confirm" onSubmit={hide} onKeyDown={escapeToView} noValidate>
          <label htmlFor={reasonId}>{t('comments.reasonLabel')}</label>
          <input
            id={reasonId}
            value={reason}
            maxLength={COMMENT_LIMITS.reason}
            required
            aria-invalid={error ? true : undefined}
            onChange={(event) => setReason(event.target.value)}
            autoFocus
          />
          <BusyButton type="submit" className="button" busy={busy}>
            {t('comments.hide')}
          </BusyButton>
          <button type="button" className="button button--quiet" onClick={() => setMode('view')}>
            {t('comments.cancel')}
          </button>
        </form>
      )}
      <ErrorAlert message={error} />
      {mode === 'view' && !comment.hidden && (mayEdit || mayDelete || mayHide) && (
        <div className="comment__actions">
          {mayEdit && (
            <button
              type="button"
              className="link-button"
              data-mode="edit"
              onClick={() => setMode('edit')}
              aria-label={t('comments.editOf', { name: comment.authorName })}
            >
              {t('comments.edit')}
            </button>
          )}
          {mayDelete && (
            <button
              type="button"
              className="link-button"
              data-mode="delete"
              onClick={() => setMode('delete')}
              aria-label={t('comments.deleteOf', { name: comment.authorName })}
            >
              {t('comments.delete')}
            </button>
          )}
          {mayHide && (
            <button
              type="button"
              className="link-button"
              data-mode="hide"
              onClick={() => setMode('hide')}
              aria-label={t('comments.hideOf', { name: comment.authorName })}
            >
              {t('comments.hide')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
