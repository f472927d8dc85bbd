/**
 * The floor's part of the meeting pack, as facts: per agenda item who spoke and for how long, and
 * the questions answered with their votes; per day who attended (in the room, online). The pack
 * says them in its reader's language (server/src/meetingRecord/pack/packFloorLines.ts).
 */

import { type AttendanceMode, byVotes } from '../../../shared/schemas/floor.ts';
import type { Store } from '../storage/store.ts';
import { AttendanceStore } from './attendanceStore.ts';
import { FloorStore } from './floorStore.ts';
import { QuestionStore } from './questionStore.ts';

export interface PackTurn {
  name: string;
  /** The stakeholder group's stored code ("civil-society"). */
  group: string;
  seconds: number;
}

export interface PackQuestion {
  text: string;
  votes: number;
}

export interface PackAttendanceDay {
  /** The meeting's day, "YYYY-MM-DD". */
  day: string;
  room: string[];
  online: string[];
}

export interface PackFloorRecord {
  /** Per agenda item id, the turns in the order they were given. */
  speakers: Record<string, PackTurn[]>;
  /** Per agenda item id, the answered questions, most votes first. */
  questions: Record<string, PackQuestion[]>;
  /** The days anyone checked in, in order, with the names of who did, in each mode. */
  attendance: PackAttendanceDay[];
}

export async function packFloorRecord(store: Store, meetingId: string): Promise<PackFloorRecord> {
  const now = Date.now();
  const speakers: Record<string, PackTurn[]> = {};
  for (const turn of await new FloorStore(store.db).turns(meetingId)) {
    // A turn still running counts until now.
    const spoken = (turn.endedAt ?? now) - (turn.startedAt ?? now);
    speakers[turn.itemId] ??= [];
    speakers[turn.itemId]!.push({ name: turn.name, group: turn.group, seconds: Math.max(0, Math.round(spoken / 1000)) });
  }
  const questions: Record<string, PackQuestion[]> = {};
  const answered = (await new QuestionStore(store.db).list(meetingId))
    .filter((question) => question.status === 'answered')
    .sort(byVotes);
  for (const question of answered) {
    questions[question.itemId] ??= [];
    questions[question.itemId]!.push({ text: question.text, votes: question.votes });
  }
  const attendees = await new AttendanceStore(store.db).list(meetingId);
  const days = [...new Set(attendees.map((entry) => entry.day))].sort();
  const attendance = days.map((day) => {
    const present = attendees.filter((entry) => entry.day === day);
    const names = (mode: AttendanceMode) => present.filter((entry) => entry.mode === mode).map((entry) => entry.name);
    return { day, room: names('room'), online: names('online') };
  });
  return { speakers, questions, attendance };
}
