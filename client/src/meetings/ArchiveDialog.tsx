/**
 * The confirmation before archiving a meeting: a modal dialog (focus moves into it, Escape
 * cancels) that names what archiving does, with the safe choice focused first.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';

export function ArchiveDialog({
  meeting,
  busy,
  onConfirm,
  onClose,
}: {
  meeting: MeetingDto;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    cancel.current?.focus();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="archive-dialog" aria-labelledby={titleId} aria-describedby={bodyId} onClose={onClose}>
      <h2 id={titleId}>{t('meetingAdmin.archiveDialog.title', { title: meeting.title })}</h2>
      <div id={bodyId}>
        <p>{t('meetingAdmin.archiveDialog.body')}</p>
        <ul>
          <li>{t('meetingAdmin.archiveDialog.polls')}</li>
          <li>{t('meetingAdmin.archiveDialog.readOnly')}</li>
          <li>{t('meetingAdmin.archiveDialog.pack')}</li>
        </ul>
        <p>{t('meetingAdmin.archiveDialog.irreversible')}</p>
      </div>
      <div className="meeting-form__actions">
        <button ref={cancel} type="button" className="button" onClick={() => dialog.current?.close()}>
          {t('meetingAdmin.archiveDialog.cancel')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={onConfirm}>
          {t('meetingAdmin.archiveDialog.confirm')}
        </button>
      </div>
    </dialog>
  );
}
