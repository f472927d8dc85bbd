/**
 * Structured agenda items: their attributes (as stored on the `agendaItem` node of the agenda
 * document), their numbers, and their schedule. Used by the editor, the day view, the server's
 * meeting pack and the seed, so that every side numbers and times items the same way.
 */
import { dateStart, wallMinutes, zonedInstant } from './zonedClock.ts';

/** What an agenda item carries besides its title and notes. */
export interface AgendaItemAttrs {
  /** Stable id: the current item, action items and links point at it. */
  id: string | null;
  /** 0 for a numbered item (1, 2, 3), 1 for a sub-item of the item before it (a, b, c). */
  level: number;
  /** Day of the meeting, from 1. */
  day: number;
  /** Planned start, "HH:MM", or empty to follow the item before it. */
  start: string;
  /** Planned length in minutes. */
  duration: number;
  presenter: string;
  expectedOutput: string;
  /** Optional link to a proposal of the meeting. */
  proposalId: string | null;
  /** Optional link to a poll of the meeting. */
  pollId: string | null;
}

export const AGENDA_ITEM_DEFAULTS: AgendaItemAttrs = {
  id: null,
  level: 0,
  day: 1,
  start: '',
  duration: 15,
  presenter: '',
  expectedOutput: '',
  proposalId: null,
  pollId: null,
};

/** Limits that the editor's details form and the server both keep. */
export const AGENDA_ITEM_LIMITS = { maxDuration: 24 * 60, maxDay: 31, text: 500 } as const;

/**
 * How many days a meeting has (its first and last day, "YYYY-MM-DD", both counted): an agenda
 * item's day is one of them. Never fewer than 1 nor more than AGENDA_ITEM_LIMITS.maxDay.
 */
export function meetingDayCount(startsOn: string, endsOn: string | undefined): number {
  const days = Math.round((Date.parse(`${endsOn || startsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000) + 1;
  return Number.isFinite(days) ? Math.min(AGENDA_ITEM_LIMITS.maxDay, Math.max(1, days)) : AGENDA_ITEM_LIMITS.maxDay;
}

/**
 * Whether `value` may be stored as an agenda item's day in a meeting of `dayCount` days: a whole
 * number from 1 to `dayCount`. The server refuses any other in an update of the agenda
 * (server/src/meetingRecord/agendaItemDays.ts); the details form refuses it before that.
 */
export function isMeetingDay(value: unknown, dayCount: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= dayCount;
}

/**
 * The day of a meeting of `dayCount` days nearest to `value`: an item copied from a longer meeting
 * (pasted, or by "Create from") lands on the last day rather than on one the meeting does not have.
 */
export function nearestMeetingDay(value: unknown, dayCount: number): number {
  return Math.min(dayCount, normaliseAgendaItemAttrs({ day: value }).day);
}

/** Fills missing or malformed attributes with defaults (attributes come from a shared document). */
export function normaliseAgendaItemAttrs(raw: Record<string, unknown> | undefined): AgendaItemAttrs {
  const attrs = raw ?? {};
  const text = (value: unknown, fallback: string) =>
    typeof value === 'string' ? value.slice(0, AGENDA_ITEM_LIMITS.text) : fallback;
  const int = (value: unknown, fallback: number, min: number, max: number) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
  };
  const id = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    id: id(attrs.id),
    level: int(attrs.level, 0, 0, 1),
    day: int(attrs.day, 1, 1, AGENDA_ITEM_LIMITS.maxDay),
    start: typeof attrs.start === 'string' && parseClock(attrs.start) !== null ? attrs.start : '',
    duration: int(attrs.duration, AGENDA_ITEM_DEFAULTS.duration, 0, AGENDA_ITEM_LIMITS.maxDuration),
    presenter: text(attrs.presenter, ''),
    expectedOutput: text(attrs.expectedOutput, ''),
    proposalId: id(attrs.proposalId),
    pollId: id(attrs.pollId),
  };
}

/** Minutes since midnight of "HH:MM", or null. */
export function parseClock(value: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** "HH:MM" of minutes since midnight (past midnight wraps, as a clock does). */
export function formatClock(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Letters for sub-items: a … z, then aa, ab … */
function letter(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/**
 * The number of each item, in document order: "1", "2", … for items of level 0 and "a", "b", …
 * for the sub-items that follow one (a sub-item before any item counts as an item).
 */
export function numberAgendaItems(levels: readonly number[]): string[] {
  let main = 0;
  let sub = 0;
  return levels.map((level) => {
    if (level > 0 && main > 0) return letter(sub++);
    main += 1;
    sub = 0;
    return String(main);
  });
}

/** The full label of an item: "6" or "6.a". */
export function fullNumbers(levels: readonly number[]): string[] {
  const numbers = numberAgendaItems(levels);
  let parent = '';
  return numbers.map((number) => {
    if (/^\d+$/.test(number)) {
      parent = number;
      return number;
    }
    return `${parent}.${number}`;
  });
}

export interface ScheduleInput {
  id: string | null;
  day: number;
  start: string;
  duration: number;
}

export interface ScheduledItem {
  id: string | null;
  day: number;
  /**
   * Clock times, in minutes since the midnight before its day opened; past the next midnight, 1440
   * and on. Across a daylight-saving change, end minus start is not the length: the clock jumped.
   */
  start: number;
  end: number;
  /** True when the item ends after the end of its day. */
  overruns: boolean;
}

export interface ScheduledDay {
  day: number;
  start: number;
  /** When the day ends, after its start: 1440 and on when it ends after midnight. */
  end: number;
  /** Minutes (that really pass) from the end of the day to the end of its last item; 0 when it fits. */
  overrunMinutes: number;
  /** Indexes into the input, in document order. */
  items: number[];
}

export interface Schedule {
  items: ScheduledItem[];
  days: ScheduledDay[];
}

export interface ScheduleOptions {
  dayStart?: string;
  dayEnd?: string;
  /** The meeting's first day, "YYYY-MM-DD": day 2 is the day after, and so on. */
  startsOn?: string;
  /** The meeting's IANA time zone; without it (or without startsOn), clocks never change. */
  timeZone?: string;
}

/** Default hours of a meeting day, when the meeting says nothing else. */
export const DEFAULT_DAY = { start: '09:00', end: '18:00' } as const;

/**
 * Lays items on their days: an item with a start begins then; one without begins when the item
 * before it on the same day ends (or at the start of the day). A day overruns when its last item
 * ends after `dayEnd`.
 *
 * A day may cross midnight: its end is the first time `dayEnd` comes round after the day opens (its
 * first item's start), so an end no later than the opening is the next morning (23:30 to 02:00 is a
 * day of 150 minutes; with the default 18:00, a day opening at 23:30 ends at 18:00 the next day).
 * On such a day an item whose start is before the opening but no later than the end begins after
 * midnight. Times past midnight count on from 1440; shown as clock times, they wrap (see formatClock).
 *
 * Times are wall-clock times of the meeting's place, but lengths are minutes that really pass: the
 * schedule runs on instants in the meeting's time zone, so an item of 60 minutes from 01:30 on a
 * spring-forward night in Paris ends at 03:30, and an overrun counts real minutes. A start the
 * clocks skip is read as the same time after the change (02:30 is 03:30); one they show twice is its
 * first passage.
 */
export function scheduleAgenda(items: readonly ScheduleInput[], options: ScheduleOptions = {}): Schedule {
  const dayStart = parseClock(options.dayStart ?? '') ?? (parseClock(DEFAULT_DAY.start) as number);
  const endClock = parseClock(options.dayEnd ?? '') ?? (parseClock(DEFAULT_DAY.end) as number);
  const first = dateStart(options.startsOn ?? '');
  // Without a date the night of a change is unknown: count plain clock minutes (UTC has no changes).
  const zone = first !== null && options.timeZone ? options.timeZone : 'UTC';
  const dateOf = (day: number) => (first ?? 0) + (day - 1) * 86_400_000;
  const instant = (day: number, minutes: number) => zonedInstant(dateOf(day), minutes, zone);
  const clock = (day: number, at: number) => wallMinutes(at, dateOf(day), zone);
  // Instants (milliseconds) from here on; clock minutes only where a person reads or types them.
  const cursor = new Map<number, number>();
  const days = new Map<number, ScheduledDay & { opens: number; endsAt: number }>();
  const scheduled = items.map((item, index) => {
    let day = days.get(item.day);
    const typed = parseClock(item.start);
    let begin: number;
    if (!day) {
      const opens = typed ?? dayStart;
      begin = instant(item.day, opens);
      const endsAt = instant(item.day, endClock > opens ? endClock : endClock + 1440);
      day = {
        day: item.day,
        start: clock(item.day, begin),
        end: clock(item.day, endsAt),
        overrunMinutes: 0,
        items: [],
        opens,
        endsAt,
      };
      days.set(item.day, day);
    } else if (typed === null) {
      begin = cursor.get(item.day) ?? instant(item.day, day.opens);
    } else {
      // On a day that crosses midnight, 00:30 is the next morning's, not the evening before the opening.
      const afterMidnight = day.end >= 1440 && typed < day.opens && typed + 1440 <= day.end;
      begin = instant(item.day, afterMidnight ? typed + 1440 : typed);
    }
    const end = begin + Math.max(0, item.duration) * 60_000;
    cursor.set(item.day, Math.max(end, cursor.get(item.day) ?? end));
    day.start = Math.min(day.start, clock(item.day, begin));
    day.items.push(index);
    day.overrunMinutes = Math.max(day.overrunMinutes, Math.round((end - day.endsAt) / 60_000));
    return { id: item.id, day: item.day, start: clock(item.day, begin), end: clock(item.day, end), overruns: end > day.endsAt };
  });
  return {
    items: scheduled,
    days: [...days.values()].sort((a, b) => a.day - b.day).map(({ opens: _opens, endsAt: _endsAt, ...day }) => day),
  };
}

/** ProseMirror JSON, as much of it as this module reads. */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** An agenda item read out of the agenda document. */
export interface AgendaItemRecord extends AgendaItemAttrs {
  /** "6" or "a" (see numberAgendaItems). */
  number: string;
  /** "6" or "6.a". */
  fullNumber: string;
  title: string;
  /** The notes and decisions under the item, as ProseMirror JSON blocks. */
  notes: RichNode[];
}

/** The text of a node and its descendants. */
export function textOf(node: RichNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textOf).join('');
}

/** The agenda items of a document (ProseMirror JSON of the whole agenda), in order and numbered. */
export function readAgendaItems(doc: RichNode): AgendaItemRecord[] {
  const nodes = (doc.content ?? []).filter((node) => node.type === 'agendaItem');
  const attrs = nodes.map((node) => normaliseAgendaItemAttrs(node.attrs));
  const numbers = numberAgendaItems(attrs.map((a) => a.level));
  const full = fullNumbers(attrs.map((a) => a.level));
  return nodes.map((node, index) => {
    const [title, ...notes] = node.content ?? [];
    return {
      ...attrs[index]!,
      number: numbers[index]!,
      fullNumber: full[index]!,
      title: title?.type === 'agendaItemTitle' ? textOf(title).trim() : '',
      notes: title?.type === 'agendaItemTitle' ? notes : (node.content ?? []),
    };
  });
}
