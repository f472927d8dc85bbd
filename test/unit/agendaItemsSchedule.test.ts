/** Numbers and times of structured agenda items. */
import { describe, expect, it } from 'vitest';
import {
  formatClock,
  fullNumbers,
  normaliseAgendaItemAttrs,
  numberAgendaItems,
  scheduleAgenda,
} from '../../shared/agendaItems.ts';

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

  it('lets a day cross midnight: an end earlier than the day’s start is the next morning', () => {
    // The meeting starts at 23:30 and its days end at 02:00.
    const schedule = scheduleAgenda(
      [
        { id: 'a', day: 1, start: '', duration: 90 },
        { id: 'b', day: 1, start: '01:00', duration: 45 },
        { id: 'c', day: 2, start: '10:00', duration: 600 },
        { id: 'd', day: 2, start: '', duration: 30 },
      ],
      { dayStart: '23:30', dayEnd: '02:00' },
    );
    expect(schedule.items.map((item) => [item.id, item.start, item.end, item.overruns])).toEqual([
      ['a', 1410, 1500, false],
      ['b', 1500, 1545, false],
      ['c', 600, 1200, false],
      ['d', 1200, 1230, false],
    ]);
    expect(schedule.days.map((day) => [day.day, day.start, day.end, day.overrunMinutes])).toEqual([
      [1, 1410, 1560, 0],
      [2, 600, 1560, 0],
    ]);
  });

  it('counts an overrun past midnight in the minutes that really pass', () => {
    const schedule = scheduleAgenda(
      [
        { id: 'a', day: 1, start: '', duration: 120 },
        { id: 'b', day: 1, start: '', duration: 60 },
      ],
      { dayStart: '23:30', dayEnd: '02:00' },
    );
    // 23:30 + 3 h = 02:30, half an hour past 02:00.
    expect(schedule.items.map((item) => item.overruns)).toEqual([false, true]);
    expect(schedule.days[0]!.overrunMinutes).toBe(30);
  });

  it('ends a day that opens after the default end at that time the next day, not in the past', () => {
    const schedule = scheduleAgenda([{ id: 'a', day: 1, start: '', duration: 60 }], { dayStart: '23:30' });
    expect(schedule.days[0]!).toMatchObject({ start: 1410, end: 1440 + 18 * 60, overrunMinutes: 0 });
    expect(schedule.items[0]!.overruns).toBe(false);
  });

  it('keeps an evening start before the opening of a day that crosses midnight on that evening', () => {
    // 20:00 falls after the 02:00 end and before the 23:30 opening: the evening before, as ever.
    const schedule = scheduleAgenda(
      [
        { id: 'a', day: 1, start: '23:30', duration: 30 },
        { id: 'b', day: 1, start: '20:00', duration: 30 },
      ],
      { dayStart: '23:30', dayEnd: '02:00' },
    );
    expect(schedule.items.map((item) => [item.start, item.end, item.overruns])).toEqual([
      [1410, 1440, false],
      [1200, 1230, false],
    ]);
    expect(schedule.days[0]!.start).toBe(1200);
  });

  it('runs an overnight agenda on real time when the clocks go forward (Europe/Paris, 29 March 2026)', () => {
    // 02:00 becomes 03:00: two hours from 01:00 end at 04:00, and the agenda runs half an hour late.
    const schedule = scheduleAgenda(
      [
        { id: 'a', day: 1, start: '23:00', duration: 120 },
        { id: 'b', day: 1, start: '', duration: 120 },
        { id: 'c', day: 1, start: '', duration: 30 },
      ],
      { dayStart: '23:00', dayEnd: '04:00', startsOn: '2026-03-28', timeZone: 'Europe/Paris' },
    );
    expect(schedule.items.map((item) => [item.id, formatClock(item.start), formatClock(item.end), item.overruns])).toEqual([
      ['a', '23:00', '01:00', false],
      ['b', '01:00', '04:00', false],
      ['c', '04:00', '04:30', true],
    ]);
    expect(schedule.days[0]!.overrunMinutes).toBe(30);
  });

  it('runs an overnight agenda on real time when the clocks go back (Europe/Paris, 25 October 2026)', () => {
    // 03:00 becomes 02:00 again: four hours from 23:00 end at 02:00, and the agenda fits.
    const schedule = scheduleAgenda(
      [
        { id: 'a', day: 1, start: '23:00', duration: 240 },
        { id: 'b', day: 1, start: '', duration: 60 },
        { id: 'c', day: 1, start: '', duration: 60 },
      ],
      { dayStart: '23:00', dayEnd: '04:00', startsOn: '2026-10-24', timeZone: 'Europe/Paris' },
    );
    expect(schedule.items.map((item) => [item.id, formatClock(item.start), formatClock(item.end), item.overruns])).toEqual([
      ['a', '23:00', '02:00', false],
      ['b', '02:00', '03:00', false],
      ['c', '03:00', '04:00', false],
    ]);
    expect(schedule.days[0]!.overrunMinutes).toBe(0);
  });

  it('finds the night of the change on a later day of the meeting, and reads a skipped start after it (America/New_York)', () => {
    // Day 2 of a meeting from 7 March 2026 opens on the 8th, when 02:00 EST becomes 03:00 EDT.
    const spring = scheduleAgenda(
      [
        { id: 'a', day: 1, start: '10:00', duration: 60 },
        { id: 'b', day: 2, start: '01:00', duration: 90 },
        { id: 'c', day: 2, start: '02:30', duration: 30 },
      ],
      { dayStart: '10:00', dayEnd: '05:00', startsOn: '2026-03-07', timeZone: 'America/New_York' },
    );
    expect(spring.items.map((item) => [item.id, formatClock(item.start), formatClock(item.end)])).toEqual([
      ['a', '10:00', '11:00'],
      ['b', '01:00', '03:30'],
      // 02:30 does not exist that night: the clock reads 03:30 by then.
      ['c', '03:30', '04:00'],
    ]);
    // 1 November 2026: 02:00 EDT becomes 01:00 EST; three hours from 23:00 end at 01:00.
    const autumn = scheduleAgenda([{ id: 'a', day: 1, start: '23:00', duration: 180 }], {
      dayStart: '23:00',
      dayEnd: '02:00',
      startsOn: '2026-10-31',
      timeZone: 'America/New_York',
    });
    expect(autumn.items.map((item) => [formatClock(item.start), formatClock(item.end), item.overruns])).toEqual([
      ['23:00', '01:00', false],
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
