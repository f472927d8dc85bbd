/**
 * English dates and times are said the British way, as the United Nations writes them, on the
 * board and in the server's documents alike (shared/i18n/format.ts): "25 February 2025", "10:00".
 */
import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatDay,
  formatInstantRange,
  formatList,
  formatMeetingDays,
  formatMeetingZone,
  formatZoneName,
  intlLocale,
  meetingOpening,
  sameWallClock,
  stripIsolates,
} from '../../shared/i18n/format.ts';

describe('English dates', () => {
  const at = Date.UTC(2025, 1, 25, 14, 5);
  it('put the day before the month and use the 24-hour clock', () => {
    expect(formatDay('en', '2025-02-25')).toBe('25 February 2025');
    expect(formatMeetingDays({ startsOn: '2025-02-25', endsOn: '2025-02-27', timeZone: 'UTC' }, 'en')).toMatch(
      /^25\s?–\s?27 February 2025$/,
    );
    const moment = formatDateTime('en', at, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    expect(moment).toContain('25 February 2025');
    expect(moment).toContain('14:05');
    expect(moment).not.toMatch(/PM/);
  });

  it('leave the other languages as they are', () => {
    expect(intlLocale('fr')).toBe('fr');
    expect(formatDay('fr', '2025-02-25')).toBe('25 février 2025');
  });
});

describe('a moment readers in several zones read', () => {
  const at = Date.UTC(2025, 1, 25, 14, 5);
  it('names the zone, with the same date and time as without it', () => {
    const tokyo = formatDateTime('en', at, { dateStyle: 'long', timeZone: 'Asia/Tokyo', withZone: true });
    expect(tokyo).toContain('25 February 2025');
    expect(tokyo).toContain('23:05');
    expect(tokyo).toMatch(/GMT\+9|JST/);
    expect(formatDateTime('en', at, { dateStyle: 'long', timeZone: 'Asia/Tokyo' })).not.toMatch(/GMT|JST/);
    expect(formatDateTime('fr', at, { dateStyle: 'long', timeZone: 'Europe/Paris', withZone: true })).toMatch(
      /^25 février 2025.*15:05.*(UTC\+1|CET|HNEC)/,
    );
  });
});

describe('lists', () => {
  it('say measures as a list of units, without a conjunction', () => {
    expect(formatList('en', ['3 proposals', '1 poll'], 'unit')).toBe('3 proposals, 1 poll');
    expect(formatList('en', ['3 proposals', '1 poll'])).toBe('3 proposals and 1 poll');
  });
});

describe('the agenda’s time zone and the reader’s clock', () => {
  // 09:30 in New York on 10 March 2027 (UTC−5), 23:30 in Tokyo.
  const opening = Date.UTC(2027, 2, 10, 14, 30);
  it('names a zone in the reader’s language, in words where it has no name of its own', () => {
    expect(formatZoneName('en', 'America/New_York', opening)).toEqual({ name: 'Eastern Time', id: 'America/New_York' });
    expect(formatZoneName('fr', 'Asia/Tokyo', opening).name).toBe('heure normale du Japon');
    expect(formatZoneName('en', 'UTC', opening).name).toBe('Coordinated Universal Time');
    expect(formatZoneName('en', 'Mars/Olympus', opening)).toEqual({ name: 'Mars/Olympus', id: 'Mars/Olympus' });
  });

  it('names a meeting’s zone as at its opening, in the reader’s language, for the header, the pack and the public pages', () => {
    const newYork = { startsOn: '2027-03-10', startTime: '09:30', timeZone: 'America/New_York' };
    expect(meetingOpening(newYork)).toBe(opening);
    // Without a start time, the agenda's day opens at 09:00.
    expect(meetingOpening({ ...newYork, startTime: '' })).toBe(opening - 30 * 60_000);
    expect(formatMeetingZone(newYork, 'fr')).toEqual({ name: 'heure de l’Est nord-américain', id: 'America/New_York' });
    expect(formatMeetingZone(newYork, 'zh')).toEqual(formatZoneName('zh', 'America/New_York', opening));
    expect(formatMeetingZone({ ...newYork, timeZone: 'UTC' }, 'es').name).toBe('tiempo universal coordinado');
    // A malformed date still names the zone, as it is now.
    expect(formatMeetingZone({ ...newYork, startsOn: 'soon' }, 'en').name).toBe('Eastern Time');
  });

  it('tells clocks that show the same time apart from those that do not', () => {
    expect(sameWallClock(opening, 'Europe/London', 'UTC')).toBe(true);
    expect(sameWallClock(opening, 'America/New_York', 'Asia/Tokyo')).toBe(false);
  });

  it('says a range on the reader’s clock, with the days only when asked, in order on a right-to-left page', () => {
    const end = opening + 90 * 60_000;
    expect(stripIsolates(formatInstantRange('en', opening, end, { timeZone: 'Asia/Tokyo' }))).toBe('23:30–01:00');
    expect(
      stripIsolates(formatInstantRange('en', opening, opening + 510 * 60_000, { timeZone: 'Asia/Tokyo', withDay: true })),
    ).toMatch(/^Wed 10 Mar, 23:30\s–\sThu 11 Mar, 08:00$/);
    expect(formatInstantRange('ar', opening, end, { timeZone: 'Asia/Tokyo' })).toMatch(/^\u2068.*\u2069$/);
  });
});
