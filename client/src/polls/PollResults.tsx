/**
 * A poll's results as text first (every count and percentage is written out, so screen readers
 * get the tally), with bars beside them; the ranked count round by round; per stakeholder group.
 */

import { useTranslation } from 'react-i18next';
import { pollElects } from '../../../shared/constants/polls.ts';
import { formatNumber } from '../../../shared/i18n/format.ts';
import { STAKEHOLDER_GROUPS } from '../../../shared/roles.ts';
import type { PollDto } from '../../../shared/schemas/polls.ts';
import { type CountRound, OTHER_GROUPS } from '../../../shared/tally.ts';
import { pollOutcome } from './pollOutcome.ts';
import { percent } from './usePolls.ts';

export function PollResults({ poll, variant = 'card' }: { poll: PollDto; variant?: 'card' | 'present' }) {
  const { t, i18n } = useTranslation();
  if (!poll.resultsVisible) {
    return <p className="poll-results__withheld">{t('polls.results.withheld', { count: poll.ballots })}</p>;
  }
  const number = { format: (value: number) => formatNumber(i18n.language, value, { maximumFractionDigits: 5 }) };
  const tally = poll.tally ?? {};
  const winners = new Set(poll.winners ?? []);
  // An election (candidates, or a ranked count) elects; other polls have the options with most votes.
  const elects = pollElects(poll);
  return (
    <div className={`poll-results poll-results--${variant}`}>
      {variant === 'card' && <p className="poll-results__ballots">{t('polls.results.ballots', { count: poll.ballots })}</p>}
      <ul
        className="poll-results__bars"
        aria-label={poll.kind === 'ranked' ? t('polls.results.firstPreferences') : t('polls.results.label')}
      >
        {poll.options.map((option) => {
          const votes = tally[option.id] ?? 0;
          const share = percent(votes, poll.ballots);
          const elected = winners.has(option.id);
          return (
            <li key={option.id} className={`poll-results__row${elected ? ' poll-results__row--elected' : ''}`}>
              <span className="poll-results__label" dir="auto">
                {option.label}
                {elected && (
                  <strong className="poll-results__elected">
                    {' '}
                    · {elects ? t('polls.results.elected') : t('polls.results.winnerMark')}
                  </strong>
                )}
              </span>
              <span className="poll-results__count">
                {t('polls.results.votes', { votes: number.format(votes), percent: share })}
              </span>
              <span className="poll-results__bar" aria-hidden="true">
                <span className="poll-results__fill" style={{ inlineSize: `${share}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
      {poll.status === 'closed' && poll.winners && <p className="poll-results__outcome">{pollOutcome(poll, t, i18n.language)}</p>}
      {poll.rounds && poll.rounds.length > 1 && (
        <RoundsTable poll={poll} rounds={poll.rounds as CountRound[]} format={number.format} />
      )}
      {variant === 'card' && poll.byGroup && Object.keys(poll.byGroup).length > 0 && (
        <GroupTable poll={poll} format={number.format} />
      )}
    </div>
  );
}

function RoundsTable({ poll, rounds, format }: { poll: PollDto; rounds: CountRound[]; format: (n: number) => string }) {
  const { t } = useTranslation();
  const labelOf = (id: string) => poll.options.find((option) => option.id === id)?.label ?? id;
  const note = (round: CountRound): string[] => {
    const lines: string[] = [];
    if (round.elected.length > 0)
      lines.push(t('polls.rounds.noteElected', { number: round.round, options: round.elected.map(labelOf).join(', ') }));
    const action = round.action;
    if (action) {
      const tie =
        action.tieBreak === 'earlier-rounds'
          ? ` ${t('polls.rounds.tieEarlier')}`
          : action.tieBreak === 'option-order'
            ? ` ${t('polls.rounds.tieOrder')}`
            : '';
      lines.push(
        (action.kind === 'exclusion'
          ? t('polls.rounds.noteExclusion', { number: round.round, option: labelOf(action.option) })
          : t('polls.rounds.noteSurplus', {
              number: round.round,
              option: labelOf(action.option),
              value: format(action.transferValue ?? 0),
            })) + tie,
      );
    }
    return lines;
  };
  return (
    <div className="poll-rounds">
      <div className="poll-rounds__scroll">
        <table>
          <caption>
            {poll.quota !== undefined ? t('polls.rounds.captionStv', { quota: poll.quota }) : t('polls.rounds.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('polls.rounds.option')}</th>
              {rounds.map((round) => (
                <th scope="col" key={round.round}>
                  {t('polls.rounds.round', { number: round.round })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {poll.options.map((option) => (
              <tr key={option.id}>
                <th scope="row" dir="auto">
                  {option.label}
                </th>
                {rounds.map((round) => {
                  const count = round.counts[option.id];
                  return (
                    <td key={round.round}>
                      {count === undefined ? (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className="sr-only">{t('polls.rounds.notInCount')}</span>
                        </>
                      ) : (
                        format(count)
                      )}
                      {round.elected.includes(option.id) && <strong> ({t('polls.rounds.elected')})</strong>}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('polls.rounds.exhausted')}</th>
              {rounds.map((round) => (
                <td key={round.round}>{format(round.exhausted)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <h4 className="poll-rounds__notes-title">{t('polls.rounds.notes')}</h4>
      <ul className="poll-rounds__notes">
        {rounds.flatMap((round) => note(round).map((line, index) => <li key={`${round.round}-${index}`}>{line}</li>))}
      </ul>
    </div>
  );
}

function GroupTable({ poll, format }: { poll: PollDto; format: (n: number) => string }) {
  const { t } = useTranslation();
  const byGroup = poll.byGroup ?? {};
  const groups = [...STAKEHOLDER_GROUPS, OTHER_GROUPS].filter((group) => byGroup[group]);
  return (
    <details className="poll-groups">
      <summary>{t('polls.byGroup.title')}</summary>
      <div className="poll-rounds__scroll">
        <table>
          <caption>{t('polls.byGroup.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('polls.byGroup.group')}</th>
              <th scope="col">{t('polls.byGroup.ballots')}</th>
              {poll.options.map((option) => (
                <th scope="col" key={option.id} dir="auto">
                  {option.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group}>
                <th scope="row">{group === OTHER_GROUPS ? t('polls.byGroup.other') : t(`groups.${group}`)}</th>
                <td>{byGroup[group]!.ballots}</td>
                {poll.options.map((option) => (
                  <td key={option.id}>{format(byGroup[group]!.tally[option.id] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {poll.secret && <p className="poll-groups__note">{t('polls.byGroup.secretNote')}</p>}
    </details>
  );
}
