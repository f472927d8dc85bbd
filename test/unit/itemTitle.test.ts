/** An agenda item named the one way the client names it: "6.a. Title", the title isolated, an empty one in the reader's words. */
import { describe, expect, it } from 'vitest';
import { aroundNumberedTitle, numberedTitle } from '../../client/src/agenda/itemTitle.ts';

const t = (key: string) => (key === 'agendaItems.untitled' ? '(untitled item)' : key);

describe('numberedTitle', () => {
  it('puts the number, a full stop and the title isolated in its own direction', () => {
    expect(numberedTitle({ fullNumber: '6.a', title: 'Dynamic Coalitions (DCs)' }, t)).toBe(
      '6.a. \u2068Dynamic Coalitions (DCs)\u2069',
    );
    expect(numberedTitle({ fullNumber: '2', title: 'افتتاح الاجتماع' }, t)).toBe('2. \u2068افتتاح الاجتماع\u2069');
  });

  it('names an item without a title (or with spaces only) in the reader’s words', () => {
    expect(numberedTitle({ fullNumber: '1', title: '' }, t)).toBe('1. \u2068(untitled item)\u2069');
    expect(numberedTitle({ fullNumber: '3.b', title: '   ' }, t)).toBe('3.b. \u2068(untitled item)\u2069');
  });

  it('puts the same number and isolates around a title drawn in pieces of its own (the version diff’s)', () => {
    const [before, after] = aroundNumberedTitle('6.a');
    expect(`${before}Dynamic Coalitions (DCs)${after}`).toBe(
      numberedTitle({ fullNumber: '6.a', title: 'Dynamic Coalitions (DCs)' }, t),
    );
  });
});
