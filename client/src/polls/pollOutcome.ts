/**
 * The sentence under a closed poll's results. An election names who is elected and, when options
 * tie across its last seat, that a runoff decides between them. An ordinary poll names the options
 * with most votes with their counts ("Most votes: A and B (2 each)."): a runoff decides nothing there.
 */
import type { TFunction } from 'i18next';
import { pollElects } from '../../../shared/constants/polls.ts';
import { formatList, formatNumber } from '../../../shared/i18n/format.ts';
import type { PollDto } from '../../../shared/schemas/polls.ts';

type Closed = Pick<PollDto, 'kind' | 'options' | 'tally' | 'winners' | 'tied'>;

export function pollOutcome(poll: Closed, t: TFunction, language: string): string {
  const tally = poll.tally ?? {};
  const labelOf = (id: string) => poll.options.find((option) => option.id === id)?.label ?? id;
  const votesOf = (id: string) => formatNumber(language, tally[id] ?? 0);
  const winners = poll.winners ?? [];
  const tied = poll.tied ?? [];
  if (pollElects(poll)) {
    const sentences: string[] = [];
    if (winners.length > 0)
      sentences.push(t('polls.results.electedOutcome', { options: formatList(language, winners.map(labelOf)) }));
    // Options tied across the last seat have the same count.
    if (tied.length > 0)
      sentences.push(t('polls.results.tied', { options: formatList(language, tied.map(labelOf)), votes: votesOf(tied[0]!) }));
    return sentences.length > 0 ? sentences.join(' ') : t('polls.rounds.nobodyElected');
  }
  if (winners.length === 0) return t('polls.results.noWinner');
  // The options in order of votes, those level together: "A (3); B and C (2 each)".
  const levels: string[][] = [];
  for (const id of [...winners].sort((a, b) => (tally[b] ?? 0) - (tally[a] ?? 0))) {
    const last = levels[levels.length - 1];
    if (last && (tally[last[0]!] ?? 0) === (tally[id] ?? 0)) last.push(id);
    else levels.push([id]);
  }
  const said = levels.map((level) =>
    level.length === 1
      ? t('polls.results.optionVotes', { option: labelOf(level[0]!), votes: votesOf(level[0]!) })
      : t('polls.results.optionsEach', { options: formatList(language, level.map(labelOf)), votes: votesOf(level[0]!) }),
  );
  return t('polls.results.mostVotes', { options: said.join(t('polls.results.levelSeparator')) });
}
