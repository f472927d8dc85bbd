/** Numbers and times of structured agenda items. */
import { describe, expect, it } from 'vitest';
import { fullNumbers, normaliseAgendaItemAttrs, numberAgendaItems, scheduleAgenda } from '../../shared/agendaItems.ts';

describe('agenda items', () => {
  it('numbers items 1, 2, 3 and sub-items a, b, c after their item, as the seed does', () => {
    const levels = [0, 0, 0, 0, 0, 0, 1, 1, 1];
    expect(numberAgendaItems(levels)).toEqual(['1', '2', '3', '4', '5', '6', 'a', 'b', 'c']);
    expect(fullNumbers(levels)).toEqual(['1', '2', '3', '4', '5', '6', '6.a', '6.b', '6.c']);
    expect(numberAgendaItems([1, 0, 1])).toEqual(['1', '2', 'a']);
  });

  it('times items one after the other from the start of their day, and flags what runs past its end', () => {
    const schedule = scheduleAgenda(
      [
        { id: 'a', day: 1, start: '12:00', duration: 30 },
        { id: 'b', day: 1, start: '', duration: 45 },
        { id: 'c', day: 2, start: '', duration: 60 },
        { id: 'd', day: 1, start: '', duration: 30 },
      ],
      { dayStart: '10:00', dayEnd: '13:30' },
    );
    expect(schedule.items.map((item) => [item.id, item.start, item.end, item.overruns])).toEqual([
      ['a', 720, 750, false],
      ['b', 750, 795, false],
      ['c', 600, 660, false],
      ['d', 795, 825, true],
    ]);
    expect(schedule.days.map((day) => [day.day, day.overrunMinutes, day.items])).toEqual([
      [1, 15, [0, 1, 3]],
      [2, 0, [2]],
    ]);
  });

  it('reads attributes from a shared document defensively', () => {
    expect(normaliseAgendaItemAttrs({ duration: '20', day: 0, start: '25:00', level: 7, presenter: 42 })).toMatchObject({
      duration: 20,
      day: 1,
      start: '',
      level: 1,
      presenter: '',
      id: null,
    });
  });
});
