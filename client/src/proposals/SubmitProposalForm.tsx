/** Submitting a proposal: kind, title, summary, and whether observers may comment. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_KINDS, PROPOSAL_LIMITS, type ProposalDto, type ProposalKind } from '../../../shared/schemas/proposals.ts';
import { post } from '../app/api.ts';

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
      onCreated(await post<ProposalDto>(`/api/meetings/${encodeURIComponent(meetingId)}/proposals`, { kind, title, summary, publicComment }));
    } catch (caught) {
      setError((caught as Error).message);
      setSending(false);
    }
  };

  return (
    <form className="form panel proposal-form" aria-labelledby="new-proposal-title" onSubmit={submit}>
      <h3 id="new-proposal-title">{t('proposals.submitTitle')}</h3>
      <div className="form__field">
        <label htmlFor="new-proposal-kind">{t('proposals.kind')}</label>
        <select id="new-proposal-kind" value={kind} onChange={(event) => setKind(event.target.value as ProposalKind)}>
          {PROPOSAL_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`proposals.kinds.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form__field">
        <label htmlFor="new-proposal-title-field">{t('proposals.fieldTitle')}</label>
        <input
          id="new-proposal-title-field"
          required
          maxLength={PROPOSAL_LIMITS.title}
          value={title}
          autoFocus
          aria-invalid={error ? true : undefined}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="form__field">
        <label htmlFor="new-proposal-summary">{t('proposals.fieldSummary')}</label>
        <textarea id="new-proposal-summary" rows={4} maxLength={PROPOSAL_LIMITS.summary} value={summary} onChange={(event) => setSummary(event.target.value)} />
      </div>
      <div className="proposal-form__check">
        <input id="new-proposal-public" type="checkbox" checked={publicComment} onChange={(event) => setPublicComment(event.target.checked)} />
        <label htmlFor="new-proposal-public">{t('proposals.fieldPublic')}</label>
      </div>
      {error && (
        <p role="alert" className="alert alert--error">
          {error}
        </p>
      )}
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
