/**
 * Numbers, dates, times, time ranges, lists and relative times in any of the six languages, through
 * Intl only: the one place the client and the server (pack, CSV, iCalendar, emails) format them.
 *
 * Mixed direction: on a right-to-left page a bare "10:00–10:20" is reordered by the Unicode bidi
 * algorithm into "10:20–10:00". Time ranges therefore come wrapped in Unicode isolates
 * (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE): digits have no strong direction, so the
 * isolate lays out left to right and reads in order inside any sentence, in any language.
 */
import { DEFAULT_DAY } from '../agendaItems.ts';
import { zonedInstant as clockInstant, dateStart, wallMinutes } from '../zonedClock.ts';
import type { Language } from './languages.ts';

export const FSI = '\u2068';
export const PDI = '\u2069';

/**
 * The locale Intl is asked for: English is said the British way, as at the United Nations
 * ("25 February 2025", "10:00"), not the American ("February 25, 2025", "10:00 AM").
 */
export const intlLocale = (language: string): string => (language === 'en' ? 'en-GB' : language);

/** Wraps text in Unicode isolates, so it keeps its own direction inside text of the other one. */
export const isolate = (text: string): string => `${FSI}${text}${PDI}`;

/** Removes isolates, for plain-text outputs that do not want them (CSV cells, file names). */
export const stripIsolates = (text: string): string => text.replace(/[\u2066-\u2069]/g, '');

type Lang = Language | string;

export function formatNumber(language: Lang, value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(intlLocale(language), options).format(value);
}

export function formatPercent(language: Lang, ratio: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits }).format(ratio);
}

/** A calendar day given as "YYYY-MM-DD" (no time zone: it is the same day everywhere). */
export function formatDay(language: Lang, isoDay: string, dateStyle: 'long' | 'medium' | 'full' = 'long'): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle, timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

/** A range of calendar days ("YYYY-MM-DD"), said the language's way ("1–10 April 2025"); one day when they are equal. */
export function formatDayRange(language: Lang, startIsoDay: string, endIsoDay: string): string {
  if (startIsoDay === endIsoDay) return formatDay(language, startIsoDay);
  // ICU has no long-date range pattern for Chinese (it falls back to "2025/4/1 – 2025/4/10").
  if (language.startsWith('zh')) return `${formatDay(language, startIsoDay)}至${formatDay(language, endIsoDay)}`;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).formatRange(
    new Date(`${startIsoDay}T00:00:00Z`),
    new Date(`${endIsoDay}T00:00:00Z`),
  );
}

/**
 * A moment (epoch milliseconds) as date and time, in the reader's time zone unless one is given.
 * `withZone` names the zone ("… 09:00 GMT+9"): for a moment readers in several zones read, such as
 * a call's deadline. Intl will not combine `dateStyle` with a zone name, so the same date and time
 * are then asked for field by field.
 */
export function formatDateTime(
  language: Lang,
  at: number | Date,
  options: {
    dateStyle?: 'long' | 'medium' | 'short';
    timeStyle?: 'short' | 'medium';
    timeZone?: string;
    withZone?: boolean;
  } = {},
): string {
  const { dateStyle = 'medium', timeStyle = 'short', timeZone, withZone = false } = options;
  const zone = timeZone ? { timeZone } : {};
  if (!withZone) return new Intl.DateTimeFormat(intlLocale(language), { dateStyle, timeStyle, ...zone }).format(at);
  const month = ({ long: 'long', medium: 'short', short: 'numeric' } as const)[dateStyle];
  return new Intl.DateTimeFormat(intlLocale(language), {
    year: 'numeric',
    month,
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(timeStyle === 'medium' ? { second: '2-digit' } : {}),
    timeZoneName: 'short',
    ...zone,
  }).format(at);
}

/** A moment's date only. */
export function formatDate(language: Lang, at: number | Date, dateStyle: 'long' | 'medium' | 'short' = 'medium'): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle }).format(at);
}

/**
 * A clock time given as minutes since midnight (as the agenda counts), on the 24-hour clock the
 * UN's programmes use; past midnight wraps as a clock does.
 */
export function formatClockTime(language: Lang, minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return new Intl.DateTimeFormat(intlLocale(language), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(Date.UTC(2000, 0, 1, Math.floor(m / 60), m % 60));
}

/** "10:00–10:20", isolated so that it reads from start to end on a right-to-left page too. */
export function formatTimeRange(language: Lang, startMinutes: number, endMinutes: number): string {
  return isolate(`${formatClockTime(language, startMinutes)}–${formatClockTime(language, endMinutes)}`);
}

/** "a, b and c" with the language's own conjunction and separators; 'unit' lists measures ("3 proposals, 1 poll"). */
export function formatList(
  language: Lang,
  items: readonly string[],
  type: 'conjunction' | 'disjunction' | 'unit' = 'conjunction',
): string {
  return new Intl.ListFormat(intlLocale(language), { style: 'long', type }).format(items);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 minutes ago", "in 2 days", "yesterday": the largest unit that fits. */
export function formatRelativeTime(language: Lang, at: number, now: number = Date.now()): string {
  const difference = at - now;
  const format = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(difference) >= size || unit === 'second') return format.format(Math.round(difference / size), unit);
  }
  return format.format(0, 'second');
}

/** The days and times of a meeting as a meeting carries them (MeetingDto has them all). */
export interface MeetingTimes {
  startsOn: string;
  endsOn?: string;
  /** "HH:MM" in the meeting's zone, or empty. */
  startTime?: string;
  timeZone: string;
}

/**
 * The instant of a wall-clock date ("YYYY-MM-DD") and time ("HH:MM") in an IANA zone, read as the
 * agenda's schedule reads its times (shared/zonedClock.ts): one zone arithmetic for both, so a time
 * the clocks pass twice is the same instant on the meeting's page and in its day view.
 */
export function zonedInstant(date: string, time: string, zone: string): number {
  const start = dateStart(date);
  const [hours = Number.NaN, minutes = 0] = time.split(':').map(Number);
  return start === null ? Number.NaN : clockInstant(start, hours * 60 + minutes, zone);
}

/**
 * "17–18 February 2025" (or one day), in the reader's language; dates are the meeting's own days.
 * Every view of a meeting (the list, its page's header, the pack, the public page) says its days
 * through formatDayRange, so none of them shows only the first day of a meeting of several.
 */
export function formatMeetingDays(meeting: MeetingTimes, language: Lang): string {
  return formatDayRange(language, meeting.startsOn, meeting.endsOn || meeting.startsOn);
}

/** The start in the reader's own time zone, when the meeting has a start time; null otherwise. */
export function formatViewerStart(meeting: MeetingTimes, language: Lang): string | null {
  if (!meeting.startTime) return null;
  const at = zonedInstant(meeting.startsOn, meeting.startTime, meeting.timeZone);
  // dateStyle and timeStyle cannot be combined with timeZoneName: spell the parts out.
  return new Intl.DateTimeFormat(intlLocale(language), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(at));
}

/**
 * A time zone's name in the reader's language at an instant, as Intl says it ("Eastern Time",
 * "heure normale du Japon"), with its IANA name for those who know zones by it; a name Intl does
 * not know is said as it is.
 */
export function formatZoneName(language: Lang, zone: string, at: number = Date.now()): { name: string; id: string } {
  const named = (timeZoneName: 'longGeneric' | 'long') =>
    new Intl.DateTimeFormat(intlLocale(language), { timeZone: zone, timeZoneName })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
  try {
    // The generic name ("Eastern Time") holds across summer and winter; a zone without one (UTC) gets an
    // offset ("GMT+00:00"), where the long name says it in words ("Coordinated Universal Time").
    const generic = named('longGeneric');
    const name = generic && !/\d/.test(generic) ? generic : named('long');
    return { name: name ?? zone, id: zone };
  } catch {
    return { name: zone, id: zone };
  }
}

/** The meeting's first opening: its first day at its start time, else at the agenda's default start (NaN for a bad date). */
export function meetingOpening(meeting: MeetingTimes): number {
  return zonedInstant(meeting.startsOn, meeting.startTime || DEFAULT_DAY.start, meeting.timeZone);
}

/**
 * The meeting's zone in the reader's language, named as it is at the meeting's first opening (a
 * zone without a generic name says summer or winter time): the one naming of the agenda's note,
 * the meeting's header and card, the pack and the public pages, so all of them say the same words.
 */
export function formatMeetingZone(meeting: MeetingTimes, language: Lang): { name: string; id: string } {
  const opening = meetingOpening(meeting);
  return formatZoneName(language, meeting.timeZone, Number.isFinite(opening) ? opening : Date.now());
}

/** The browser's own time zone (the reader's), as an IANA name. */
export const readerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Whether clocks in the two zones show the same time at the instant `at` (Europe/London and UTC in winter do). */
export function sameWallClock(at: number, zone: string, otherZone: string): boolean {
  try {
    return wallMinutes(at, 0, zone) === wallMinutes(at, 0, otherZone);
  } catch {
    return true;
  }
}

/**
 * Two instants as a range of 24-hour clock times in the reader's time zone (or `timeZone`), with
 * the weekday and date when `withDay` ("Wed 10 Mar, 23:30 – Thu 11 Mar, 08:00"): where the
 * meeting's day falls on the reader's clock. Isolated, as formatTimeRange.
 */
export function formatInstantRange(
  language: Lang,
  from: number,
  to: number,
  options: { timeZone?: string; withDay?: boolean } = {},
): string {
  const { timeZone, withDay = false } = options;
  const format = new Intl.DateTimeFormat(intlLocale(language), {
    ...(withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  } as Intl.DateTimeFormatOptions);
  // Without the day, Intl's range across the reader's midnight would bring the dates back in: say the
  // two clock times, as formatTimeRange does ("23:30–01:00").
  if (!withDay) return isolate(`${format.format(from)}–${format.format(to)}`);
  return isolate(format.formatRange(from, Math.max(from, to)));
}
