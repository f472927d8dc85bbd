/**
 * One proposal (`/meetings/:meetingId/proposals/:proposalId`): its kind, status, authors and
 * summary; its body, co-edited live by its authors; its comment threads anchored to the body;
 * its status history; and, for those who may, the controls to manage it. The page opens the
 * meeting's live document (through MeetingRoute), which brings new comments and status
 * changes without a reload.
 */

import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { proposalDoc } from '../../../shared/documentNames.ts';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { ProposalDto } from '../../../shared/schemas/proposals.ts';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel.tsx';
import { CollaborativeDocument, isEditable } from '../collab/CollaborativeDocument.tsx';
import { useCollabDocument } from '../collab/useCollabDocument.ts';
import { useDocumentComments } from '../comments/useDocumentComments.tsx';
import { MeetingRoute, useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { useLoad } from '../meetings/useMeeting.ts';
import { ManageProposal } from './ManageProposal.tsx';
import { canCommentOnProposal, canEditProposal, canManageProposal } from './proposalPolicy.ts';
import { statusKey } from './statusKey.ts';
import './proposals.css';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function ProposalPage() {
  const { proposalId = '' } = useParams();
  return (
    <MeetingRoute>
      <ProposalView proposalId={proposalId} />
    </MeetingRoute>
  );
}

/** The proposal as loaded, replaced by newer versions from the live document or from our own changes. */
function useProposal(proposalId: string) {
  const { data, error } = useLoad<ProposalDto>(`/api/proposals/${encodeURIComponent(proposalId)}`);
  const live = useLiveMap('proposals')[proposalId];
  const [own, setOwn] = useState<ProposalDto | null>(null);
  const newest = [data, live, own].reduce<ProposalDto | undefined>(
    (best, candidate) => (candidate && (!best || candidate.updatedAt >= best.updatedAt) ? candidate : best),
    undefined,
  );
  return { proposal: newest, error, setOwn };
}

function ProposalView({ proposalId }: { proposalId: string }) {
  const { t, i18n } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const { proposal, error, setOwn } = useProposal(proposalId);
  const doc = proposalDoc(proposalId);
  const collab = useCollabDocument(doc, { userId: user.id });
  // Until the proposal is loaded, nothing is offered; then what the server's policies would allow.
  const mayEdit = proposal !== undefined && canEditProposal(user, proposal);
  const comments = useDocumentComments({
    doc,
    canComment: proposal !== undefined && canCommentOnProposal(user, proposal),
    canResolveAny: mayEdit,
  });
  const back = `/meetings/${encodeURIComponent(meeting.id)}?tab=proposals`;
  usePageTitle(proposal?.title ?? (error ? t('proposals.notFound') : undefined));

  if (error) {
    return (
      <section className="page">
        <h1>{t('proposals.notFound')}</h1>
        <Link to={back}>{t('proposals.back', { title: meeting.title })}</Link>
      </section>
    );
  }
  if (!proposal || !collab)
    return (
      <p role="status" className="page">
        {t('proposals.loading')}
      </p>
    );

  const editable = isEditable(collab, mayEdit);
  const status = statusKey(proposal.status);
  return (
    <article className="page proposal" aria-labelledby="proposal-title">
      <p className="proposal__back">
        <Link to={back}>{t('proposals.back', { title: meeting.title })}</Link>
      </p>
      <header className="proposal__header">
        <p className="proposal__kind">
          <span className="badge badge--kind">{t(`proposals.kinds.${proposal.kind}`)}</span>{' '}
          <span className={`badge badge--status badge--${status}`} data-status={proposal.status}>
            {t(`proposals.statuses.${status}`)}
          </span>{' '}
          {proposal.publicComment && <span className="badge badge--public">{t('proposals.public')}</span>}
        </p>
        <h1 id="proposal-title" dir="auto">
          {proposal.title}
        </h1>
        <p className="meeting__meta">
          {t('proposals.submittedBy', { name: proposal.submitter.name, group: t(`groups.${proposal.submitter.group}`) })} ·{' '}
          {t('proposals.comments', { count: proposal.commentCount })}
        </p>
        <p className="meeting__meta">
          {t('proposals.authors')}:{' '}
          {proposal.authors.map((person, index) => (
            <Fragment key={person.id}>
              {index > 0 && ', '}
              <bdi>{person.name}</bdi> ({t(`groups.${person.group}`)})
            </Fragment>
          ))}
        </p>
        {proposal.summary && (
          <p className="proposal__summary" dir="auto">
            {proposal.summary}
          </p>
        )}
      </header>
      <CollaborativeDocument
        collab={collab}
        user={user}
        editable={editable}
        idPrefix="proposal-body"
        title={t('proposals.bodyTitle')}
        readOnlyNotice={t('proposals.readOnlyNotice')}
        label={t('proposals.bodyLabel', { title: proposal.title })}
        sidebarLabel={t('proposals.panels')}
        extensions={comments.extensions}
        renderExtras={comments.renderExtras}
        margin={comments.sidebar}
      >
        <section className="proposal__history" aria-labelledby="proposal-history-title">
          <h2 id="proposal-history-title">{t('proposals.historyTitle')}</h2>
          <ol>
            {proposal.statusHistory.map((entry, index) => (
              <li key={index}>
                {t('proposals.historyEntry', { status: t(`proposals.statuses.${statusKey(entry.status)}`), name: entry.by.name })}{' '}
                <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(i18n.language, entry.at)}</time>
              </li>
            ))}
          </ol>
        </section>
        <ErrorBoundary name="attachments">
          <AttachmentsPanel
            id="attachments"
            target={{ meetingId: proposal.meetingId, proposalId: proposal.id }}
            heading={t('attachments.ofProposal')}
          />
        </ErrorBoundary>
        {canManageProposal(user, meeting, proposal) && (
          <ErrorBoundary name="manage-proposal">
            <ManageProposal proposal={proposal} onUpdated={setOwn} />
          </ErrorBoundary>
        )}
      </CollaborativeDocument>
    </article>
  );
}
