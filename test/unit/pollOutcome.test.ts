/**
 * What a closed poll says it decided. A tie matters only where it crosses the last place the poll
 * fills (an election's seats, a multiple-choice poll's "up to N"), and a runoff is spoken of only
 * in an election, where one decides: an ordinary poll names its options with most votes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { pollOutcome } from '../../client/src/polls/pollOutcome.ts';
import { closedOutcome, placesOf } from '../../server/src/polls/pollResults.ts';
import type { PollKind } from '../../shared/constants/polls.ts';

const root = path.resolve(import.meta.dirname, '../../client/src/i18n');
const catalogue = (language: string) =>
  JSON.parse(readFileSync(path.join(root, language === 'en' ? 'en' : `locales/${language}`, 'polls.json'), 'utf8'));

async function sayer(language: string) {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    interpolation: { escapeValue: false },
    resources: { [language]: { translation: { polls: catalogue(language) } } },
  });
  return instance.t;
}

/** A closed poll with options A, B, C, D (candidates when `candidates`), counted as `tally`. */
function closed(
  kind: PollKind,
  tally: Record<string, number>,
  settings: { maxChoices?: number; seats?: number; candidates?: boolean },
) {
  const options = ['A', 'B', 'C', 'D'].map((label) => ({
    id: label.toLowerCase(),
    label,
    userId: settings.candidates ? `user-${label}` : null,
  }));
  const poll = { kind, options, seats: settings.seats ?? 1, maxChoices: settings.maxChoices ?? null };
  const outcome = closedOutcome(poll, tally);
  // As the board receives it: a candidate's option names its person, another has no userId.
  const shown = options.map(({ userId, ...option }) => (userId ? { ...option, userId } : option));
  return { ...outcome, dto: { kind, options: shown, tally, ...outcome } };
}

describe('the places a closed poll fills', () => {
  it('are an election’s seats, a multiple-choice poll’s most choices, and otherwise one', () => {
    const options = [{ userId: null }, { userId: null }, { userId: null }, { userId: null }].map((option, index) => ({
      ...option,
      id: String(index),
      label: String(index),
    }));
    expect(placesOf({ kind: 'multiple', options, seats: 1, maxChoices: 2 })).toBe(2);
    expect(placesOf({ kind: 'single', options, seats: 1, maxChoices: null })).toBe(1);
    // "Choose any": no limit, so no places beyond the first.
    expect(placesOf({ kind: 'multiple', options, seats: 1, maxChoices: 4 })).toBe(1);
    const candidates = options.map((option) => ({ ...option, userId: `user-${option.id}` }));
    expect(placesOf({ kind: 'multiple', options: candidates, seats: 2, maxChoices: null })).toBe(2);
  });
});

describe('a closed poll’s outcome', () => {
  it('names the two level options of an “up to 2 choices” poll as having most votes, with no tie and no runoff', async () => {
    // 3 ballots: {A, B}, {B, C}, {C, D}: A 1, B 2, C 2, D 1. The top two fill the two places.
    const poll = closed('multiple', { a: 1, b: 2, c: 2, d: 1 }, { maxChoices: 2 });
    expect(poll).toMatchObject({ winners: ['b', 'c'], tied: [] });
    const t = await sayer('en');
    expect(pollOutcome(poll.dto, t, 'en')).toBe('Most votes: B and C (2 each).');
  });

  it('names every option level at the top of an ordinary single-choice poll, without a runoff', async () => {
    const poll = closed('single', { a: 2, b: 2, c: 1, d: 0 }, {});
    expect(poll).toMatchObject({ winners: ['a', 'b'], tied: [] });
    const t = await sayer('en');
    expect(pollOutcome(poll.dto, t, 'en')).toBe('Most votes: A and B (2 each).');
    expect(pollOutcome(poll.dto, await sayer('fr'), 'fr')).toBe('Le plus de voix : A et B (2 chacune).');
  });

  it('gives each level its count when a tie crosses an ordinary poll’s last place', async () => {
    // Up to 2 choices: A is clear; B and C are level for the second place; both have most votes.
    const poll = closed('multiple', { a: 3, b: 2, c: 2, d: 1 }, { maxChoices: 2 });
    expect(poll).toMatchObject({ winners: ['a', 'b', 'c'], tied: [] });
    expect(pollOutcome(poll.dto, await sayer('en'), 'en')).toBe('Most votes: A (3); B and C (2 each).');
  });

  it('leaves a tie across an election’s last seat unelected, and says a runoff decides', async () => {
    // Two seats among candidates: A is elected; B and C tie for the second seat.
    const poll = closed('multiple', { a: 5, b: 3, c: 3, d: 1 }, { seats: 2, candidates: true });
    expect(poll).toMatchObject({ winners: ['a'], tied: ['b', 'c'] });
    expect(pollOutcome(poll.dto, await sayer('en'), 'en')).toBe(
      'Elected: A. Tied: B and C (3 each). Nobody is elected to that seat on this count; a runoff decides between them.',
    );
    // Level within the seats: both elected, nothing tied.
    expect(closed('multiple', { a: 5, b: 5, c: 3, d: 1 }, { seats: 2, candidates: true })).toMatchObject({
      winners: ['a', 'b'],
      tied: [],
    });
  });

  it('says that nobody has a vote when no option has one', async () => {
    const poll = closed('single', { a: 0, b: 0, c: 0, d: 0 }, {});
    expect(pollOutcome(poll.dto, await sayer('en'), 'en')).toBe('No option has a vote.');
  });
});
