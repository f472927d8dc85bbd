/** Says whether edits reach the others: online, reconnecting or offline, and what is unsent. */
import type { Editor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from '../ui/BusyButton.tsx';
import type { ClosedReason } from './closedReason.ts';
import type { ConnectionState } from './useCollabDocument.ts';

export function ConnectionStatus({
  state,
  unsynced,
  closed = null,
  onReopen,
}: {
  state: ConnectionState;
  unsynced: number;
  /** Why the server closed the connection, said in words (shared/closeEvents.ts). */
  closed?: ClosedReason | null;
  /** Opens the document again once the server has closed it (state `closed`). */
  onReopen?: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [reopening, setReopening] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  // The button stays, busy, until the document is back, so the focus is not dropped on the page
  // meanwhile; then the focus goes to the text, editable again, where the person was writing.
  const left = useRef(false);
  useEffect(() => {
    if (!reopening) return;
    if (state === 'reconnecting' || state === 'connecting') {
      left.current = true;
      return;
    }
    if (state === 'closed' && !left.current) return; // not yet on its way
    setReopening(false);
    left.current = false;
    const focusText = state === 'online' && hadFocus.current;
    hadFocus.current = false;
    if (!focusText) return; // closed again, say: the focus stays on the button, which stays
    const editor = button.current?.closest('.editor');
    // The editor is made editable by its own effect, which runs after this one. Focused through
    // ProseMirror (Tiptap keeps itself on its element), which draws the caret where it holds it,
    // kept across the reopening (editor/keptSelection.ts): the element's own focus() put it at the top.
    setTimeout(() => {
      const text = editor?.querySelector<HTMLElement & { editor?: Editor }>('.ProseMirror');
      if (text?.editor && !text.editor.isDestroyed) text.editor.commands.focus();
      else text?.focus();
    }, 0);
  }, [reopening, state]);
  const reopen = async () => {
    if (!onReopen) return;
    hadFocus.current = document.activeElement === button.current;
    setReopening(true);
    try {
      await onReopen();
    } catch {
      setReopening(false);
    }
  };
  return (
    <>
      <div className={`connection connection--${state}`} role="status" aria-live="polite" data-state={state}>
        <span className="connection__dot" aria-hidden="true" />
        <span className="connection__label">
          {state === 'offline' ? (
            // On a phone the editor's sticky bar says it in a word, to leave the text room.
            <>
              <span className="connection__brief">{t('connection.offlineBrief')}</span>
              <span className="connection__full">{t('connection.offline')}</span>
            </>
          ) : (
            t(`connection.${state}`)
          )}
        </span>
        {closed && !(state === 'denied' && closed === 'forbidden') && (
          <span className="connection__reason">{t(`collab.closed.${closed}`)}</span>
        )}
        {state !== 'denied' && (
          <span className="connection__detail">
            {unsynced > 0 ? t('connection.unsaved', { count: unsynced }) : t('connection.saved')}
          </span>
        )}
      </div>
      {onReopen && (state === 'closed' || reopening) && (
        <div className="connection__reopen">
          <BusyButton ref={button} busy={reopening} className="button" onClick={() => void reopen()}>
            {t('connection.reopen')}
          </BusyButton>
        </div>
      )}
    </>
  );
}
