/**
 * Managing a proposal, for those the server lets: its status (secretariat, chair), its kind, title,
 * summary and public comment (its authors too), its co-authors (its submitter too).
 */

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../../shared/constants/proposals.ts';
import type { MemberDto, ProposalDto, ProposalPatchBody } from '../../../shared/schemas/proposals.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { patch } from '../app/api.ts';
import { commentsApi } from '../comments/commentsApi.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { Field, SelectField } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { PROPOSAL_DETAIL_FIELDS, type ProposalDetails, ProposalDetailsFields, titleMissing } from './ProposalDetailsFields.tsx';
import { canChangeProposalStatus, canChooseCoAuthors, mayBeCoAuthor } from './proposalPolicy.ts';
import { statusKey } from './statusKey.ts';

export function ManageProposal({ proposal, onUpdated }: { proposal: ProposalDto; onUpdated: (proposal: ProposalDto) => void }) {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);

  const send: Send = async (body, success, shown) => {
    try {
      const updated = await patch<ProposalDto>(`/api/proposals/${encodeURIComponent(proposal.id)}`, body);
      onUpdated(updated);
      setMessage({ kind: 'status', text: success });
      return true;
    } catch (caught) {
      // Said beside a field of the form that sent it, or here for the whole section.
      if (shown?.(caught)) setMessage(null);
      else setMessage({ kind: 'alert', text: (caught as Error).message });
      return false;
    }
  };

  return (
    <section className="proposal__manage" aria-labelledby="proposal-manage-title">
      <h2 id="proposal-manage-title">{t('proposals.manageTitle')}</h2>
      <p
        role={message?.kind === 'alert' ? 'alert' : 'status'}
        className={message?.kind === 'alert' ? 'alert alert--error' : 'proposal__message'}
      >
        {message?.text ?? ''}
      </p>
      {canChangeProposalStatus(user, meeting) && <StatusForm proposal={proposal} send={send} />}
      <DetailsForm proposal={proposal} send={send} />
      {canChooseCoAuthors(user, meeting, proposal) && <CoAuthors proposal={proposal} send={send} />}
    </section>
  );
}

/** Sends a change; `shown` says a refusal went beside a field. True when it was saved. */
type Send = (body: ProposalPatchBody, success: string, shown?: (error: unknown) => boolean) => Promise<boolean>;

const COAUTHOR_FIELDS = ['coAuthorIds'] as const;

function StatusForm({ proposal, send }: { proposal: ProposalDto; send: Send }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ProposalStatus>(proposal.status);
  useEffect(() => setStatus(proposal.status), [proposal.status]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send({ status }, t('proposals.statusChanged', { status: t(`proposals.statuses.${statusKey(status)}`) }));
  };
  return (
    <form className="proposal__subform" aria-labelledby="proposal-status-title" onSubmit={submit}>
      <h3 id="proposal-status-title">{t('proposals.statusTitle')}</h3>
      <SelectField
        label={t('proposals.newStatus')}
        value={status}
        onChange={setStatus}
        options={PROPOSAL_STATUSES}
        optionLabel={(option) => t(`proposals.statuses.${statusKey(option)}`)}
      />
      <button type="submit" className="button" disabled={status === proposal.status}>
        {t('proposals.changeStatus')}
      </button>
    </form>
  );
}

function DetailsForm({ proposal, send }: { proposal: ProposalDto; send: Send }) {
  const { t } = useTranslation();
  const [details, setDetails] = useState<ProposalDetails>({
    kind: proposal.kind,
    title: proposal.title,
    summary: proposal.summary,
    publicComment: proposal.publicComment,
  });
  const errors = useFieldErrors(PROPOSAL_DETAIL_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ title: !hasVisibleText(details.title) && titleMissing(t) })) return;
    void send(details, t('proposals.saved'), (error) => errors.fail(error));
  };
  return (
    <form className="proposal__subform form" aria-labelledby="proposal-details-title" onSubmit={submit} noValidate>
      <h3 id="proposal-details-title">{t('proposals.detailsTitle')}</h3>
      <ProposalDetailsFields details={details} onChange={setDetails} field={errors.field} />
      <div>
        <button type="submit" className="button">
          {t('proposals.save')}
        </button>
      </div>
    </form>
  );
}

function CoAuthors({ proposal, send }: { proposal: ProposalDto; send: Send }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MemberDto[]>([]);
  // A refused co-author (no longer on the board, an observer) is said beside the search field.
  const errors = useFieldErrors(COAUTHOR_FIELDS);
  const change = (coAuthorIds: string[]) =>
    void send({ coAuthorIds }, t('proposals.saved'), (error) => errors.fail(error)).then((saved) => saved && errors.clear());
  const coAuthors = proposal.authors.filter((person) => person.id !== proposal.submitter.id);

  useEffect(() => {
    if (!query.trim()) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      commentsApi.members(query.trim()).then(
        (members) => live && setFound(members),
        () => live && setFound([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const candidates = found.filter(
    (member) => mayBeCoAuthor(member) && !proposal.authors.some((person) => person.id === member.id),
  );
  const ids = coAuthors.map((person) => person.id);
  return (
    <section className="proposal__subform" aria-labelledby="proposal-coauthors-title">
      <h3 id="proposal-coauthors-title">{t('proposals.coAuthorsTitle')}</h3>
      <p className="comments__hint">{t('proposals.coAuthorsHint')}</p>
      {coAuthors.length === 0 ? (
        <p>{t('proposals.noCoAuthors')}</p>
      ) : (
        <ul className="proposal__people">
          {coAuthors.map((person) => (
            <li key={person.id}>
              <bdi>{person.name}</bdi>{' '}
              <button type="button" className="link-button" onClick={() => change(ids.filter((id) => id !== person.id))}>
                {t('proposals.removeCoAuthor', { name: person.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field label={t('proposals.findPerson')} {...errors.field('coAuthorIds')}>
        {(control) => <input {...control} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />}
      </Field>
      {candidates.length > 0 && (
        <ul className="proposal__people">
          {candidates.map((member) => (
            <li key={member.id}>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setQuery('');
                  change([...ids, member.id]);
                }}
              >
                {t('proposals.addCoAuthor', { name: member.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
