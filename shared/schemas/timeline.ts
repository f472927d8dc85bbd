import { type Static, Type } from 'typebox';
import { CALL_KINDS } from '../constants/meetings.ts';

export const TIMELINE_KINDS = ['meeting', 'call', 'poll', 'action'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineItemSchema = Type.Object({
  /** Unique in the timeline: `meeting:ID`, `call:ID`… */
  key: Type.String(),
  kind: Type.Enum(TIMELINE_KINDS),
  id: Type.String(),
  meetingId: Type.String(),
  meetingTitle: Type.String(),
  /** A title in English, for a reader that has no words of its own (the client composes its own from the fields below). */
  title: Type.String(),
  /** The item's own words, in the language they were written in: the meeting's title, the poll's question, the action's text; empty for a call. */
  subject: Type.String(),
  /** A call's kind (its title is said from it in the reader's language); null for the others. */
  callKind: Type.Union([Type.Enum(CALL_KINDS), Type.Null()]),
  /** An action's deadline as its author wrote it ("mid-February"); null when only the date was given, and for the others. */
  dueLabel: Type.Union([Type.String(), Type.Null()]),
  /** When it happens: an ISO date for all-day items (meetings, action deadlines), else an instant. */
  start: Type.String(),
  end: Type.Union([Type.String(), Type.Null()]),
  allDay: Type.Boolean(),
  /** A few words on its state: "open", "closed", "archived", the action's status. */
  status: Type.String(),
  workingGroupId: Type.Union([Type.String(), Type.Null()]),
  /** Whether it concerns the person asking in particular (their action, their working group's poll). */
  mine: Type.Boolean(),
  /** The page in the board (a path). */
  link: Type.String(),
});
export type TimelineItem = Static<typeof TimelineItemSchema>;

export const TimelineQuery = Type.Object({
  workingGroup: Type.Optional(Type.String({ maxLength: 64, description: 'a working group id' })),
  mine: Type.Optional(Type.Boolean({ description: 'only what concerns me, besides meetings and calls' })),
});
export type TimelineQuery = Static<typeof TimelineQuery>;

export const WorkingGroupOptionSchema = Type.Object({ id: Type.String(), name: Type.String(), meetingTitle: Type.String() });

export const TimelineSchema = Type.Object({
  items: Type.Array(TimelineItemSchema),
  /** The working groups to filter by. */
  workingGroups: Type.Array(WorkingGroupOptionSchema),
});
export type TimelineDto = Static<typeof TimelineSchema>;

export const CalendarTokenSchema = Type.Object({
  /** The secret feed address; shown once, replaced (and the old one refused) by the next request. */
  url: Type.String(),
  createdAt: Type.Number(),
});
