/**
 * The floor's record (server/src/floor/packFloor.ts) said in the pack's language, one line per
 * turn, answered question and day, for every format to render: the stakeholder group in the
 * glossary's words, counts in the language's plural forms, the day as a date. They were once made
 * in English beside the store, and an Arabic pack said "Kwame Asante (civil-society)", "(1 votes)"
 * and "2026-12-07: 1 in the room".
 */
import { formatDay, formatList, isolate } from '../../../../shared/i18n/format.ts';
import { directionOf, type Language } from '../../../../shared/i18n/languages.ts';
import type { PackAttendanceDay, PackFloorRecord, PackQuestion, PackTurn } from '../../floor/packFloor.ts';
import { counted, fill, type Plural, SERVER_TEXT } from '../../i18n/serverText.ts';
import { stakeholderGroupIn } from '../../i18n/storeWords.ts';

export interface PackFloorLines {
  /** Per agenda item id: "Kwame Asante (Civil society), 2:10". */
  speakers: Record<string, string[]>;
  /** Per agenda item id: "Can observers join working groups? (2 votes)". */
  questions: Record<string, string[]>;
  /** "7 December 2026: 1 in the room (Carlos Mendes); 1 online (Kwame Asante)". */
  attendance: string[];
}

/** "2:05": a turn's length, the same in every language. */
const minutesAndSeconds = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export function packFloorLines(record: PackFloorRecord, language: Language): PackFloorLines {
  const words = SERVER_TEXT[language].floor;
  // Names, questions and lengths keep their own direction inside right-to-left text; English stays plain.
  const iso = (text: string) => (directionOf(language) === 'rtl' ? isolate(text) : text);
  const turn = (entry: PackTurn) =>
    fill(words.turn, {
      name: iso(entry.name),
      group: stakeholderGroupIn(language, entry.group),
      duration: iso(minutesAndSeconds(entry.seconds)),
    });
  const question = (entry: PackQuestion) =>
    fill(words.question, { text: iso(entry.text), votes: counted(language, words.votes, entry.votes) });
  const people = (plural: Plural, names: string[]) => {
    const count = counted(language, plural, names.length);
    return names.length ? fill(words.whom, { count, names: formatList(language, names.map(iso)) }) : count;
  };
  const day = (entry: PackAttendanceDay) =>
    fill(words.day, {
      day: formatDay(language, entry.day),
      room: people(words.inRoom, entry.room),
      online: people(words.online, entry.online),
    });
  const byItem = <T>(lists: Record<string, T[]>, line: (entry: T) => string) =>
    Object.fromEntries(Object.entries(lists).map(([itemId, list]) => [itemId, list.map(line)]));
  return {
    speakers: byItem(record.speakers, turn),
    questions: byItem(record.questions, question),
    attendance: record.attendance.map(day),
  };
}
