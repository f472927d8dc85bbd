/**
 * Structured agenda items: their attributes (as stored on the `agendaItem` node of the agenda
 * document), their numbers, and their schedule. Used by the editor, the day view, the server's
 * meeting pack and the seed, so that every side numbers and times items the same way.
 */

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
  return numbers.map((number, index) => {
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
  /** Minutes since midnight. */
  start: number;
  end: number;
  /** True when the item ends after the end of its day. */
  overruns: boolean;
}

export interface ScheduledDay {
  day: number;
  start: number;
  end: number;
  /** Minutes past the end of the day that the last item ends; 0 when it fits. */
  overrunMinutes: number;
  /** Indexes into the input, in document order. */
  items: number[];
}

export interface Schedule {
  items: ScheduledItem[];
  days: ScheduledDay[];
}

/** Default hours of a meeting day, when the meeting says nothing else. */
export const DEFAULT_DAY = { start: '09:00', end: '18:00' } as const;

/**
 * Lays items on their days: an item with a start begins then; one without begins when the item
 * before it on the same day ends (or at the start of the day). A day overruns when its last item
 * ends after `dayEnd`.
 */
export function scheduleAgenda(items: readonly ScheduleInput[], options: { dayStart?: string; dayEnd?: string } = {}): Schedule {
  const dayStart = parseClock(options.dayStart ?? '') ?? (parseClock(DEFAULT_DAY.start) as number);
  const dayEnd = parseClock(options.dayEnd ?? '') ?? (parseClock(DEFAULT_DAY.end) as number);
  const cursor = new Map<number, number>();
  const days = new Map<number, ScheduledDay>();
  const scheduled = items.map((item, index) => {
    const begin = parseClock(item.start) ?? cursor.get(item.day) ?? dayStart;
    const end = begin + Math.max(0, item.duration);
    cursor.set(item.day, Math.max(end, cursor.get(item.day) ?? 0));
    let day = days.get(item.day);
    if (!day) {
      day = { day: item.day, start: begin, end: dayEnd, overrunMinutes: 0, items: [] };
      days.set(item.day, day);
    }
    day.start = Math.min(day.start, begin);
    day.items.push(index);
    day.overrunMinutes = Math.max(day.overrunMinutes, end - dayEnd);
    return { id: item.id, day: item.day, start: begin, end, overruns: end > dayEnd };
  });
  return { items: scheduled, days: [...days.values()].sort((a, b) => a.day - b.day) };
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
