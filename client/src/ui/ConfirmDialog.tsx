/**
 * Asks before something that cannot be undone (closing a poll, hiding a comment, restoring a
 * version, deleting, archiving), naming what will happen. The safe choice has the focus first.
 * When what it asks about goes from under it (`outdated`: another chair moved on), it says so
 * and offers only to close, rather than act on something the person did not see. Once confirmed,
 * it stays open until the answer, saying what it is doing (`pendingMessage`): Escape and the safe
 * choice do nothing meanwhile. (An Escape once closed the dialog alone while the move went on,
 * and a chair could take it for cancelled.)
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from './BusyButton.tsx';
import { Dialog } from './Dialog.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in the person's words ("The poll closes and cannot be reopened."). */
  message: string;
  confirmLabel: string;
  /** The safe choice, in the situation's words ("Keep it active"); "Cancel" by default. */
  cancelLabel?: string;
  onConfirm: () => Promise<unknown> | undefined;
  onClose: () => void;
  /** A red button for what destroys or ends something. */
  danger?: boolean;
  /** More of what will happen (a list of consequences), read with the message. */
  children?: ReactNode;
  /**
   * Why the question no longer stands (said in an alert in its place); the dialog then has only
   * a *Close* button, which takes the focus, and shows no error of a confirmation that came too late.
   */
  outdated?: string;
  /**
   * What it says from the confirmation until the answer ("Moving on to item 2…"), in a status line;
   * "Waiting for the answer…" by default.
   */
  pendingMessage?: string;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
  danger = true,
  children,
  outdated,
  pendingMessage,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const messageId = useId();
  const [busy, setBusy] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  // The confirm button may have held the focus: it goes, and the focus with it, out of reach.
  const isOutdated = Boolean(outdated);
  const [error, setError] = useState<string | null>(null);
  // A refusal shown before it went out of date is old news should the question come back.
  useEffect(() => {
    if (!isOutdated) return;
    closeButton.current?.focus();
    setError(null);
  }, [isOutdated]);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  // Nothing can be called back once sent: closing then would only hide that it goes on.
  const close = () => {
    if (!busy) onClose();
  };
  return (
    <Dialog open={open} title={title} onClose={close} dismissable={!busy} alert describedBy={messageId}>
      <div id={messageId} aria-busy={busy || undefined}>
        {outdated ? (
          <p role="alert">{outdated}</p>
        ) : (
          <>
            <p>{message}</p>
            {children}
          </>
        )}
      </div>
      {!outdated && <ErrorAlert message={error} />}
      {/* On the page before it speaks: a live region that comes with its text is often not read. */}
      <p role="status" className="dialog__status">
        {busy ? (pendingMessage ?? t('dialog.pending')) : ''}
      </p>
      <div className="dialog__buttons">
        <BusyButton ref={closeButton} type="button" className="button" busy={busy} onClick={close} autoFocus>
          {outdated ? t('dialog.close') : (cancelLabel ?? t('dialog.cancel'))}
        </BusyButton>
        {!outdated && (
          <BusyButton
            type="button"
            className={danger ? 'button button--danger' : 'button button--primary'}
            busy={busy}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </BusyButton>
        )}
      </div>
    </Dialog>
  );
}
