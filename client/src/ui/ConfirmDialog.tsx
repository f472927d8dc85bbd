/**
 * Asks before something that cannot be undone (closing a poll, hiding a comment, restoring a
 * version, deleting, archiving), naming what will happen. The safe choice has the focus first.
 */
import { type ReactNode, useId, useState } from 'react';
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
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const messageId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
  return (
    <Dialog open={open} title={title} onClose={onClose} alert describedBy={messageId}>
      <div id={messageId}>
        <p>{message}</p>
        {children}
      </div>
      <ErrorAlert message={error} />
      <div className="dialog__buttons">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {cancelLabel ?? t('dialog.cancel')}
        </button>
        <BusyButton
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          busy={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </BusyButton>
      </div>
    </Dialog>
  );
}
