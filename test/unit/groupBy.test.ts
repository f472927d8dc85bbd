/**
 * Migrations 255 and 256 find rows that would become twins by `groupBy`: every row is in exactly
 * one group, in the order it came, and a first group's rows come before a later one's.
 */
import { describe, expect, it } from 'vitest';
import { groupBy } from '../../server/src/storage/groupBy.ts';

describe('groupBy', () => {
  it('keeps groups in the order of their first row and rows in the order they came', () => {
    const rows = [
      { id: 'a', key: 'x' },
      { id: 'b', key: 'y' },
      { id: 'c', key: 'x' },
      { id: 'd', key: 'z' },
      { id: 'e', key: 'y' },
    ];
    const groups = groupBy(rows, (row) => row.key);
    expect([...groups.keys()]).toEqual(['x', 'y', 'z']);
    expect([...groups.values()].map((group) => group.map((row) => row.id))).toEqual([['a', 'c'], ['b', 'e'], ['d']]);
  });

  it('compares keys by value, so a JSON key of two columns groups rows that agree on both', () => {
    const rows = [
      { poll: 'p1', label: 'Yes' },
      { poll: 'p2', label: 'Yes' },
      { poll: 'p1', label: 'Yes' },
    ];
    const groups = groupBy(rows, (row) => JSON.stringify([row.poll, row.label]));
    expect([...groups.values()].map((group) => group.length)).toEqual([2, 1]);
  });

  it('gives no group for no rows', () => {
    expect(groupBy([], (row: string) => row).size).toBe(0);
  });

  it('groups many rows of one key without copying the group on every row', () => {
    // 30,000 rows in one group: pushing is instant, copying the group on each row takes seconds.
    const rows = Array.from({ length: 30_000 }, (_, id) => ({ id, key: 'same' }));
    const started = performance.now();
    const groups = groupBy(rows, (row) => row.key);
    expect(groups.get('same')).toHaveLength(30_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
