/**
 * English dates and times are said the British way, as the United Nations writes them, on the
 * board and in the server's documents alike (shared/i18n/format.ts): "25 February 2025", "10:00".
 */
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatList, formatMeetingDays, intlLocale } from '../../shared/i18n/format.ts';

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
