/**
 * The meeting pack ("Action items & next steps") as data, in the structure of the summaries the
 * MAG circulates: title, date, time and form; the numbered agenda items with their notes and
 * actions; the meeting's decisions; the agenda as an annex. Every format (Markdown, HTML, DOCX) renders this one model,
 * and rich text is first flattened into plain blocks and runs, so no format ever passes markup
 * from a document through.
 */
import { type AgendaItemRecord, type RichNode, scheduleAgenda } from '../../../../shared/agendaItems.ts';
import { pollElects } from '../../../../shared/constants/polls.ts';
import { formatDayRange, formatMeetingZone, formatTimeRange, isolate } from '../../../../shared/i18n/format.ts';
import { directionOf, type Language } from '../../../../shared/i18n/languages.ts';
import { isSafeHref } from '../../../../shared/richText.ts';
import type { ActionDto } from '../../../../shared/schemas/actions.ts';
import type { PackFloorRecord } from '../../floor/packFloor.ts';
import { counted, fill, intlLocale, labelled, SERVER_TEXT, type ServerText } from '../../i18n/serverText.ts';
import { meetingFormOf, STORE_WORDS } from '../../i18n/storeWords.ts';
import type { Meeting } from '../../meetings/meetingStore.ts';
import type { MeetingDecisions, PublicPoll } from '../../public/decisionRead.ts';
import { PUBLIC_TEXT } from '../../public/publicText.ts';
import { packFloorLines } from './packFloorLines.ts';

/** The pack's words in English; every language's are in server/src/i18n/serverText.ts. */
export const PACK_TEXT = SERVER_TEXT.en;

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  /** Only http, https and mailto links survive; anything else is plain text. */
  href?: string;
}

export interface Block {
  kind: 'paragraph' | 'heading' | 'bullet' | 'ordered' | 'quote' | 'code' | 'rule';
  /** List nesting, 0 outside lists. */
  depth: number;
  /** For ordered list items: the number. */
  index?: number;
  runs: Run[];
}

export interface PackAction {
  id: string;
  text: string;
  owner: string;
  due: string | null;
  status: ActionDto['status'];
}

export interface PackItem {
  id: string | null;
  number: string;
  fullNumber: string;
  level: number;
  title: string;
  day: number;
  /** "12:00–12:10", or empty when the item is not timed. */
  slot: string;
  duration: number;
  presenter: string;
  expectedOutput: string;
  notes: Block[];
  actions: PackAction[];
  /** Who spoke and for how long, from the floor. */
  speakers: string[];
  questionsAnswered: string[];
}

export interface PackModel {
  /** The language of the pack's own words (user content stays as written). */
  language: Language;
  direction: 'ltr' | 'rtl';
  text: ServerText;
  title: string;
  heading: string;
  /** "30 January 2025 | 12:00 Coordinated Universal Time (UTC) | Online" */
  dateLine: string;
  date: string;
  time: string;
  form: string;
  items: PackItem[];
  /** Actions filed under no agenda item (or under one no longer on the agenda). */
  otherActions: PackAction[];
  days: number[];
  /** One line per meeting day, from the floor's check-ins. */
  attendance: string[];
  /** Files attached to the meeting, its items and proposals, with their download paths. */
  attachments: PackAttachment[];
  /** The named versions of the agenda (what decisions cite), oldest first, with the SHA-256 shown on each version's public page. */
  versions: PackVersion[];
  /** Closed polls and changes of a proposal's status, oldest first, as the public page's Decisions list them. */
  decisions: PackDecision[];
}

/**
 * A decision in the pack's words. A poll's is its question, its ballot count and each option's
 * votes with the winners marked, as the public page shows them: counts only, never who voted how
 * (a secret ballot's voters are not even read). A status change's is the proposal and the status it reached.
 */
export interface PackDecision {
  kind: 'poll' | 'status';
  /** The poll's question, or the proposal's title. */
  title: string;
  /** "Secret ballot: totals only · 3 ballots · closed 30 January 2025, 13:05 UTC", or "30 January 2025, 13:05 UTC: accepted". */
  summary: string;
  /** A poll's options with their votes: "Yes: 3 (most votes)". */
  counts: string[];
}

export interface PackVersion {
  name: string;
  /** "2025-01-30 12:00 UTC" */
  savedAt: string;
  sha256: string;
}

export interface PackAttachment {
  name: string;
  url: string;
  /** "6.a. Title" of the agenda item it belongs to, if any. */
  item: string | null;
}

/** Flattens ProseMirror JSON blocks into plain blocks of runs. */
export function flattenRichText(nodes: readonly RichNode[], depth = 0): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        blocks.push({ kind: 'paragraph', depth, runs: runsOf(node) });
        break;
      case 'heading':
      case 'agendaItemTitle':
        blocks.push({ kind: 'heading', depth, runs: runsOf(node) });
        break;
      case 'codeBlock':
        blocks.push({ kind: 'code', depth, runs: [{ text: plain(node) }] });
        break;
      case 'horizontalRule':
        blocks.push({ kind: 'rule', depth, runs: [] });
        break;
      case 'blockquote':
        for (const block of flattenRichText(node.content ?? [], depth))
          blocks.push(block.kind === 'paragraph' ? { ...block, kind: 'quote' } : block);
        break;
      case 'bulletList':
      case 'orderedList': {
        const ordered = node.type === 'orderedList';
        let index = Number(node.attrs?.start ?? 1) || 1;
        for (const item of node.content ?? []) {
          const [first, ...rest] = item.content ?? [];
          const runs = first && first.type === 'paragraph' ? runsOf(first) : [];
          blocks.push({ kind: ordered ? 'ordered' : 'bullet', depth, ...(ordered ? { index } : {}), runs });
          const nested = first && first.type === 'paragraph' ? rest : (item.content ?? []);
          blocks.push(...flattenRichText(nested, depth + 1));
          index++;
        }
        break;
      }
      default:
        if (node.content) blocks.push(...flattenRichText(node.content, depth));
    }
  }
  return blocks;
}

function plain(node: RichNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(plain).join('');
}

function runsOf(node: RichNode): Run[] {
  const runs: Run[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'hardBreak') {
      runs.push({ text: '\n' });
      continue;
    }
    if (child.type !== 'text' || !child.text) continue;
    const run: Run = { text: child.text };
    for (const mark of child.marks ?? []) {
      if (mark.type === 'bold') run.bold = true;
      else if (mark.type === 'italic') run.italic = true;
      else if (mark.type === 'strike') run.strike = true;
      else if (mark.type === 'code') run.code = true;
      else if (mark.type === 'link' && typeof mark.attrs?.href === 'string' && isSafeHref(mark.attrs.href))
        run.href = mark.attrs.href;
    }
    runs.push(run);
  }
  return runs;
}

function packAction(action: ActionDto): PackAction {
  return { id: action.id, text: action.text, owner: action.owner.label, due: action.due?.label || null, status: action.status };
}

/** The meeting's time zone named in `language` ("Eastern Time", "America/New_York"), as the board names it. */
export function meetingZone(meeting: Meeting, language: Language): { name: string; id: string } {
  return formatMeetingZone({ startsOn: meeting.startsOn, startTime: meeting.startTime, timeZone: meeting.timezone }, language);
}

/** Builds the pack of a meeting from its agenda items and its action items (dropped ones are left out). */
export function buildPack(
  meeting: Meeting,
  items: AgendaItemRecord[],
  actions: ActionDto[],
  options: {
    dayEnd?: string;
    language?: Language;
    /** What the floor recorded, said in the pack's language here. */
    floor?: PackFloorRecord;
    attachments?: { name: string; url: string; itemId: string | null }[];
    /** The board's public origin (the first PUBLIC_ORIGIN): a circulated pack's links must work away from the board. */
    origin?: string;
    versions?: { name: string; savedAt: number; sha256: string }[];
    /** The meeting's decisions, from the read the public page makes (decisionRead.ts). */
    decisions?: Pick<MeetingDecisions, 'polls' | 'decisions'>;
  } = {},
): PackModel {
  const language = options.language ?? 'en';
  const locale = intlLocale(language);
  const kept = actions.filter((action) => action.status !== 'dropped').sort((a, b) => a.position - b.position);
  const schedule = scheduleAgenda(items, {
    dayStart: meeting.startTime,
    dayEnd: options.dayEnd,
    startsOn: meeting.startsOn,
    timeZone: meeting.timezone,
  });
  const ids = new Set(items.map((item) => item.id).filter(Boolean));
  // Times and ranges isolated only where they sit in right-to-left text; English output stays byte-for-byte plain.
  const iso = (text: string) => (directionOf(language) === 'rtl' ? isolate(text) : text);
  const text = SERVER_TEXT[language];
  // The start on the meeting's clock, that clock named in words, as the board's header says it.
  const zone = meetingZone(meeting, language);
  const time = meeting.startTime
    ? fill(text.timeInZone, { time: iso(meeting.startTime), zone: zone.name, id: iso(zone.id) })
    : '';
  // All the meeting's days, as the meeting list and the public page say them ("10–12 March 2027").
  const date = formatDayRange(locale, meeting.startsOn, meeting.endsOn || meeting.startsOn);
  // When a version was named, on the clock its digest's readers share (UTC), in the pack's language.
  const savedAt = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' });
  // The form in the pack's language ("Híbrida"), not the English line the store keeps for older clients.
  const form = meetingFormOf(language, meeting);
  const floor = options.floor ? packFloorLines(options.floor, language) : undefined;
  return {
    language,
    direction: directionOf(language),
    text,
    title: meeting.title,
    heading: text.heading,
    date,
    time,
    form,
    dateLine: [date, time, form].filter(Boolean).join(' | '),
    items: items.map((item, index) => {
      const slot = schedule.items[index]!;
      return {
        id: item.id,
        number: item.number,
        fullNumber: item.fullNumber,
        level: item.level,
        title: item.title,
        day: item.day,
        slot:
          item.duration > 0
            ? directionOf(language) === 'rtl'
              ? formatTimeRange(locale, slot.start, slot.end)
              : stripRange(locale, slot)
            : '',
        duration: item.duration,
        presenter: item.presenter,
        expectedOutput: item.expectedOutput,
        notes: flattenRichText(item.notes),
        actions: kept.filter((action) => action.agendaItemId !== null && action.agendaItemId === item.id).map(packAction),
        speakers: (item.id && floor?.speakers[item.id]) || [],
        questionsAnswered: (item.id && floor?.questions[item.id]) || [],
      };
    }),
    otherActions: kept.filter((action) => !action.agendaItemId || !ids.has(action.agendaItemId)).map(packAction),
    days: [...new Set(items.map((item) => item.day))].sort((a, b) => a - b),
    attendance: floor?.attendance ?? [],
    attachments: (options.attachments ?? []).map((file) => {
      const item = items.find((candidate) => candidate.id !== null && candidate.id === file.itemId);
      const url = options.origin && file.url.startsWith('/') ? `${options.origin.replace(/\/$/, '')}${file.url}` : file.url;
      return { name: file.name, url, item: item ? `${item.fullNumber}. ${itemTitle(item, text)}` : null };
    }),
    versions: (options.versions ?? []).map((version) => ({
      name: version.name,
      savedAt: iso(`${savedAt.format(version.savedAt)} UTC`),
      sha256: version.sha256,
    })),
    decisions: (options.decisions?.decisions ?? []).flatMap((decision): PackDecision[] => {
      const when = iso(`${savedAt.format(decision.at)} UTC`);
      if (decision.kind === 'status')
        return [
          {
            kind: 'status',
            title: decision.title,
            summary: labelled(text, when, decision.status ? STORE_WORDS[language].proposalStatus[decision.status] : ''),
            counts: [],
          },
        ];
      const entry = options.decisions?.polls.find((candidate) => candidate.poll.id === decision.subjectId);
      return entry ? [pollDecision(entry, when, language)] : [];
    }),
  };
}

/** A closed poll as the public page says it (its words, publicText.ts): kind of ballot, ballots, when it closed, each option's votes. */
function pollDecision({ poll, results }: PublicPoll, when: string, language: Language): PackDecision {
  const words = PUBLIC_TEXT[language].poll;
  const winners = new Set(results.winners ?? []);
  // An election's winners are elected; an ordinary poll's have the most votes (as the board's Polls tab says).
  const winner = pollElects(poll) ? words.elected : words.mostVotes;
  // What people wrote is isolated in right-to-left text, as the floor's names and questions are.
  const own = (text: string) => (directionOf(language) === 'rtl' ? isolate(text) : text);
  return {
    kind: 'poll',
    title: poll.question,
    summary: [
      poll.secret ? words.secret : words.named,
      counted(language, words.ballots, results.ballots),
      fill(words.closed, { time: when }),
    ].join(' · '),
    counts: poll.options.map(
      (option) =>
        `${labelled(SERVER_TEXT[language], own(option.label), String(results.tally?.[option.id] ?? 0))}${winners.has(option.id) ? ` ${winner}` : ''}`,
    ),
  };
}

/**
 * An item's title wherever the server names it: one without a title (a new item has none) reads as
 * untitled in `text`'s language, by default the pack's (English). The model keeps the title as
 * written, empty or not. (The search index holds no name for it, only the item's number.)
 */
export function itemTitle(item: Pick<PackItem, 'title'>, text: ServerText = PACK_TEXT): string {
  return item.title.trim() ? item.title : text.untitledItem;
}

/** "Owner: … · Due: …" after an action's text ("Responsable : …" in French: the punctuation is the language's). */
export function actionTail(action: PackAction, text: ServerText = PACK_TEXT): string {
  const parts = [labelled(text, text.owner, action.owner)];
  if (action.due) parts.push(labelled(text, text.due, action.due));
  if (action.status !== 'open') parts.push(text.status[action.status]);
  return parts.join(' · ');
}

/** A day of the agenda: its heading ("Day 2", "Día 2"), only when the meeting has several days, and its items in order. */
export interface AgendaDay {
  day: number;
  heading: string | null;
  items: PackItem[];
}

/** The agenda by day, as the annex and the public pages list it; headings in `text`'s language (a version's pack is English). */
export function agendaDays(pack: Pick<PackModel, 'days' | 'items' | 'text'>, text: ServerText = pack.text): AgendaDay[] {
  const multiDay = pack.days.length > 1;
  return pack.days.map((day) => ({
    day,
    heading: multiDay ? fill(text.day, { day: String(day) }) : null,
    items: pack.items.filter((item) => item.day === day),
  }));
}

/**
 * One line of the annex for an item: time slot, length, presenter, expected output. In English (a named
 * version's cited Markdown is made with the default) it reads exactly as it always has.
 */
export function annexDetails(item: PackItem, text: ServerText = PACK_TEXT): string {
  const parts: string[] = [];
  if (item.slot) parts.push(`${item.slot} (${item.duration} ${text.minutes})`);
  if (item.presenter) parts.push(labelled(text, text.presenter, item.presenter));
  if (item.expectedOutput) parts.push(labelled(text, text.expectedOutput, item.expectedOutput));
  return parts.join(' · ');
}

/** "12:00–12:10" without isolates, for left-to-right packs. */
function stripRange(locale: string, slot: { start: number; end: number }): string {
  return formatTimeRange(locale, slot.start, slot.end).replace(/[\u2068\u2069]/g, '');
}
