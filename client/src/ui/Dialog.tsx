/**
 * A modal dialog on the native <dialog> element: showModal() gives the focus trap, Escape to
 * close and the inert page behind it; focus returns to what opened it. Used where a form needs
 * room (an agenda item's details) and to confirm what cannot be undone (ConfirmDialog).
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { focusWhenThere } from './focus.ts';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** role="alertdialog" for a confirmation. */
  alert?: boolean;
  describedBy?: string;
  /**
   * The id of what takes the focus back when the element that opened the dialog has left the page
   * meanwhile (a row drawn again elsewhere, as an agenda item moved to another day), through
   * `focusWhenThere`: it may be drawn again only after the dialog has closed.
   */
  returnFocusTo?: string;
  /**
   * False while it must stay (a confirmation waiting for its answer): Escape then does nothing. Its
   * keydown is cancelled too, since Chromium closes a dialog on a second Escape whatever its cancel
   * event says.
   */
  dismissable?: boolean;
}

export function Dialog({
  open,
  title,
  onClose,
  children,
  alert = false,
  describedBy,
  returnFocusTo,
  dismissable = true,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      return () => {
        if (dialog.open) dialog.close();
        if (opener?.isConnected) opener.focus();
        else if (returnFocusTo) focusWhenThere(returnFocusTo);
      };
    }
    return undefined;
  }, [open, returnFocusTo]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className="dialog"
      role={alert ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !dismissable) event.preventDefault();
      }}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissable) onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
