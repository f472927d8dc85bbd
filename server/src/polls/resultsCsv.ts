/**
 * A poll's results as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the
 * accents): one row per option with its votes (first preferences for a ranked poll), a column per
 * stakeholder group and, for a ranked poll, a column per round and whether it was elected; then
 * a row `Ballots` (the number of ballots, in total and per group) and, for a ranked poll, a row
 * `Exhausted` (votes with no continuing preference, per round).
 */

import { pollElects } from '../../../shared/constants/polls.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import { isStakeholderGroup, STAKEHOLDER_GROUPS } from '../../../shared/roles.ts';
import type { PollResults } from '../../../shared/schemas/polls.ts';
import { OTHER_GROUPS } from '../../../shared/tally.ts';
import { SERVER_TEXT } from '../i18n/serverText.ts';
import { STORE_WORDS } from '../i18n/storeWords.ts';
import type { Poll } from './pollStore.ts';

/** Quotes a cell when needed, and defuses text a spreadsheet would run as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Column names and row labels in the reader's language. English keeps the machine-friendly ids
 * scripts read, the stakeholder groups' stored codes among them (`civil-society`); other languages
 * name the groups in their words, as the registrations CSV does.
 */
export function resultsCsv(poll: Poll, results: PollResults, language: Language = 'en'): string {
  const csv = SERVER_TEXT[language].csv;
  const groupColumn = (group: string) =>
    language === 'en' ? group : isStakeholderGroup(group) ? STORE_WORDS[language].stakeholderGroup[group] : csv.otherGroups;
  const groups = [...STAKEHOLDER_GROUPS, OTHER_GROUPS].filter((group) => results.byGroup?.[group]);
  const rounds = results.rounds ?? [];
  const winners = new Set(results.winners ?? []);
  // An election's winners are elected; an ordinary poll's have the most votes (as the board's Polls tab says).
  const winnerColumn = pollElects(poll) ? csv.elected : csv.mostVotes;
  const header = [
    csv.optionId,
    csv.option,
    poll.kind === 'ranked' ? csv.firstPreferences : csv.votes,
    ...groups.map(groupColumn),
    ...rounds.map((round) => csv.round.replace('{{n}}', String(round.round))),
    ...(results.winners ? [winnerColumn] : []),
  ];
  const rows: (string | number)[][] = [header];
  for (const option of poll.options) {
    rows.push([
      option.id,
      option.label,
      results.tally?.[option.id] ?? 0,
      ...groups.map((group) => results.byGroup?.[group]?.tally[option.id] ?? 0),
      ...rounds.map((round) => round.counts[option.id] ?? ''),
      ...(results.winners ? [winners.has(option.id) ? csv.yes : csv.no] : []),
    ]);
  }
  rows.push([
    '',
    csv.ballots,
    results.ballots,
    ...groups.map((group) => results.byGroup?.[group]?.ballots ?? 0),
    ...rounds.map(() => ''),
    ...(results.winners ? [''] : []),
  ]);
  if (rounds.length > 0) {
    rows.push([
      '',
      csv.exhausted,
      '',
      ...groups.map(() => ''),
      ...rounds.map((round) => round.exhausted),
      ...(results.winners ? [''] : []),
    ]);
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
