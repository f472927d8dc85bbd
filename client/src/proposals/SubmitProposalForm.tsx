/** Submitting a proposal: kind, title, summary, and whether observers may comment. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_LIMITS, type ProposalKind } from '../../../shared/constants/proposals.ts';
import type { ProposalDto } from '../../../shared/schemas/proposals.ts';
import { ApiError, post } from '../app/api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { CheckboxField, Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { ProposalKindField } from './ProposalKindField.tsx';

export function SubmitProposalForm({
  meetingId,
  onCreated,
  onCancel,
}: {
  meetingId: string;
  onCreated: (proposal: ProposalDto) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ProposalKind>('PN');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [publicComment, setPublicComment] = useState(false);
  const errors = useFieldErrors(['kind', 'title', 'summary'] as const);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const words = { title: t('form.required', { field: t('proposals.fieldTitle') }) };
    if (!errors.check({ title: !title.trim() && words.title })) return;
    setSending(true);
    try {
      onCreated(
        await post<ProposalDto>(`/api/meetings/${encodeURIComponent(meetingId)}/proposals`, {
          kind,
          title,
          summary,
          publicComment,
        }),
      );
    } catch (caught) {
      // A closed call or an archived meeting: say it in the board's words, with the server's details.
      const code = caught instanceof ApiError ? caught.code : '';
      const known =
        code === 'CALL_CLOSED' ? t('calls.closedRefusal') : code === 'MEETING_ARCHIVED' ? t('meetingAdmin.archivedNotice') : '';
      if (known) errors.setFormError(`${known} ${(caught as Error).message}`);
      else errors.fail(caught, words);
      setSending(false);
    }
  };

  return (
    <form className="form panel proposal-form" aria-labelledby="new-proposal-title" onSubmit={submit} noValidate>
      <h3 id="new-proposal-title">{t('proposals.submitTitle')}</h3>
      <ProposalKindField value={kind} onChange={setKind} {...errors.field('kind')} />
      <Field label={t('proposals.fieldTitle')} {...errors.field('title')}>
        {(control) => (
          <input
            {...control}
            required
            maxLength={PROPOSAL_LIMITS.title}
            value={title}
            autoFocus
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('proposals.fieldSummary')} {...errors.field('summary')}>
        {(control) => (
          <textarea
            {...control}
            rows={4}
            maxLength={PROPOSAL_LIMITS.summary}
            value={summary}
            onChange={(event) => setSummary(event.target.value)}
          />
        )}
      </Field>
      <CheckboxField label={t('proposals.fieldPublic')} checked={publicComment} onChange={setPublicComment} />
      <ErrorAlert message={errors.formError} />
      <div className="proposal-form__actions">
        <button type="submit" className="button button--primary" disabled={sending}>
          {sending ? t('proposals.creating') : t('proposals.create')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('proposals.cancel')}
        </button>
      </div>
    </form>
  );
}
