/** Submitting a proposal: kind, title, summary, and whether observers may comment. */

import { type FormEvent, type KeyboardEventHandler, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProposalDto } from '../../../shared/schemas/proposals.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { ApiError, post } from '../app/api.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { PROPOSAL_DETAIL_FIELDS, type ProposalDetails, ProposalDetailsFields, titleMissing } from './ProposalDetailsFields.tsx';

export function SubmitProposalForm({
  meetingId,
  onCreated,
  onCancel,
  onKeyDown,
}: {
  meetingId: string;
  onCreated: (proposal: ProposalDto) => void;
  onCancel: () => void;
  /** Escape in the form: its opener's hook closes it like Cancel (ui/useInlineForm.ts). */
  onKeyDown?: KeyboardEventHandler<HTMLFormElement>;
}) {
  const { t } = useTranslation();
  const [details, setDetails] = useState<ProposalDetails>({ kind: 'PN', title: '', summary: '', publicComment: false });
  const errors = useFieldErrors(PROPOSAL_DETAIL_FIELDS);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ title: !hasVisibleText(details.title) && titleMissing(t) })) return;
    setSending(true);
    try {
      onCreated(await post<ProposalDto>(`/api/meetings/${encodeURIComponent(meetingId)}/proposals`, details));
    } catch (caught) {
      // A closed call or an archived meeting: say it in the board's words, with the server's details.
      const code = caught instanceof ApiError ? caught.code : '';
      const known =
        code === 'CALL_CLOSED' ? t('calls.closedRefusal') : code === 'MEETING_ARCHIVED' ? t('meetingAdmin.archivedNotice') : '';
      if (known) errors.setFormError(`${known} ${(caught as Error).message}`);
      else errors.fail(caught, { title: titleMissing(t) });
      setSending(false);
    }
  };

  return (
    <form
      className="form panel proposal-form"
      aria-labelledby="new-proposal-title"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <h3 id="new-proposal-title">{t('proposals.submitTitle')}</h3>
      <ProposalDetailsFields details={details} onChange={setDetails} field={errors.field} autoFocus />
      <ErrorAlert message={errors.formError} />
      <div className="proposal-form__actions">
        <BusyButton type="submit" className="button button--primary" busy={sending}>
          {sending ? t('proposals.creating') : t('proposals.create')}
        </BusyButton>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('proposals.cancel')}
        </button>
      </div>
    </form>
  );
}
