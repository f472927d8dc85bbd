/**
 * Due dates of action items. Meetings set deadlines the way people speak ("by 15 February", "in
 * the second half of February"), so a due date keeps the words as said (`label`) and the range of
 * days they mean (`start`…`end`, ISO dates, equal for an exact date). An action is overdue once
 * the last day of its range has passed and it is still open or in progress.
 */

export interface Due {
  label: string;
  /** ISO date, YYYY-MM-DD. */
  start: string;
  /** ISO date, YYYY-MM-DD; equal to start for an exact date. */
  end: string;
}

export const ISO_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
const ISO_DATE = new RegExp(ISO_DATE_PATTERN);

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  return MONTHS.findIndex((month) => month === w || (w.length >= 3 && month.startsWith(w)));
}

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** Today as an ISO date in UTC (deadlines are dates, not instants). */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The range of days a spoken deadline means, relative to `reference` (the meeting's date): the
 * year is the reference's, or the next one when the words name a month long past. Understands an
 * ISO date, "15 February [2025]", "February 15", "by 15 February", "mid-February", "early / late
 * February", "first / second half of February", "end of February", "February". Null otherwise.
 */
export function parseDue(label: string, reference: string): Due | null {
  const text = label.trim().toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ');
  const clean = text.replace(/^(by|before|on|in|during|until|in the|at the|the|no later than)\s+/, '').replace(/^the\s+/, '');
  if (isIsoDate(clean)) return { label: label.trim(), start: clean, end: clean };
  const refYear = Number(reference.slice(0, 4)) || new Date().getUTCFullYear();
  const refMonth = Number(reference.slice(5, 7)) - 1 || 0;
  const yearFor = (month: number, explicit?: string) => {
    if (explicit) return Number(explicit);
    // A month more than two months before the reference's is next year's.
    return month < refMonth - 2 ? refYear + 1 : refYear;
  };
  const range = (year: number, month: number, from: number, to: number): Due => ({
    label: label.trim(),
    start: iso(year, month, from),
    end: iso(year, month, Math.min(to, lastDay(year, month))),
  });

  let m = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)(?: (\d{4}))?$/.exec(clean);
  if (m) {
    const month = monthIndex(m[2]!);
    const year = yearFor(month, m[3]);
    const day = Number(m[1]);
    if (month >= 0 && day >= 1 && day <= lastDay(year, month)) return range(year, month, day, day);
  }
  m = /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/.exec(clean);
  if (m) {
    const month = monthIndex(m[1]!);
    const year = yearFor(month, m[3]);
    const day = Number(m[2]);
    if (month >= 0 && day >= 1 && day <= lastDay(year, month)) return range(year, month, day, day);
  }
  m = /^(first half|second half|mid|middle|early|beginning|late|end)(?:-| of | )([a-z]+)(?: (\d{4}))?$/.exec(clean);
  if (m) {
    const month = monthIndex(m[2]!);
    if (month >= 0) {
      const year = yearFor(month, m[3]);
      const last = lastDay(year, month);
      const spans: Record<string, [number, number]> = {
        'first half': [1, 15],
        'second half': [16, last],
        mid: [11, 20],
        middle: [11, 20],
        early: [1, 10],
        beginning: [1, 10],
        late: [21, last],
        end: [21, last],
      };
      const [from, to] = spans[m[1]!]!;
      return range(year, month, from, to);
    }
  }
  m = /^([a-z]+)(?: (\d{4}))?$/.exec(clean);
  if (m) {
    const month = monthIndex(m[1]!);
    if (month >= 0 && m[1]!.length >= 3) {
      const year = yearFor(month, m[2]);
      return range(year, month, 1, lastDay(year, month));
    }
  }
  return null;
}

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Still to be done: open or in progress. */
export function isPending(status: ActionStatus): boolean {
  return status === 'open' || status === 'in-progress';
}

/** Overdue: still pending after the last day of its due range. */
export function isOverdue(action: { status: ActionStatus; due: Due | null }, today: string = todayIso()): boolean {
  return action.due !== null && isPending(action.status) && action.due.end < today;
}
