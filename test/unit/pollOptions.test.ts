/**
 * Two options of a poll that look the same on the ballot are one option: the server refuses the
 * pair and the form says so, both by `optionKey`.
 */
import { describe, expect, it } from 'vitest';
import { duplicateOptionIndex, optionKey } from '../../shared/pollOptions.ts';

describe('poll option labels that look the same', () => {
  it('are one option in full-width letters, with no-break or ideographic spaces, in other case', () => {
    expect(optionKey('ＹＥＳ')).toBe(optionKey('Yes'));
    expect(optionKey('Digital\u00a0trust')).toBe(optionKey('digital trust'));
    expect(optionKey('\u3000Digital\u202f\ttrust ')).toBe(optionKey('Digital Trust'));
    expect(duplicateOptionIndex(['Yes', 'No', 'ＹＥＳ'])).toBe(2);
  });

  it('keeps apart labels that differ in letters or accents', () => {
    expect(duplicateOptionIndex(['Yes', 'No', 'Abstain'])).toBe(-1);
    expect(optionKey('Résumé')).not.toBe(optionKey('Resume'));
  });
});
