/**
 * The Proposals board of a meeting: every proposal with its kind, status, submitter's
 * stakeholder group and comment count, filters, and the form to submit one. Statuses and counts
 * follow the live document, so the board moves without a reload.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PROPOSAL_KINDS, PROPOSAL_STATUSES } from '../../../shared/constants/proposals.ts';
import { STAKEHOLDER_GROUPS } from '../../../shared/roles.ts';
import type { ProposalDto } from '../../../shared/schemas/proposals.ts';
import { CallsPanel } from '../calls/CallsPanel.tsx';
import { canManageCalls } from '../calls/callPolicy.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { useLoad } from '../meetings/useMeeting.ts';
import { Field } from '../ui/Field.tsx';
import { useInlineForm } from '../ui/useInlineForm.ts';
import { canSubmitProposal } from './proposalPolicy.ts';
import { SubmitProposalForm } from './SubmitProposalForm.tsx';
import { statusKey } from './statusKey.ts';
import './proposals.css';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

interface Filters {
  kind: string;
  status: string;
  group: string;
  words: string;
}

const NO_FILTERS: Filters = { kind: '', status: '', group: '', words: '' };

/** The proposals as loaded, updated by the live projection. */
export function useMeetingProposals(): { proposals: ProposalDto[]; error: Error | undefined; loading: boolean } {
  const { meeting } = useMeetingContext();
  const { data, error } = useLoad<ProposalDto[]>(`/api/meetings/${encodeURIComponent(meeting.id)}/proposals`);
  const live = useLiveMap('proposals');
  const proposals = useMemo(() => {
    const byId = new Map((data ?? []).map((proposal) => [proposal.id, proposal]));
    for (const [id, proposal] of Object.entries(live)) {
      const loaded = byId.get(id);
      if (!loaded || proposal.updatedAt >= loaded.updatedAt) byId.set(id, proposal);
    }
    return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }, [data, live]);
  return { proposals, error, loading: data === undefined && !error };
}

export function ProposalsTab() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { meeting, user } = useMeetingContext();
  const { proposals, error, loading } = useMeetingProposals();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // Cancelled, the focus goes back to "Submit a proposal"; created, the proposal's page opens.
  const submitForm = useInlineForm();

  const words = filters.words.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const shown = proposals.filter(
    (proposal) =>
      (!filters.kind || proposal.kind === filters.kind) &&
      (!filters.status || proposal.status === filters.status) &&
      (!filters.group || proposal.submitter.group === filters.group) &&
      words.every((word) => `${proposal.title}\n${proposal.summary}`.toLocaleLowerCase().includes(word)),
  );
  const set = (key: keyof Filters) => (value: string) => setFilters((current) => ({ ...current, [key]: value }));

  return (
    <section className="proposals" aria-labelledby="proposals-title">
      <div className="section-heading">
        <h2 id="proposals-title">{t('proposals.title')}</h2>
        {canSubmitProposal(user, meeting) && !submitForm.open && (
          <button ref={submitForm.opener} type="button" className="button button--primary" onClick={submitForm.show}>
            {t('proposals.submit')}
          </button>
        )}
      </div>
      <p className="proposals__intro">{t('proposals.intro')}</p>
      <CallsPanel meetingId={meeting.id} mayManage={canManageCalls(user, meeting)} />
      {submitForm.open && (
        <SubmitProposalForm
          meetingId={meeting.id}
          onCreated={(proposal) =>
            navigate(`/meetings/${encodeURIComponent(meeting.id)}/proposals/${encodeURIComponent(proposal.id)}`)
          }
          onCancel={() => submitForm.close()}
          onKeyDown={submitForm.onKeyDown}
        />
      )}
      <form
        className="proposal-filters"
        role="search"
        aria-label={t('proposals.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <FilterSelect
          id="filter-kind"
          label={t('proposals.filterKind')}
          value={filters.kind}
          onChange={set('kind')}
          options={PROPOSAL_KINDS.map((kind) => [kind, t(`proposals.kinds.${kind}`)])}
        />
        <FilterSelect
          id="filter-status"
          label={t('proposals.filterStatus')}
          value={filters.status}
          onChange={set('status')}
          options={PROPOSAL_STATUSES.map((status) => [status, t(`proposals.statuses.${statusKey(status)}`)])}
        />
        <FilterSelect
          id="filter-group"
          label={t('proposals.filterGroup')}
          value={filters.group}
          onChange={set('group')}
          options={STAKEHOLDER_GROUPS.map((group) => [group, t(`groups.${group}`)])}
        />
        <Field label={t('proposals.filterWords')}>
          {(control) => (
            <input {...control} type="search" value={filters.words} onChange={(event) => set('words')(event.target.value)} />
          )}
        </Field>
        <button type="button" className="button button--quiet" onClick={() => setFilters(NO_FILTERS)}>
          {t('proposals.clearFilters')}
        </button>
      </form>
      <ErrorAlert message={error && t('app.error', { message: error.message })} />
      {loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <p role="status" className="proposals__count">
          {proposals.length === 0 ? t('proposals.empty') : t('proposals.shown', { count: shown.length, total: proposals.length })}
        </p>
      )}
      {proposals.length > 0 && shown.length === 0 && <p>{t('proposals.none')}</p>}
      <ul className="card-list proposals__list">
        {shown.map((proposal) => (
          <ProposalCard key={proposal.id} proposal={proposal} meetingId={meeting.id} />
        ))}
      </ul>
    </section>
  );
}

function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label} id={id}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('proposals.any')}</option>
          {options.map(([optionValue, optionLabel]) => (
            <option key={optionValue} value={optionValue}>
              {optionLabel}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ProposalCard({ proposal, meetingId }: { proposal: ProposalDto; meetingId: string }) {
  const { t } = useTranslation();
  return (
    <li className="card proposal-card" data-proposal-id={proposal.id}>
      <h3 className="card__title">
        <Link to={`/meetings/${encodeURIComponent(meetingId)}/proposals/${encodeURIComponent(proposal.id)}`} dir="auto">
          {proposal.title}
        </Link>
      </h3>
      <p className="card__meta proposal-card__badges">
        <span className="badge badge--kind">{t(`proposals.kinds.${proposal.kind}`)}</span>
        <span className={`badge badge--status badge--${statusKey(proposal.status)}`}>
          {t(`proposals.statuses.${statusKey(proposal.status)}`)}
        </span>
        {proposal.publicComment && <span className="badge badge--public">{t('proposals.public')}</span>}
      </p>
      <p className="card__meta">
        {t('proposals.submittedBy', { name: proposal.submitter.name, group: t(`groups.${proposal.submitter.group}`) })} ·{' '}
        <span className="proposal-card__comments">{t('proposals.comments', { count: proposal.commentCount })}</span>
      </p>
      {proposal.summary && (
        <p className="proposal-card__summary" dir="auto">
          {proposal.summary}
        </p>
      )}
    </li>
  );
}
