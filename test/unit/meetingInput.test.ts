/** Meeting input checks (dates, IANA time zones, instants) and the client's wall-clock-to-instant conversion. */
import { describe, expect, it } from 'vitest';
import { checkMeetingDates, checkTimeZone, isTimeZone, parseInstant } from '../../server/src/meetings/meetingInput.ts';
import { zonedInstant } from '../../shared/i18n/format.ts';
import { formLine, formLineParts } from '../../shared/meetingForm.ts';
import { zonedInstant as clockInstant, dateStart } from '../../shared/zonedClock.ts';

describe('meeting input', () => {
  it('knows IANA time zones and refuses anything else, naming the field', () => {
    for (const zone of ['UTC', 'Europe/Oslo', 'America/Argentina/Buenos_Aires', 'Asia/Riyadh'])
      expect(isTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus_Mons', 'Europe/Osl', '', 'utc; drop table', '../etc'])
      expect(isTimeZone(zone), zone).toBe(false);
    expect(() => checkTimeZone('Atlantis/Capital')).toThrow(/timeZone/);
  });

  it('takes real dates in order and names the wrong one', () => {
    expect(() => checkMeetingDates('2025-02-25', '2025-02-27')).not.toThrow();
    expect(() => checkMeetingDates('2025-02-25', '2025-02-25')).not.toThrow();
    expect(() => checkMeetingDates('2025-02-25', '2025-02-24')).toThrow(/endsOn is before startsOn/);
    expect(() => checkMeetingDates('2025-02-29', '2025-03-01')).toThrow(/startsOn/);
    expect(() => checkMeetingDates('2024-02-29', '2024-13-01')).toThrow(/endsOn/);
  });

  it('reads instants with an offset or Z only', () => {
    expect(parseInstant('2025-02-01T09:00:00Z', 'opensAt')).toBe(Date.UTC(2025, 1, 1, 9));
    expect(parseInstant('2025-02-01T10:00+01:00', 'opensAt')).toBe(Date.UTC(2025, 1, 1, 9));
    for (const value of ['2025-02-01', '2025-02-01T09:00', 'tomorrow', '2025-02-30T09:00:00Z']) {
      expect(() => parseInstant(value, 'closesAt'), value).toThrow(/closesAt/);
    }
  });

  it('writes the one-line form older clients show', () => {
    expect(formLine('hybrid', 'Lillestrøm')).toBe('Hybrid, Lillestrøm');
    expect(formLine('online', '')).toBe('Online');
    expect(formLine('in-person', ' Geneva ')).toBe('In person, Geneva');
  });

  it('reads the format and the place back from that line, and nothing from a form typed by hand', () => {
    expect(formLineParts('Hybrid, Lillestrøm')).toEqual({ format: 'hybrid', place: 'Lillestrøm' });
    expect(formLineParts('Online')).toEqual({ format: 'online', place: '' });
    expect(formLineParts(formLine('in-person', 'Addis Ababa, Ethiopia'))).toEqual({
      format: 'in-person',
      place: 'Addis Ababa, Ethiopia',
    });
    for (const typed of ['plenary', 'Online meeting', 'Hybrid,', '']) expect(formLineParts(typed), typed).toBeUndefined();
  });

  it('reads a line typed by hand the same way before meetings had a format, whatever its case and spacing', () => {
    // The migration gave such a meeting its format from the line's start (lower(form) LIKE 'hybrid%').
    expect(formLineParts(' hybrid,Lillestrøm ')).toEqual({ format: 'hybrid', place: 'Lillestrøm' });
    expect(formLineParts('ONLINE')).toEqual({ format: 'online', place: '' });
  });

  it('turns a wall-clock time in a zone into the instant, across daylight-saving changes', () => {
    expect(zonedInstant('2025-02-17', '13:00', 'Europe/Oslo')).toBe(Date.UTC(2025, 1, 17, 12));
    expect(zonedInstant('2025-06-17', '13:00', 'Europe/Oslo')).toBe(Date.UTC(2025, 5, 17, 11));
    expect(zonedInstant('2025-03-30', '12:00', 'Europe/Oslo')).toBe(Date.UTC(2025, 2, 30, 10));
    expect(zonedInstant('2025-02-25', '10:00', 'UTC')).toBe(Date.UTC(2025, 1, 25, 10));
    expect(zonedInstant('2025-02-25', '10:00', 'Asia/Kolkata')).toBe(Date.UTC(2025, 1, 25, 4, 30));
  });

  it('reads a time the clocks pass twice, or skip, as the agenda’s schedule reads it', () => {
    const start = dateStart('2026-10-25')!;
    // 02:30 comes twice in Paris that night: its first passage (summer time), on the page and in the day view alike.
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Paris')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Paris')).toBe(clockInstant(start, 150, 'Europe/Paris'));
    // 02:30 never comes on the spring night: read with the offset before, it lands at 03:30.
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Paris')).toBe(clockInstant(dateStart('2026-03-29')!, 150, 'Europe/Paris'));
  });
});
