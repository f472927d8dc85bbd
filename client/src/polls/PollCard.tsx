/**
 * One poll in the Polls tab: its question and state, the chair's controls, the ballot for those
 * who may vote, and the results as they may be seen.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PollDto, Voter } from '../../../shared/schemas/polls.ts';
import type { WorkingGroupDto } from '../../../shared/schemas/workingGroups.ts';
import { del, get, post } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFocusWhenGone } from '../ui/focus.ts';
import { useCommand } from '../ui/useCommand.ts';
import { BallotForm } from './BallotForm.tsx';
import { useBallot } from './ballotStore.ts';
import { PollResults } from './PollResults.tsx';
import { canManagePolls, canOverseePolls, canVote } from './pollPolicy.ts';
import { presentPath, useWorkingGroups } from './usePolls.ts';

export function PollCard({
  poll,
  onDeleted,
}: {
  poll: PollDto;
  /** Told once the draft's deletion is done: the tab's status line says it, as the card goes. */
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { user } = useMeetingContext();
  const groups = useWorkingGroups();
  const ballot = useBallot(user.id, poll.id, poll.status === 'open');
  const questionId = `poll-${poll.id}-question`;
  const group = poll.workingGroupId ? groups[poll.workingGroupId] : undefined;
  const eligible = canVote(user, poll, groups);
  // A deleted draft goes with its buttons when the live update takes it: the focus goes to the
  // poll now in its place (or the one before, when it was the last), else to the polls' heading,
  // so a keyboard user goes on from where they were, not from the top of the page.
  const card = useRef<HTMLElement>(null);
  useFocusWhenGone(card, 'polls-title', (gone) => {
    const item = gone.closest('li');
    const neighbour = item?.nextElementSibling ?? item?.previousElementSibling;
    return neighbour?.querySelector<HTMLElement>('.poll-card__question');
  });
  return (
    <article ref={card} className={`poll-card poll-card--${poll.status}`} aria-labelledby={questionId} data-poll={poll.id}>
      <div className="poll-card__head">
        <h3 id={questionId} className="poll-card__question" tabIndex={-1} dir="auto">
          {poll.question}
        </h3>
        <span className={`poll-status poll-status--${poll.status}`}>{t(`polls.status.${poll.status}`)}</span>
      </div>
      <p className="poll-card__meta">{describe(poll, group, t)}</p>
      {canOverseePolls(user) && <PollControls poll={poll} onDeleted={onDeleted} />}
      {poll.status === 'draft' && (
        <p className="poll-card__draft">
          {/* An election's ballot is taken as it opens: the draft's candidates may not be the final ones. */}
          {group && poll.options.some((option) => option.userId)
            ? t('polls.draftElectionNote')
            : t('polls.draftNote', { options: poll.options.map((option) => option.label).join(' · ') })}
        </p>
      )}
      {poll.status === 'open' &&
        (eligible ? (
          <BallotForm poll={poll} labelledBy={questionId} />
        ) : (
          <p className="poll-card__not-eligible">{notEligible(poll, group, t)}</p>
        ))}
      <ErrorAlert
        message={
          poll.status === 'closed' &&
          ballot.outcome?.kind === 'refused' &&
          t('polls.ballot.refused', { message: ballot.outcome.message })
        }
      />
      {poll.status === 'open' && poll.secret && <p className="poll-card__batches">{t('polls.secretOpenNote')}</p>}
      {poll.status !== 'draft' && <PollResults poll={poll} />}
      {poll.status !== 'draft' && poll.resultsVisible && !poll.secret && <RollCall poll={poll} />}
    </article>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function describe(poll: PollDto, group: WorkingGroupDto | undefined, t: T): string {
  const parts = [
    poll.kind === 'ranked' ? t('polls.kindsWithSeats.ranked', { count: poll.seats }) : t(`polls.kinds.${poll.kind}`),
  ];
  if (poll.kind === 'multiple' && poll.maxChoices) parts.push(t('polls.maxChoices', { count: poll.maxChoices }));
  parts.push(t(`polls.audiences.${poll.audience}`, { group: group?.name ?? '' }));
  parts.push(poll.secret ? t('polls.secret') : t('polls.named'));
  if (poll.results === 'after-close') parts.push(t('polls.afterClose'));
  if (group && poll.options.some((option) => option.userId)) parts.push(t('polls.election', { group: group.name }));
  return parts.join(' · ');
}

function notEligible(poll: PollDto, group: WorkingGroupDto | undefined, t: T): string {
  if (poll.audience === 'members') return t('polls.ballot.notEligibleMembers');
  if (poll.audience === 'group') return t('polls.ballot.notEligibleGroup', { group: group?.name ?? '' });
  return t('polls.ballot.notEligible');
}

/** Open, close, delete, the projector view and the CSV: for the chair and the secretariat. */
function PollControls({ poll, onDeleted }: { poll: PollDto; onDeleted: () => void }) {
  const { t, i18n } = useTranslation();
  // Archiving closed the open polls; a draft left behind can no longer be opened or deleted.
  const { meeting, user } = useMeetingContext();
  const manage = canManagePolls(user, meeting);
  const { busy, message, run } = useCommand((reason) => t('polls.controls.failed', { message: reason }));
  const path = `/api/polls/${encodeURIComponent(poll.id)}`;
  const [confirming, setConfirming] = useState<'close' | 'delete' | null>(null);
  // Opening and closing take the pressed button away ("Open the poll" gives way to "Close the poll",
  // that to the projector view's link): once the new status shows and any dialog is shut, the focus
  // goes to the first control left, not to the page. Only for the person who pressed it.
  const buttons = useRef<HTMLDivElement>(null);
  const pressedAt = useRef<PollDto['status'] | null>(null);
  useEffect(() => {
    if (pressedAt.current === null || pressedAt.current === poll.status || confirming) return;
    pressedAt.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    buttons.current?.querySelector<HTMLElement>('button, a')?.focus();
  }, [poll.status, confirming]);
  return (
    <div className="poll-controls" role="group" aria-label={t('polls.controls.label')}>
      <ConfirmDialog
        open={confirming === 'close'}
        title={t('polls.controls.closeTitle', { question: poll.question })}
        message={t('polls.controls.closeWarning')}
        confirmLabel={t('polls.controls.close')}
        onConfirm={() => {
          pressedAt.current = poll.status;
          return run(() => post(`${path}/close`), t('polls.controls.closed'));
        }}
        onClose={() => setConfirming(null)}
      />
      <ConfirmDialog
        open={confirming === 'delete'}
        title={t('polls.controls.deleteTitle', { question: poll.question })}
        message={t('polls.controls.deleteWarning')}
        confirmLabel={t('polls.controls.delete')}
        // The card and its status line go once the live update takes the draft: the tab's line says it.
        onConfirm={() =>
          run(async () => {
            await del(path);
            onDeleted();
          }, '')
        }
        onClose={() => setConfirming(null)}
      />
      <div ref={buttons} className="poll-controls__buttons">
        {poll.status === 'draft' && manage && (
          <>
            <BusyButton
              type="button"
              className="button button--primary"
              busy={busy}
              onClick={() => {
                pressedAt.current = poll.status;
                void run(() => post(`${path}/open`), t('polls.controls.opened'));
              }}
            >
              {t('polls.controls.open')}
            </BusyButton>
            <BusyButton type="button" className="button" busy={busy} onClick={() => setConfirming('delete')}>
              {t('polls.controls.delete')}
            </BusyButton>
          </>
        )}
        {poll.status === 'open' && manage && (
          <BusyButton type="button" className="button button--primary" busy={busy} onClick={() => setConfirming('close')}>
            {t('polls.controls.close')}
          </BusyButton>
        )}
        {poll.status !== 'draft' && (
          <Link className="button" to={presentPath(meeting.id, poll.id)}>
            {t('polls.controls.present')}
          </Link>
        )}
        {poll.status !== 'draft' && poll.resultsVisible && (
          <a className="button" href={`${path}/results.csv?lang=${encodeURIComponent(i18n.resolvedLanguage ?? 'en')}`} download>
            {t('polls.controls.csv')}
          </a>
        )}
      </div>
      <p className={message?.error ? 'alert alert--error' : 'poll-controls__message'} role="status">
        {message?.text ?? ''}
      </p>
      {poll.status !== 'draft' && <Voters pollId={poll.id} ballots={poll.ballots} />}
    </div>
  );
}

/** Who has voted (never how): loaded when opened, again when the count changes. */
function Voters({ pollId, ballots }: { pollId: string; ballots: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [voters, setVoters] = useState<Voter[] | null>(null);
  useEffect(() => {
    if (!open) return;
    // Loaded when shown, and again whenever the number of ballots moves while it is.
    let current = true;
    get<Voter[]>(`/api/polls/${encodeURIComponent(pollId)}/voters`).then(
      (list) => current && setVoters(list),
      () => current && setVoters([]),
    );
    return () => {
      current = false;
    };
  }, [open, pollId, ballots]);
  return (
    <details className="poll-voters" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>{t('polls.voters.show')}</summary>
      {!voters ? (
        <p>{t('polls.voters.loading')}</p>
      ) : voters.length === 0 ? (
        <p>{t('polls.voters.none')}</p>
      ) : (
        <>
          <p>{t('polls.voters.count', { count: voters.length })}</p>
          <ul className="poll-voters__list">
            {voters.map((voter) => (
              <li key={voter.id}>
                <bdi>{voter.name}</bdi> <span className="poll-voters__group">({t(`groups.${voter.group}`)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/** How each person voted, for a named poll whose results are visible. */
function RollCall({ poll }: { poll: PollDto }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<{ voter: Voter; choices: string[] }[] | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    let current = true;
    get<{ voter: Voter; choices: string[] }[]>(`/api/polls/${encodeURIComponent(poll.id)}/ballots`).then(
      (list) => current && setRows(list),
      () => current && setRows([]),
    );
    return () => {
      current = false;
    };
  }, [open, poll.id, poll.ballots]);
  const labelOf = (optionId: string) => poll.options.find((option) => option.id === optionId)?.label ?? optionId;
  return (
    <details className="poll-groups" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>{t('polls.rollCall.show')}</summary>
      {!rows ? (
        <p>{t('polls.rollCall.loading')}</p>
      ) : (
        <div className="poll-rounds__scroll">
          <table>
            <caption>{t('polls.rollCall.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('polls.rollCall.voter')}</th>
                <th scope="col">{t('polls.rollCall.choices')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.voter.id}>
                  <th scope="row">
                    <bdi>{row.voter.name}</bdi> ({t(`groups.${row.voter.group}`)})
                  </th>
                  <td>{row.choices.map(labelOf).join(poll.kind === 'ranked' ? ' > ' : ', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
