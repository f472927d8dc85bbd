/** The CSV export of results: quoting, defused formulas, per-group and per-round columns. */
import { describe, expect, it } from 'vitest';
import { resultsOf } from '../../server/src/polls/pollResults.ts';
import type { Poll } from '../../server/src/polls/pollStore.ts';
import { csvCell, resultsCsv } from '../../server/src/polls/resultsCsv.ts';

const poll: Poll = {
  id: 'p1',
  meetingId: 'm',
  question: 'Where?',
  kind: 'ranked',
  audience: 'members',
  secret: false,
  results: 'live',
  maxChoices: null,
  seats: 1,
  workingGroupId: null,
  status: 'closed',
  createdBy: null,
  createdAt: 0,
  openedAt: 0,
  closedAt: 1,
  options: [
    { id: 'a', label: 'Geneva, "the old town"', userId: null },
    { id: 'b', label: '=HYPERLINK("x")', userId: null },
    { id: 'c', label: 'Online', userId: null },
  ],
};

describe('results as CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell(-2)).toBe('-2');
  });

  it('has a row per option with its votes, groups and rounds, then ballots and exhausted', () => {
    // Round 1: a 2, b 1, c 2: b excluded, its ballot exhausts. Round 2: a 2, c 2 of 4: no majority;
    // c (listed later) excluded. Round 3: a 2 of 2.
    const results = resultsOf(poll, [
      { choices: ['a'], group: 'government' },
      { choices: ['a'], group: 'civil-society' },
      { choices: ['b'], group: 'government' },
      { choices: ['c'], group: 'civil-society' },
      { choices: ['c'], group: 'civil-society' },
    ]);
    const lines = resultsCsv(poll, results)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([
      'option_id,option,first_preferences,government,civil-society,round_1,round_2,round_3,elected',
      'a,"Geneva, ""the old town""",2,1,1,2,2,2,yes',
      `b,"'=HYPERLINK(""x"")",1,1,0,1,,,no`,
      'c,Online,2,0,2,2,2,,no',
      ',Ballots,5,2,3,,,,',
      ',Exhausted,,,,0,1,3,',
    ]);
  });

  it('names the stakeholder groups in the reader’s language, and keeps their stored codes in English', () => {
    // A ballot of a person with no group counts in the `other` column, which the board calls "Smaller groups together".
    const results = resultsOf(poll, [
      { choices: ['a'], group: 'government' },
      { choices: ['a'], group: 'civil-society' },
      { choices: ['c'] },
    ]);
    const header = (language: 'en' | 'es') =>
      resultsCsv(poll, results, language)
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0];
    expect(header('en')).toBe('option_id,option,first_preferences,government,civil-society,other,round_1,elected');
    expect(header('es')).toBe(
      'id_opción,opción,primeras_preferencias,Gobiernos,Sociedad civil,Grupos pequeños juntos,ronda_1,elegido',
    );
  });
});
