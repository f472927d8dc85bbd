/** Submitting a proposal: kind, title, summary, and whether observers may comment. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_LIMITS, type ProposalDto, type ProposalKind } from '../../../shared/schemas/proposals.ts';
import { post } from '../app/api.ts';
import { CheckboxField, Field } from '../ui/Field.tsx';
import { ProposalKindField } from './ProposalKindField.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

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
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
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
      setError((caught as Error).message);
      setSending(false);
    }
  };

  return (
    <form className="form panel proposal-form" aria-labelledby="new-proposal-title" onSubmit={submit}>
      <h3 id="new-proposal-title">{t('proposals.submitTitle')}</h3>
      <ProposalKindField value={kind} onChange={setKind} />
      <Field label={t('proposals.fieldTitle')} invalid={Boolean(error)}>
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
      <Field label={t('proposals.fieldSummary')}>
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
      <ErrorAlert message={error} />
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
