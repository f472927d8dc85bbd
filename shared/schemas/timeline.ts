import { type Static, Type } from 'typebox';

export const TIMELINE_KINDS = ['meeting', 'call', 'poll', 'action'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineItemSchema = Type.Object({
  /** Unique in the timeline: `meeting:ID`, `call:ID`… */
  key: Type.String(),
  kind: Type.Enum(TIMELINE_KINDS),
  id: Type.String(),
  meetingId: Type.String(),
  meetingTitle: Type.String(),
  title: Type.String(),
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
