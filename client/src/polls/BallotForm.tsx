/**
 * Voting: one click (or the option's number) for a single-choice poll, check boxes for multiple
 * choice, a rank per option for ranked choice. The server decides; its answer, accepted or
 * refused, is announced.
 */
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollDto } from '../../../shared/schemas/polls.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { type BallotState, castBallot, useBallot } from './ballotStore.ts';

export function BallotForm({ poll, labelledBy }: { poll: PollDto; labelledBy: string }) {
  const { user } = useMeetingContext();
  const ballot = useBallot(user.id, poll.id, poll.status === 'open');
  const cast = (choices: string[]) => {
    if (!ballot.sending) void castBallot(user.id, poll.id, choices);
  };
  return (
    <div className="ballot">
      {poll.kind === 'single' ? (
        <SingleChoice poll={poll} ballot={ballot} cast={cast} labelledBy={labelledBy} />
      ) : poll.kind === 'multiple' ? (
        <MultipleChoice poll={poll} ballot={ballot} cast={cast} />
      ) : (
        <RankedChoice poll={poll} ballot={ballot} cast={cast} />
      )}
      <BallotStatus poll={poll} ballot={ballot} />
    </div>
  );
}

interface ChoiceProps {
  poll: PollDto;
  ballot: BallotState;
  cast: (choices: string[]) => void;
}

function SingleChoice({ poll, ballot, cast, labelledBy }: ChoiceProps & { labelledBy: string }) {
  const { t } = useTranslation();
  const hint = useId();
  const chosen = ballot.choices?.[0];
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(event.key) - 1;
    const option = Number.isInteger(index) && index >= 0 ? poll.options[index] : undefined;
    if (!option) return;
    event.preventDefault();
    cast([option.id]);
  };
  return (
    <>
      <div className="ballot__options" role="group" aria-labelledby={labelledBy} aria-describedby={hint} onKeyDown={onKeyDown}>
        {poll.options.map((option, index) => (
          <BusyButton
            key={option.id}
            busy={ballot.sending}
            className="ballot__option"
            aria-pressed={chosen === option.id}
            aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
            onClick={() => cast([option.id])}
          >
            {index < 9 && (
              <span className="ballot__key" aria-hidden="true">
                {index + 1}
              </span>
            )}
            <span dir="auto">{option.label}</span>
          </BusyButton>
        ))}
      </div>
      <p id={hint} className="ballot__hint">
        {t('polls.ballot.singleHint', { count: Math.min(poll.options.length, 9) })}
      </p>
    </>
  );
}

function MultipleChoice({ poll, ballot, cast }: ChoiceProps) {
  const { t } = useTranslation();
  const max = poll.maxChoices ?? poll.options.length;
  const [selected, setSelected] = useState<string[]>(ballot.choices ?? []);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    if (ballot.choices) setSelected(ballot.choices);
  }, [ballot.choices]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0) return setProblem(t('polls.ballot.nothingChosen'));
    if (selected.length > max) return setProblem(t('polls.ballot.tooMany', { count: max }));
    setProblem('');
    cast(poll.options.map((option) => option.id).filter((optionId) => selected.includes(optionId)));
  };
  return (
    <BallotChoices legend={t('polls.ballot.multipleLegend', { count: max })} problem={problem} ballot={ballot} onSubmit={submit}>
      {(id) =>
        poll.options.map((option) => (
          <div className="ballot__check" key={option.id}>
            <input
              type="checkbox"
              id={`${id}-${option.id}`}
              checked={selected.includes(option.id)}
              onChange={(event) =>
                setSelected((current) =>
                  event.target.checked ? [...current, option.id] : current.filter((optionId) => optionId !== option.id),
                )
              }
            />
            <label htmlFor={`${id}-${option.id}`} dir="auto">
              {option.label}
            </label>
          </div>
        ))
      }
    </BallotChoices>
  );
}

function RankedChoice({ poll, ballot, cast }: ChoiceProps) {
  const { t } = useTranslation();
  const fromBallot = (choices: string[] | undefined) =>
    Object.fromEntries((choices ?? []).map((optionId, index) => [optionId, String(index + 1)]));
  const [ranks, setRanks] = useState<Record<string, string>>(fromBallot(ballot.choices));
  const [problem, setProblem] = useState('');
  useEffect(() => {
    if (ballot.choices) setRanks(fromBallot(ballot.choices));
  }, [ballot.choices]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ranked = Object.entries(ranks).filter(([, rank]) => rank !== '');
    if (ranked.length === 0) return setProblem(t('polls.ballot.nothingChosen'));
    if (new Set(ranked.map(([, rank]) => rank)).size !== ranked.length) return setProblem(t('polls.ballot.duplicateRank'));
    setProblem('');
    cast(ranked.sort((a, b) => Number(a[1]) - Number(b[1])).map(([optionId]) => optionId));
  };
  return (
    <BallotChoices legend={t('polls.ballot.rankedLegend')} problem={problem} ballot={ballot} onSubmit={submit}>
      {(id) =>
        poll.options.map((option) => (
          <div className="ballot__rank" key={option.id}>
            <select
              id={`${id}-${option.id}`}
              aria-label={t('polls.ballot.rankOf', { option: option.label })}
              value={ranks[option.id] ?? ''}
              onChange={(event) => setRanks((current) => ({ ...current, [option.id]: event.target.value }))}
            >
              <option value="">{t('polls.ballot.notRanked')}</option>
              {poll.options.map((_other, index) => (
                <option key={index} value={String(index + 1)}>
                  {index + 1}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-${option.id}`} dir="auto">
              {option.label}
            </label>
          </div>
        ))
      }
    </BallotChoices>
  );
}

/**
 * The form of a ballot that is sent with a button (multiple and ranked choice): the options in a
 * fieldset, what is wrong with the choice (described on the fieldset, announced), and the button.
 */
function BallotChoices({
  legend,
  problem,
  ballot,
  onSubmit,
  children,
}: {
  legend: string;
  problem: string;
  ballot: BallotState;
  onSubmit: (event: FormEvent) => void;
  /** The options' controls, given a prefix for their ids. */
  children: (id: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <form className="ballot__form" onSubmit={onSubmit} noValidate>
      <fieldset className="form__group" aria-describedby={problem ? `${id}-problem` : undefined}>
        <legend>{legend}</legend>
        {children(id)}
      </fieldset>
      <ErrorAlert id={`${id}-problem`} message={problem} />
      <BusyButton type="submit" className="button button--primary" busy={ballot.sending}>
        {ballot.voted ? t('polls.ballot.replace') : t('polls.ballot.cast')}
      </BusyButton>
    </form>
  );
}

/** What happened to the ballot, announced: politely when accepted, as an alert when refused. */
function BallotStatus({ poll, ballot }: { poll: PollDto; ballot: BallotState }) {
  const { t } = useTranslation();
  const labels = (ballot.choices ?? [])
    .map((optionId) => poll.options.find((option) => option.id === optionId)?.label)
    .filter(Boolean)
    .join(poll.kind === 'ranked' ? ' > ' : ', ');
  let message = '';
  if (ballot.sending) message = t('polls.ballot.sending');
  else if (ballot.outcome?.kind === 'accepted' || ballot.outcome?.kind === 'replaced') {
    if (poll.secret) message = t('polls.ballot.acceptedSecret');
    else message = t(ballot.outcome.kind === 'accepted' ? 'polls.ballot.accepted' : 'polls.ballot.replaced', { choices: labels });
  } else if (ballot.voted && ballot.outcome?.kind !== 'refused') {
    message = poll.secret || !labels ? t('polls.ballot.votedSecret') : t('polls.ballot.votedNamed', { choices: labels });
  }
  const refused = ballot.outcome?.kind === 'refused' ? t('polls.ballot.refused', { message: ballot.outcome.message }) : '';
  return (
    <>
      <p className="ballot__status" role="status">
        {message}
      </p>
      <p className={refused ? 'alert alert--error ballot__refused' : 'ballot__refused'} role="alert">
        {refused}
      </p>
    </>
  );
}
