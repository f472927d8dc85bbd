/**
 * The counting rules against examples worked out by hand (the working is in the comments), ties
 * included. Rule under test: see the module comment of shared/tally.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  breakTie,
  countChoices,
  countPoll,
  groupBreakdown,
  instantRunoff,
  singleTransferableVote,
  topOptions,
  type CountedBallot,
} from '../../shared/tally.ts';

/** `n` copies of a ballot. */
const many = (n: number, choices: string[], group?: string): CountedBallot[] =>
  Array.from({ length: n }, () => (group ? { choices, group } : { choices }));

describe('single and multiple choice', () => {
  it('counts every choice once and finds the option with most votes', () => {
    const ballots = [...many(3, ['a']), ...many(2, ['b']), ...many(1, ['c'])];
    expect(countChoices(['a', 'b', 'c'], ballots)).toEqual({ a: 3, b: 2, c: 1 });
    expect(topOptions(['a', 'b', 'c'], { a: 3, b: 2, c: 1 })).toEqual({ winners: ['a'], tied: [] });
  });

  it('counts approval ballots per option', () => {
    const ballots = [{ choices: ['a', 'b'] }, { choices: ['b', 'c'] }, { choices: ['b'] }];
    const result = countPoll({ kind: 'multiple', optionIds: ['a', 'b', 'c'], seats: 1 }, ballots);
    expect(result).toMatchObject({ method: 'approval', ballots: 3, tally: { a: 1, b: 3, c: 1 }, winners: ['b'], tied: [] });
  });

  it('elects nobody across a tie at the cut-off and names the tied options', () => {
    expect(topOptions(['a', 'b', 'c'], { a: 2, b: 2, c: 1 })).toEqual({ winners: [], tied: ['a', 'b'] });
    // Two seats: a is clear, b and c tie for the second.
    expect(topOptions(['a', 'b', 'c', 'd'], { a: 5, b: 3, c: 3, d: 1 }, 2)).toEqual({ winners: ['a'], tied: ['b', 'c'] });
    // Options without votes never win.
    expect(topOptions(['a', 'b'], { a: 0, b: 0 })).toEqual({ winners: [], tied: [] });
  });
});

describe('instant runoff (one seat)', () => {
  it('transfers the excluded option’s ballots until one has a majority of the continuing ballots', () => {
    // 9 ballots. Round 1: A 3, B 2, C 4; nobody above 4.5: exclude B (fewest).
    // B's 2 ballots go to A. Round 2: A 5, C 4; 5 > 4.5: A wins.
    const ballots = [...many(3, ['a']), ...many(2, ['b', 'a']), ...many(4, ['c', 'b'])];
    const result = instantRunoff(['a', 'b', 'c'], ballots);
    expect(result.winners).toEqual(['a']);
    expect(result.rounds).toEqual([
      { round: 1, counts: { a: 3, b: 2, c: 4 }, exhausted: 0, elected: [], action: { kind: 'exclusion', option: 'b' } },
      { round: 2, counts: { a: 5, c: 4 }, exhausted: 0, elected: ['a'] },
    ]);
  });

  it('measures the majority against continuing ballots, not all ballots', () => {
    // Round 1: A 3, B 2, C 4; exclude B, whose 2 ballots have no further preference.
    // Round 2: A 3, C 4, exhausted 2; continuing 7, and 4 > 3.5: C wins.
    const ballots = [...many(3, ['a']), ...many(2, ['b']), ...many(4, ['c', 'b'])];
    const result = instantRunoff(['a', 'b', 'c'], ballots);
    expect(result.winners).toEqual(['c']);
    expect(result.rounds[1]).toEqual({ round: 2, counts: { a: 3, c: 4 }, exhausted: 2, elected: ['c'] });
  });

  it('breaks a tie for exclusion by the earlier rounds', () => {
    // 11 ballots. Round 1: A 5, B 3, C 2, D 1: exclude D; its ballot goes to C.
    // Round 2: A 5, B 3, C 3: B and C tie for fewest. In round 1 C had fewer (2 < 3): exclude C.
    // C's 3 ballots go to B. Round 3: A 5, B 6; 6 > 5.5: B wins. (Excluding B instead would have elected C.)
    const ballots = [...many(5, ['a']), ...many(3, ['b', 'c']), ...many(2, ['c', 'b']), ...many(1, ['d', 'c', 'b'])];
    const result = instantRunoff(['a', 'b', 'c', 'd'], ballots);
    expect(result.rounds.map((round) => round.counts)).toEqual([
      { a: 5, b: 3, c: 2, d: 1 },
      { a: 5, b: 3, c: 3 },
      { a: 5, b: 6 },
    ]);
    expect(result.rounds[1]!.action).toEqual({ kind: 'exclusion', option: 'c', tieBreak: 'earlier-rounds' });
    expect(result.winners).toEqual(['b']);
  });

  it('breaks a tie that earlier rounds cannot break by the order of the options (the later is excluded)', () => {
    // 4 ballots. Round 1: A 2, B 2; no majority (2 is not more than 2). No earlier round: B,
    // listed after A, is excluded. Its ballots have no further preference. Round 2: A 2 of 2: A wins.
    const ballots = [...many(2, ['a']), ...many(2, ['b'])];
    const result = instantRunoff(['a', 'b'], ballots);
    expect(result.rounds[0]!.action).toEqual({ kind: 'exclusion', option: 'b', tieBreak: 'option-order' });
    expect(result.rounds[1]).toEqual({ round: 2, counts: { a: 2 }, exhausted: 2, elected: ['a'] });
    expect(result.winners).toEqual(['a']);
    // Listed the other way round, the other option wins.
    expect(instantRunoff(['b', 'a'], ballots).winners).toEqual(['b']);
  });

  it('goes back past equal rounds to the first where the tied options differed', () => {
    // Round 1: A 4, B 2, C 3, D 2, E 1 (12 ballots). Exclude E (fewest); its ballot goes to B.
    const ballots = [...many(4, ['a']), ...many(2, ['b']), ...many(3, ['c']), ...many(2, ['d', 'a']), ...many(1, ['e', 'b'])];
    // Round 2: A 4, B 3, C 3, D 2: exclude D; its 2 ballots go to A.
    // Round 3: A 6, B 3, C 3: 6 is not more than 6. B and C tie; equal in round 2 (3, 3), but in
    // round 1 B had 2 and C 3: exclude B. Round 4: A 6, C 3, exhausted 3; 6 > 4.5: A wins.
    const result = instantRunoff(['a', 'b', 'c', 'd', 'e'], ballots);
    expect(result.rounds[2]).toMatchObject({ counts: { a: 6, b: 3, c: 3 }, action: { option: 'b', tieBreak: 'earlier-rounds' } });
    expect(result.rounds[3]).toEqual({ round: 4, counts: { a: 6, c: 3 }, exhausted: 3, elected: ['a'] });
  });

  it('elects nobody without ballots', () => {
    expect(instantRunoff(['a', 'b'], []).winners).toEqual([]);
  });
});

describe('single transferable vote (several seats)', () => {
  it('transfers a surplus at fractional value (WIGM, five decimals) and excludes the lowest', () => {
    // 20 ballots, 2 seats: quota = floor(20 / 3) + 1 = 7.
    // Round 1: A 12, B 2, C 3, D 3. A is elected with a surplus of 5.
    // Transfer value 5/12 = 0.41666 (truncated). A's 12 ballots move on: 8 to B, 4 to C, each
    // worth floor(1 × 5/12 × 100000) / 100000 = 0.41666.
    // Round 2: A 7, B 2 + 8 × 0.41666 = 5.33328, C 3 + 4 × 0.41666 = 4.66664, D 3;
    // lost to truncation 5 − 12 × 0.41666 = 0.00008. Nobody reaches 7: exclude D (3).
    // D's 3 ballots go to C at value 1. Round 3: C 7.66664 reaches the quota: A and C are elected.
    const ballots = [
      ...many(8, ['a', 'b']),
      ...many(4, ['a', 'c']),
      ...many(2, ['b']),
      ...many(3, ['c', 'd']),
      ...many(3, ['d', 'c']),
    ];
    const result = singleTransferableVote(['a', 'b', 'c', 'd'], ballots, 2);
    expect(result.quota).toBe(7);
    expect(result.winners).toEqual(['a', 'c']);
    expect(result.rounds).toHaveLength(3);
    expect(result.rounds[0]).toEqual({
      round: 1,
      counts: { a: 12, b: 2, c: 3, d: 3 },
      exhausted: 0,
      lost: 0,
      elected: ['a'],
      action: { kind: 'surplus', option: 'a', transferValue: 0.41666 },
    });
    expect(result.rounds[1]).toEqual({
      round: 2,
      counts: { a: 7, b: 5.33328, c: 4.66664, d: 3 },
      exhausted: 0,
      lost: 0.00008,
      elected: [],
      action: { kind: 'exclusion', option: 'd' },
    });
    expect(result.rounds[2]).toMatchObject({ counts: { a: 7, b: 5.33328, c: 7.66664 }, elected: ['c'] });
  });

  it('breaks an exclusion tie by the earlier rounds, then fills the last seat with the one left', () => {
    // 9 ballots, 2 seats: quota = floor(9 / 3) + 1 = 4.
    // Round 1: A 5, B 1, C 2, D 1. A elected, surplus 1, transfer value 1/5 = 0.2: A's 5 ballots
    // go to B at 0.2 each. Round 2: A 4, B 2, C 2, D 1: exclude D, whose ballot has no further
    // preference. Round 3: B 2, C 2, exhausted 1: B and C tie; equal in round 2, but in round 1
    // B had 1 and C 2: exclude B. Round 4: C is the only one left for the one seat left.
    const ballots = [...many(5, ['a', 'b']), ...many(1, ['b']), ...many(2, ['c']), ...many(1, ['d'])];
    const result = singleTransferableVote(['a', 'b', 'c', 'd'], ballots, 2);
    expect(result.quota).toBe(4);
    expect(result.rounds.map((round) => round.counts)).toEqual([
      { a: 5, b: 1, c: 2, d: 1 },
      { a: 4, b: 2, c: 2, d: 1 },
      { a: 4, b: 2, c: 2 },
      { a: 4, c: 2 },
    ]);
    expect(result.rounds[0]!.action).toEqual({ kind: 'surplus', option: 'a', transferValue: 0.2 });
    expect(result.rounds[2]!.exhausted).toBe(1);
    expect(result.rounds[2]!.action).toEqual({ kind: 'exclusion', option: 'b', tieBreak: 'earlier-rounds' });
    expect(result.rounds[3]!.elected).toEqual(['c']);
    expect(result.winners).toEqual(['a', 'c']);
  });

  it('breaks a tie equal in every round by the order of the options', () => {
    // 5 ballots, 2 seats: quota = floor(5 / 3) + 1 = 2.
    // Round 1: A 3, B 1, C 1. A elected, surplus 1; A's ballots have no further preference, so
    // 3 × 0.33333 = 0.99999 is exhausted and 0.00001 lost. Round 2: A 2, B 1, C 1; B and C equal
    // in every round: C, listed later, is excluded. Round 3: B is the only one left: elected.
    const ballots = [...many(3, ['a']), ...many(1, ['b']), ...many(1, ['c'])];
    const result = singleTransferableVote(['a', 'b', 'c'], ballots, 2);
    expect(result.rounds[1]).toEqual({
      round: 2,
      counts: { a: 2, b: 1, c: 1 },
      exhausted: 0.99999,
      lost: 0.00001,
      elected: [],
      action: { kind: 'exclusion', option: 'c', tieBreak: 'option-order' },
    });
    expect(result.winners).toEqual(['a', 'b']);
  });

  it('transfers the largest surplus first', () => {
    // 12 ballots, 3 seats: quota = floor(12 / 4) + 1 = 4.
    // Round 1: A 6, B 5, C 1. A and B are elected (A first, more votes); surpluses A 2, B 1.
    // A's surplus goes first: 6 ballots at 2/6 = 0.33333 each, to C: C 1 + 1.99998 = 2.99998.
    const ballots = [...many(6, ['a', 'c']), ...many(5, ['b', 'c']), ...many(1, ['c'])];
    const result = singleTransferableVote(['a', 'b', 'c', 'd'], ballots, 3);
    expect(result.quota).toBe(4);
    expect(result.rounds[0]!.elected).toEqual(['a', 'b']);
    expect(result.rounds[0]!.action).toEqual({ kind: 'surplus', option: 'a', transferValue: 0.33333 });
    expect(result.rounds[1]!.counts).toEqual({ a: 4, b: 5, c: 2.99998, d: 0 });
    expect(result.rounds[1]!.action).toEqual({ kind: 'surplus', option: 'b', transferValue: 0.2 });
    // B's 5 ballots at 0.2 to C: 3.99998; not quite 4. D (0) is excluded, then C is the one left.
    expect(result.rounds[2]!.counts).toEqual({ a: 4, b: 4, c: 3.99998, d: 0 });
    expect(result.winners).toEqual(['a', 'b', 'c']);
  });

  it('orders options tied for election by the tie rule', () => {
    expect(breakTie(['b', 'a'], [], ['a', 'b'], 'highest')).toEqual({ option: 'a', rule: 'option-order' });
    expect(breakTie(['b', 'a'], [{ a: 1, b: 2 }], ['a', 'b'], 'highest')).toEqual({ option: 'b', rule: 'earlier-rounds' });
  });
});

describe('results per stakeholder group', () => {
  const count = (list: readonly CountedBallot[]) => countChoices(['a', 'b'], list);

  it('gives every group its own row for named polls', () => {
    const ballots = [...many(2, ['a'], 'government'), ...many(1, ['b'], 'civil-society')];
    expect(groupBreakdown(ballots, count)).toEqual({
      'civil-society': { ballots: 1, tally: { a: 0, b: 1 } },
      government: { ballots: 2, tally: { a: 2, b: 0 } },
    });
  });

  it('merges groups too small to show into one row, and shows none when that row would still be too small', () => {
    const ballots = [
      ...many(4, ['a'], 'government'),
      ...many(3, ['b'], 'civil-society'),
      ...many(1, ['a'], 'private-sector'),
      ...many(2, ['b'], 'technical-community'),
    ];
    expect(groupBreakdown(ballots, count, 3)).toEqual({
      'civil-society': { ballots: 3, tally: { a: 0, b: 3 } },
      government: { ballots: 4, tally: { a: 4, b: 0 } },
      other: { ballots: 3, tally: { a: 1, b: 2 } },
    });
    // One small group alone: merging in the next smallest (civil society, 3) makes "other" 4.
    const lone = [...many(4, ['a'], 'government'), ...many(3, ['b'], 'civil-society'), ...many(1, ['a'], 'private-sector')];
    expect(groupBreakdown(lone, count, 3)).toEqual({
      government: { ballots: 4, tally: { a: 4, b: 0 } },
      other: { ballots: 4, tally: { a: 1, b: 3 } },
    });
    // Everything would end up in "other": no breakdown.
    expect(groupBreakdown([...many(2, ['a'], 'government'), ...many(1, ['b'], 'civil-society')], count, 3)).toBeUndefined();
  });
});

describe('countPoll', () => {
  it('counts a ranked poll for one seat by instant runoff, with first preferences as the tally', () => {
    const ballots = [...many(3, ['a']), ...many(2, ['b', 'a']), ...many(4, ['c', 'b'])];
    const result = countPoll({ kind: 'ranked', optionIds: ['a', 'b', 'c'], seats: 1 }, ballots);
    expect(result).toMatchObject({ method: 'instant-runoff', ballots: 9, tally: { a: 3, b: 2, c: 4 }, winners: ['a'] });
    expect(result.rounds).toHaveLength(2);
  });

  it('counts a ranked poll for several seats by STV', () => {
    const ballots = [...many(5, ['a', 'b']), ...many(1, ['b']), ...many(2, ['c']), ...many(1, ['d'])];
    const result = countPoll({ kind: 'ranked', optionIds: ['a', 'b', 'c', 'd'], seats: 2 }, ballots);
    expect(result).toMatchObject({ method: 'stv', quota: 4, winners: ['a', 'c'] });
  });
});
