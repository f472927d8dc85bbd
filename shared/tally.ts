/**
 * Counting polls and elections: pure functions over ballots. The server counts with them (always
 * from the stored ballots, never from counters); the client only shows what they produced.
 *
 * - single choice: one vote per ballot; the options with most votes win (plurality).
 * - multiple choice: each chosen option gets one vote (approval, up to `maxChoices`).
 * - ranked, one seat: instant runoff. An option with more than half of the votes of the
 *   continuing (not exhausted) ballots wins; otherwise the option with fewest votes is excluded
 *   and its ballots pass to their next continuing preference.
 * - ranked, several seats: single transferable vote, Droop quota, Weighted Inclusive Gregory
 *   Method (as in the Scottish local-government rules): a surplus passes on every ballot the
 *   elected option holds, each at its current value × surplus ÷ total, truncated to five
 *   decimals; surpluses go before exclusions, the largest first; an excluded option's ballots
 *   pass at their current value, all in one round.
 *
 * Ties (the same rule for exclusion, surplus order and order of election): look back at the
 * earlier rounds, most recent first, and take the first round in which the tied options had
 * different counts (the one with fewer votes there is excluded; the one with more goes first).
 * If they were equal in every earlier round, the order of the options on the poll decides: the
 * option listed later is excluded first, the option listed earlier goes first. The order of the
 * options is fixed before the poll opens, so this acts as a lot drawn in advance.
 */

/** One ballot as the count sees it. */
export interface CountedBallot {
  /** Option ids: the choices of a single or multiple ballot, the preferences in order for ranked. */
  choices: readonly string[];
  /** The voter's stakeholder group, for per-group results. */
  group?: string;
}

export type PollKind = 'single' | 'multiple' | 'ranked';

export type CountMethod = 'plurality' | 'approval' | 'instant-runoff' | 'stv';

/** How a tie was broken. */
export type TieBreak = 'earlier-rounds' | 'option-order';

/** One round of a ranked count: the counts at this round, and what was decided from them. */
export interface CountRound {
  round: number;
  /** Votes of every option still in the count (continuing or elected this round or before). */
  counts: Record<string, number>;
  /** Votes on ballots with no continuing preference left. */
  exhausted: number;
  /** Votes lost by truncating transfer values to five decimals (STV only). */
  lost?: number;
  /** Options elected at this round. */
  elected: string[];
  /** What was done after this round; the next round shows its result. */
  action?: {
    kind: 'surplus' | 'exclusion';
    option: string;
    /** The factor applied to each ballot's value (surplus ÷ total) for a surplus. */
    transferValue?: number;
    tieBreak?: TieBreak;
  };
}

export interface RankedCount {
  method: 'instant-runoff' | 'stv';
  /** The Droop quota (STV only). */
  quota?: number;
  rounds: CountRound[];
  winners: string[];
}

/** Votes per option: every choice on every ballot counts one (single and multiple choice). */
export function countChoices(optionIds: readonly string[], ballots: readonly CountedBallot[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
  for (const ballot of ballots) for (const choice of ballot.choices) if (choice in counts) counts[choice]! += 1;
  return counts;
}

/** First preferences per option (ranked ballots). */
export function countFirstPreferences(optionIds: readonly string[], ballots: readonly CountedBallot[]): Record<string, number> {
  return countChoices(
    optionIds,
    ballots.map((ballot) => ({ choices: ballot.choices.slice(0, 1) })),
  );
}

/**
 * The `seats` options with most votes. Options tied across the cut-off are not among the winners
 * but listed in `tied` (what that means is the poll's: see closedOutcome in
 * server/src/polls/pollResults.ts). Options without votes never win.
 */
export function topOptions(
  optionIds: readonly string[],
  counts: Readonly<Record<string, number>>,
  seats = 1,
): { winners: string[]; tied: string[] } {
  const voted = optionIds.filter((id) => (counts[id] ?? 0) > 0);
  const sorted = [...voted].sort((a, b) => counts[b]! - counts[a]!);
  if (sorted.length <= seats) return { winners: sorted, tied: [] };
  const cutoff = counts[sorted[seats - 1]!]!;
  const next = counts[sorted[seats]!]!;
  if (cutoff > next) return { winners: sorted.slice(0, seats), tied: [] };
  return {
    winners: sorted.filter((id) => counts[id]! > cutoff),
    tied: sorted.filter((id) => counts[id] === cutoff),
  };
}

/**
 * Chooses one of several tied options: by the earlier rounds (most recent first), then by the
 * order of the options. `want` is `lowest` to exclude, `highest` to go first.
 */
export function breakTie(
  tied: readonly string[],
  earlier: readonly Readonly<Record<string, number>>[],
  optionIds: readonly string[],
  want: 'lowest' | 'highest',
): { option: string; rule?: TieBreak } {
  if (tied.length === 1) return { option: tied[0]! };
  let remaining = [...tied];
  for (let index = earlier.length - 1; index >= 0 && remaining.length > 1; index--) {
    const counts = earlier[index]!;
    const values = remaining.map((id) => counts[id] ?? 0);
    const target = want === 'lowest' ? Math.min(...values) : Math.max(...values);
    remaining = remaining.filter((id) => (counts[id] ?? 0) === target);
  }
  if (remaining.length === 1) return { option: remaining[0]!, rule: 'earlier-rounds' };
  const byOrder = [...remaining].sort((a, b) => optionIds.indexOf(a) - optionIds.indexOf(b));
  return { option: want === 'lowest' ? byOrder[byOrder.length - 1]! : byOrder[0]!, rule: 'option-order' };
}

/** Instant runoff for one seat (see the module comment). */
export function instantRunoff(optionIds: readonly string[], ballots: readonly CountedBallot[]): RankedCount {
  const valid = ballots.map((ballot) => ballot.choices.filter((id) => optionIds.includes(id))).filter((c) => c.length > 0);
  const continuing = new Set(optionIds);
  const rounds: CountRound[] = [];
  const history: Record<string, number>[] = [];
  for (let round = 1; ; round++) {
    const counts: Record<string, number> = Object.fromEntries([...continuing].map((id) => [id, 0]));
    let exhausted = 0;
    for (const choices of valid) {
      const top = choices.find((id) => continuing.has(id));
      if (top === undefined) exhausted += 1;
      else counts[top]! += 1;
    }
    const active = valid.length - exhausted;
    const entry: CountRound = { round, counts, exhausted, elected: [] };
    rounds.push(entry);
    if (active === 0) return { method: 'instant-runoff', rounds, winners: [] };
    const leader = [...continuing].find((id) => counts[id]! * 2 > active);
    if (leader !== undefined) {
      entry.elected = [leader];
      return { method: 'instant-runoff', rounds, winners: [leader] };
    }
    const fewest = Math.min(...[...continuing].map((id) => counts[id]!));
    const lowest = [...continuing].filter((id) => counts[id] === fewest);
    const { option, rule } = breakTie(lowest, history, optionIds, 'lowest');
    entry.action = { kind: 'exclusion', option, ...(rule ? { tieBreak: rule } : {}) };
    history.push(counts);
    continuing.delete(option);
  }
}

/** Fixed point: vote values are whole numbers of 1/100000 of a vote. */
const SCALE = 100_000;

interface Paper {
  choices: readonly string[];
  /** Value in 1/SCALE of a vote. */
  value: number;
}

const toVotes = (units: number): number => units / SCALE;

/**
 * Single transferable vote for `seats` seats: Droop quota, Weighted Inclusive Gregory Method
 * (see the module comment). With one seat it is equivalent to instant runoff; use
 * `instantRunoff` there, whose rounds people read more easily.
 */
export function singleTransferableVote(
  optionIds: readonly string[],
  ballots: readonly CountedBallot[],
  seats: number,
): RankedCount {
  const valid = ballots.map((ballot) => ballot.choices.filter((id) => optionIds.includes(id))).filter((c) => c.length > 0);
  const quota = Math.floor(valid.length / (seats + 1)) + 1;
  const quotaUnits = quota * SCALE;
  const piles = new Map<string, Paper[]>(optionIds.map((id) => [id, []]));
  const totals = new Map<string, number>(optionIds.map((id) => [id, 0]));
  const continuing = new Set(optionIds);
  const elected: string[] = [];
  /** Elected options whose surplus is not yet transferred. */
  const pending: string[] = [];
  let exhausted = 0;
  let lost = 0;
  const rounds: CountRound[] = [];
  const history: Record<string, number>[] = [];

  /** Gives a paper to its next continuing preference, or counts it as exhausted. */
  const place = (paper: Paper) => {
    const next = paper.choices.find((id) => continuing.has(id));
    if (next === undefined) {
      exhausted += paper.value;
      return;
    }
    piles.get(next)!.push(paper);
    totals.set(next, totals.get(next)! + paper.value);
  };

  for (const choices of valid) place({ choices, value: SCALE });
  if (valid.length === 0) {
    rounds.push({ round: 1, counts: Object.fromEntries(optionIds.map((id) => [id, 0])), exhausted: 0, elected: [] });
    return { method: 'stv', quota, rounds, winners: [] };
  }

  for (let round = 1; ; round++) {
    const inCount = optionIds.filter((id) => continuing.has(id) || elected.includes(id));
    const unitCounts: Record<string, number> = Object.fromEntries(inCount.map((id) => [id, totals.get(id)!]));
    const entry: CountRound = {
      round,
      counts: Object.fromEntries(inCount.map((id) => [id, toVotes(totals.get(id)!)])),
      exhausted: toVotes(exhausted),
      lost: toVotes(lost),
      elected: [],
    };
    rounds.push(entry);

    // Everyone continuing who reached the quota is elected, the highest first.
    const reached = [...continuing].filter((id) => totals.get(id)! >= quotaUnits);
    const ordered = orderDescending(reached, unitCounts, history, optionIds);
    for (const id of ordered) {
      if (elected.length >= seats) break;
      continuing.delete(id);
      elected.push(id);
      entry.elected.push(id);
      pending.push(id);
    }
    if (elected.length >= seats) break;
    if (continuing.size <= seats - elected.length) {
      // As many options left as seats: they are elected without reaching the quota.
      const rest = optionIds.filter((id) => continuing.has(id));
      for (const id of orderDescending(rest, unitCounts, history, optionIds)) {
        continuing.delete(id);
        elected.push(id);
        entry.elected.push(id);
      }
      break;
    }

    const withSurplus = pending.filter((id) => totals.get(id)! > quotaUnits);
    pending.length = 0;
    pending.push(...withSurplus);
    if (withSurplus.length > 0) {
      const largest = Math.max(...withSurplus.map((id) => totals.get(id)!));
      const { option, rule } = breakTie(
        withSurplus.filter((id) => totals.get(id) === largest),
        history,
        optionIds,
        'highest',
      );
      pending.splice(pending.indexOf(option), 1);
      const total = totals.get(option)!;
      const surplus = total - quotaUnits;
      entry.action = {
        kind: 'surplus',
        option,
        transferValue: Math.floor((surplus * SCALE) / total) / SCALE,
        ...(rule ? { tieBreak: rule } : {}),
      };
      history.push(unitCounts);
      const papers = piles.get(option)!;
      piles.set(option, []);
      totals.set(option, quotaUnits);
      let moved = 0;
      for (const paper of papers) {
        const value = Math.floor((paper.value * surplus) / total);
        moved += value;
        place({ choices: paper.choices, value });
      }
      lost += surplus - moved;
      continue;
    }

    const contenders = [...continuing];
    const fewest = Math.min(...contenders.map((id) => totals.get(id)!));
    const { option, rule } = breakTie(
      contenders.filter((id) => totals.get(id) === fewest),
      history,
      optionIds,
      'lowest',
    );
    entry.action = { kind: 'exclusion', option, ...(rule ? { tieBreak: rule } : {}) };
    history.push(unitCounts);
    continuing.delete(option);
    const papers = piles.get(option)!;
    piles.set(option, []);
    totals.set(option, 0);
    for (const paper of papers) place(paper);
  }
  return { method: 'stv', quota, rounds, winners: elected };
}

/** Orders options by votes, most first, ties broken by the tie rule. */
function orderDescending(
  ids: readonly string[],
  counts: Readonly<Record<string, number>>,
  history: readonly Readonly<Record<string, number>>[],
  optionIds: readonly string[],
): string[] {
  const left = [...ids];
  const ordered: string[] = [];
  while (left.length > 0) {
    const most = Math.max(...left.map((id) => counts[id] ?? 0));
    const { option } = breakTie(
      left.filter((id) => (counts[id] ?? 0) === most),
      history,
      optionIds,
      'highest',
    );
    ordered.push(option);
    left.splice(left.indexOf(option), 1);
  }
  return ordered;
}

/** The row that groups too small to show on their own are merged into (secret polls). */
export const OTHER_GROUPS = 'other';

export interface GroupCount {
  ballots: number;
  tally: Record<string, number>;
}

/**
 * Results per stakeholder group. With `minBallots` above 1 (secret polls), no row covers fewer
 * ballots than that: the smallest groups are merged into one `other` row until it is large
 * enough, and when even all of them together are too few, or only that one row would remain,
 * there is no breakdown at all. A small group's votes therefore cannot be read from its row, nor
 * worked out by subtracting the other rows from the total.
 */
export function groupBreakdown(
  ballots: readonly CountedBallot[],
  count: (ballots: readonly CountedBallot[]) => Record<string, number>,
  minBallots = 1,
): Record<string, GroupCount> | undefined {
  const groups = new Map<string, CountedBallot[]>();
  for (const ballot of ballots) {
    const group = ballot.group ?? OTHER_GROUPS;
    let list = groups.get(group);
    if (!list) {
      list = [];
      groups.set(group, list);
    }
    list.push(ballot);
  }
  if (groups.size === 0) return {};
  const shown = [...groups].sort((a, b) => a[1].length - b[1].length || a[0].localeCompare(b[0]));
  const other: CountedBallot[] = [];
  while (shown.length > 0 && (shown[0]![1].length < minBallots || (other.length > 0 && other.length < minBallots))) {
    other.push(...shown.shift()![1]);
  }
  if (other.length > 0 && (other.length < minBallots || shown.length === 0)) return undefined;
  const result: Record<string, GroupCount> = {};
  for (const [group, list] of shown.sort((a, b) => a[0].localeCompare(b[0]))) {
    result[group] = { ballots: list.length, tally: count(list) };
  }
  if (other.length > 0) result[OTHER_GROUPS] = { ballots: other.length, tally: count(other) };
  return result;
}

export interface PollDefinition {
  kind: PollKind;
  /** Option ids in the order of the poll. */
  optionIds: readonly string[];
  /** Seats to fill: the number of winners (1 unless an election for several seats). */
  seats: number;
}

/** Everything a poll's results show, counted from its ballots. */
export interface PollCount {
  method: CountMethod;
  ballots: number;
  /** Votes per option; first preferences for ranked polls. */
  tally: Record<string, number>;
  byGroup?: Record<string, GroupCount>;
  rounds?: CountRound[];
  quota?: number;
  winners: string[];
  /** Options tied across the last of `seats` (single and multiple choice only). */
  tied: string[];
}

export function countPoll(
  poll: PollDefinition,
  ballots: readonly CountedBallot[],
  options: { minGroupBallots?: number } = {},
): PollCount {
  const minBallots = options.minGroupBallots ?? 1;
  if (poll.kind === 'ranked') {
    const counted =
      poll.seats > 1 ? singleTransferableVote(poll.optionIds, ballots, poll.seats) : instantRunoff(poll.optionIds, ballots);
    const byGroup = groupBreakdown(ballots, (list) => countFirstPreferences(poll.optionIds, list), minBallots);
    return {
      method: counted.method,
      ballots: ballots.length,
      tally: countFirstPreferences(poll.optionIds, ballots),
      ...(byGroup ? { byGroup } : {}),
      rounds: counted.rounds,
      ...(counted.quota !== undefined ? { quota: counted.quota } : {}),
      winners: counted.winners,
      tied: [],
    };
  }
  const tally = countChoices(poll.optionIds, ballots);
  const byGroup = groupBreakdown(ballots, (list) => countChoices(poll.optionIds, list), minBallots);
  const { winners, tied } = topOptions(poll.optionIds, tally, poll.seats);
  return {
    method: poll.kind === 'single' ? 'plurality' : 'approval',
    ballots: ballots.length,
    tally,
    ...(byGroup ? { byGroup } : {}),
    winners,
    tied,
  };
}
