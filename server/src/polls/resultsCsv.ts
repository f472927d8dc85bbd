/**
 * A poll's results as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the
 * accents): one row per option with its votes (first preferences for a ranked poll), a column per
 * stakeholder group and, for a ranked poll, a column per round and whether it was elected; then
 * a row `Ballots` (the number of ballots, in total and per group) and, for a ranked poll, a row
 * `Exhausted` (votes with no continuing preference, per round).
 */
import { STAKEHOLDER_GROUPS } from '../../../shared/roles.ts';
import type { PollResults } from '../../../shared/schemas/polls.ts';
import { OTHER_GROUPS } from '../../../shared/tally.ts';
import type { Poll } from './pollStore.ts';

/** Quotes a cell when needed, and defuses text a spreadsheet would run as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function resultsCsv(poll: Poll, results: PollResults): string {
  const groups = [...STAKEHOLDER_GROUPS, OTHER_GROUPS].filter((group) => results.byGroup?.[group]);
  const rounds = results.rounds ?? [];
  const winners = new Set(results.winners ?? []);
  const header = [
    'option_id',
    'option',
    poll.kind === 'ranked' ? 'first_preferences' : 'votes',
    ...groups,
    ...rounds.map((round) => `round_${round.round}`),
    ...(results.winners ? ['elected'] : []),
  ];
  const rows: (string | number)[][] = [header];
  for (const option of poll.options) {
    rows.push([
      option.id,
      option.label,
      results.tally?.[option.id] ?? 0,
      ...groups.map((group) => results.byGroup?.[group]?.tally[option.id] ?? 0),
      ...rounds.map((round) => round.counts[option.id] ?? ''),
      ...(results.winners ? [winners.has(option.id) ? 'yes' : 'no'] : []),
    ]);
  }
  rows.push([
    '',
    'Ballots',
    results.ballots,
    ...groups.map((group) => results.byGroup?.[group]?.ballots ?? 0),
    ...rounds.map(() => ''),
    ...(results.winners ? [''] : []),
  ]);
  if (rounds.length > 0) {
    rows.push([
      '',
      'Exhausted',
      '',
      ...groups.map(() => ''),
      ...rounds.map((round) => round.exhausted),
      ...(results.winners ? [''] : []),
    ]);
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
