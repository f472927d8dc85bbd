/**
 * The floor's part of the meeting pack: per agenda item who spoke and for how long, and the
 * questions answered; per day who attended (in the room, online).
 */

import { byVotes } from '../../../shared/schemas/floor.ts';
import type { Store } from '../storage/store.ts';
import { AttendanceStore } from './attendanceStore.ts';
import { FloorStore } from './floorStore.ts';
import { QuestionStore } from './questionStore.ts';

export interface PackFloorRecord {
  /** Per agenda item id: "Kwame Asante (civil-society), 2:10". */
  speakers: Record<string, string[]>;
  /** Per agenda item id: the answered questions' text, with their votes. */
  questions: Record<string, string[]>;
  /** One line per day: "2025-01-30: 12 in the room, 30 online — names…". */
  attendance: string[];
}

const duration = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

export async function packFloorRecord(
  store: Store,
  meetingId: string,
  groupName: (group: string) => string = (g) => g,
): Promise<PackFloorRecord> {
  const now = Date.now();
  const speakers: Record<string, string[]> = {};
  for (const turn of await new FloorStore(store.db).turns(meetingId)) {
    const spoken = (turn.endedAt ?? now) - (turn.startedAt ?? now);
    speakers[turn.itemId] ??= [];
    speakers[turn.itemId]!.push(`${turn.name} (${groupName(turn.group)}), ${duration(spoken)}`);
  }
  const questions: Record<string, string[]> = {};
  const answered = (await new QuestionStore(store.db).list(meetingId))
    .filter((question) => question.status === 'answered')
    .sort(byVotes);
  for (const question of answered) {
    questions[question.itemId] ??= [];
    questions[question.itemId]!.push(`${question.text} (${question.votes} votes)`);
  }
  const attendees = await new AttendanceStore(store.db).list(meetingId);
  const days = [...new Set(attendees.map((entry) => entry.day))].sort();
  const attendance = days.map((day) => {
    const present = attendees.filter((entry) => entry.day === day);
    const room = present.filter((entry) => entry.mode === 'room');
    const online = present.filter((entry) => entry.mode === 'online');
    const names = (list: typeof present) => list.map((entry) => entry.name).join(', ');
    return `${day}: ${room.length} in the room${room.length ? ` (${names(room)})` : ''}; ${online.length} online${online.length ? ` (${names(online)})` : ''}`;
  });
  return { speakers, questions, attendance };
}
