/** Due dates as people say them, and when an action is overdue. */
import { describe, expect, it } from 'vitest';
import { isOverdue, parseDue } from '../../shared/dueDates.ts';

describe('due dates', () => {
  it('reads the deadlines of the seed’s actions as ranges of days', () => {
    const meeting = '2025-01-30';
    expect(parseDue('by 15 February', meeting)).toEqual({ label: 'by 15 February', start: '2025-02-15', end: '2025-02-15' });
    expect(parseDue('in the second half of February', meeting)).toMatchObject({ start: '2025-02-16', end: '2025-02-28' });
    expect(parseDue('second half of February 2024', meeting)).toMatchObject({ start: '2024-02-16', end: '2024-02-29' });
    expect(parseDue('mid-February', meeting)).toMatchObject({ start: '2025-02-11', end: '2025-02-20' });
    expect(parseDue('first half of March', meeting)).toMatchObject({ start: '2025-03-01', end: '2025-03-15' });
    expect(parseDue('end of April', meeting)).toMatchObject({ start: '2025-04-21', end: '2025-04-30' });
    expect(parseDue('February 11', meeting)).toMatchObject({ start: '2025-02-11', end: '2025-02-11' });
    expect(parseDue('June', meeting)).toMatchObject({ start: '2025-06-01', end: '2025-06-30' });
    expect(parseDue('2025-03-01', meeting)).toMatchObject({ start: '2025-03-01', end: '2025-03-01' });
  });

  it('puts a month long before the meeting’s in the next year, and refuses what it cannot read', () => {
    expect(parseDue('by 15 January', '2025-11-20')).toMatchObject({ start: '2026-01-15' });
    expect(parseDue('when pigs fly', '2025-01-30')).toBeNull();
    expect(parseDue('31 February', '2025-01-30')).toBeNull();
    expect(parseDue('', '2025-01-30')).toBeNull();
  });

  it('flags only pending actions whose last due day has passed', () => {
    const due = { label: 'second half of February', start: '2025-02-16', end: '2025-02-28' };
    expect(isOverdue({ status: 'open', due }, '2025-03-01')).toBe(true);
    expect(isOverdue({ status: 'in-progress', due }, '2025-03-01')).toBe(true);
    expect(isOverdue({ status: 'open', due }, '2025-02-28')).toBe(false);
    expect(isOverdue({ status: 'done', due }, '2026-01-01')).toBe(false);
    expect(isOverdue({ status: 'dropped', due }, '2026-01-01')).toBe(false);
    expect(isOverdue({ status: 'open', due: null }, '2026-01-01')).toBe(false);
  });
});
