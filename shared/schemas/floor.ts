/**
 * The floor of a meeting (speakers' list, turns, balance across stakeholder groups), attendance
 * and quorum, and the audience's questions: HTTP schemas, and what the `floor` and `questions`
 * maps of `live:{meetingId}` hold.
 */
import { type Static, Type } from 'typebox';
import { STAKEHOLDER_GROUPS } from '../roles.ts';
import { GroupSchema, Id } from './common.ts';

/**
 * Keys of the `floor` map of `live:{meetingId}`:
 * - `speaking`: the turn running now (SpeakingSchema) or absent;
 * - `item:{itemId}`: an agenda item's list (FloorItemSchema); `item:` alone when no item is current;
 * - `day`: the balance of the day (DayBalanceSchema);
 * - `meta`: MetaSchema (pending questions count, whether questions need approval, default limit).
 */
export const LIVE_FLOOR_MAP = 'floor';
/** The `questions` map: per question id, the question as everyone may see it (approved ones only). */
export const LIVE_QUESTIONS_MAP = 'questions';

export const FLOOR_LIMITS = { minSeconds: 10, maxSeconds: 3600, defaultSeconds: 180, question: 500, reason: 500 } as const;
/** Seconds before the end of a turn when screens warn. */
export const FLOOR_WARNING_SECONDS = 30;

export const BALANCE_RULES = ['none', 'least-spoken'] as const;
export type BalanceRule = (typeof BALANCE_RULES)[number];
export const BalanceRuleSchema = Type.Enum(BALANCE_RULES, {
  description: 'none, or least-spoken: the next speaker comes from the group that has spoken least on this item',
});

export const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

export const HandSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  group: GroupSchema,
  pointOfOrder: Type.Boolean(),
  /** Raised from the board (online) rather than added by the chair for someone in the room. */
  remote: Type.Boolean(),
  raisedAt: Type.Number(),
});
export type Hand = Static<typeof HandSchema>;

export const SpeakingSchema = Type.Object({
  handId: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  group: GroupSchema,
  itemId: Type.Union([Type.String(), Type.Null()]),
  pointOfOrder: Type.Boolean(),
  remote: Type.Boolean(),
  /** Server time (epoch ms) when the turn started: every screen counts down from it. */
  since: Type.Number(),
  limitSeconds: Type.Integer(),
});
export type Speaking = Static<typeof SpeakingSchema>;

export const GroupBalanceSchema = Type.Object({ turns: Type.Integer(), seconds: Type.Integer() });
/** Per stakeholder group: turns taken and seconds spoken (finished turns, plus the running one up to the time computed). */
export const BalanceSchema = Type.Record(Type.String(), GroupBalanceSchema);
export type Balance = Record<string, { turns: number; seconds: number }>;

export const FloorItemSchema = Type.Object({
  itemId: Type.Union([Type.String(), Type.Null()]),
  queue: Type.Array(HandSchema),
  balance: BalanceSchema,
  limitSeconds: Type.Integer(),
  balanceRule: BalanceRuleSchema,
});
export type FloorItem = Static<typeof FloorItemSchema>;

export const DayBalanceSchema = Type.Object({ day: Type.String(), balance: BalanceSchema });
export type DayBalance = Static<typeof DayBalanceSchema>;

export const MetaSchema = Type.Object({
  pendingQuestions: Type.Integer(),
  questionsNeedApproval: Type.Boolean(),
  defaultLimitSeconds: Type.Integer(),
});
export type FloorMeta = Static<typeof MetaSchema>;

export const FloorStateSchema = Type.Object({
  currentItemId: Type.Union([Type.String(), Type.Null()]),
  speaking: Type.Optional(SpeakingSchema),
  queue: Type.Array(HandSchema),
  balance: BalanceSchema,
  balanceDay: DayBalanceSchema,
  limitSeconds: Type.Integer(),
  balanceRule: BalanceRuleSchema,
  /** Server time of the response: clients correct their clock with it. */
  now: Type.Number(),
});
export type FloorState = Static<typeof FloorStateSchema>;

export const RaiseHandBody = Type.Object({
  pointOfOrder: Type.Optional(Type.Boolean()),
  /** Chair or secretariat only: someone in the room. */
  userId: Type.Optional(Id),
});
export const HandParams = Type.Object({ meetingId: Id, id: Id });

export const NextBody = Type.Object({
  /** Give the floor to this hand rather than the next in line (an override of the balance rule is audited). */
  handId: Type.Optional(Id),
});

export const QueueOrderBody = Type.Object({ ids: Type.Array(Id, { maxItems: 500 }) });

export const FloorSettingsBody = Type.Object({
  limitSeconds: Type.Integer({ minimum: FLOOR_LIMITS.minSeconds, maximum: FLOOR_LIMITS.maxSeconds }),
  balanceRule: Type.Optional(BalanceRuleSchema),
  /** The agenda item (default: the current one). */
  itemId: Type.Optional(Type.String({ maxLength: 64 })),
});

export const ATTENDANCE_MODES = ['room', 'online'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const AttendanceBody = Type.Object({
  day: Type.String({ pattern: DAY_PATTERN, description: 'YYYY-MM-DD' }),
  mode: Type.Enum(ATTENDANCE_MODES),
  /** Secretariat only: check someone else in. */
  userId: Type.Optional(Id),
});

export const AttendeeSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  role: Type.String(),
  group: GroupSchema,
  day: Type.String(),
  mode: Type.Enum(ATTENDANCE_MODES),
  at: Type.Number(),
});
export type Attendee = Static<typeof AttendeeSchema>;

export const QuorumSettingSchema = Type.Union([
  Type.Object({ count: Type.Integer({ minimum: 1, maximum: 10_000 }) }),
  Type.Object({ share: Type.Number({ exclusiveMinimum: 0, maximum: 1 }) }),
  Type.Null(),
]);
export type QuorumSetting = Static<typeof QuorumSettingSchema>;

export const QuorumStateSchema = Type.Object({
  setting: QuorumSettingSchema,
  /** The day counted (today where the meeting is). */
  day: Type.String(),
  /** MAG members: active chairs and members. */
  members: Type.Integer(),
  /** Members checked in today. */
  present: Type.Integer(),
  required: Type.Integer(),
  met: Type.Boolean(),
});
export type QuorumState = Static<typeof QuorumStateSchema>;

export const AttendanceSchema = Type.Object({
  /** Everyone checked in (secretariat and chair); only one's own check-ins otherwise. */
  attendees: Type.Array(AttendeeSchema),
  days: Type.Array(Type.Object({ day: Type.String(), room: Type.Integer(), online: Type.Integer() })),
  quorum: QuorumStateSchema,
});
export type Attendance = Static<typeof AttendanceSchema>;

export const QuorumBody = Type.Object({ quorum: QuorumSettingSchema });

export const QUESTION_STATUSES = ['pending', 'visible', 'answered', 'hidden'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QuestionSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  itemId: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  votes: Type.Integer(),
  status: Type.Enum(QUESTION_STATUSES),
  anonymous: Type.Boolean(),
  /** Absent for an anonymous question, except to moderators and its author. */
  authorId: Type.Optional(Type.String()),
  authorName: Type.Optional(Type.String()),
  createdAt: Type.Number(),
  answeredAt: Type.Union([Type.Number(), Type.Null()]),
  /** Only in answers to one person: whether they upvoted it, whether they asked it. */
  voted: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean()),
  hiddenReason: Type.Optional(Type.String()),
});
export type Question = Static<typeof QuestionSchema>;

export const AskBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: FLOOR_LIMITS.question }),
  anonymous: Type.Optional(Type.Boolean({ description: 'hide my name from other participants (never from moderators)' })),
  /** The agenda item (default: the current one). */
  itemId: Type.Optional(Type.String({ maxLength: 64 })),
});
export const QuestionsQuery = Type.Object({ itemId: Type.Optional(Type.String({ maxLength: 64 })) });
export const HideBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: FLOOR_LIMITS.reason }) });
export const QuestionSettingsBody = Type.Object({ requireApproval: Type.Boolean() });
export const VoteResponse = Type.Object({ votes: Type.Integer(), voted: Type.Boolean() });

export const QuestionModerationSchema = Type.Object({
  questionId: Type.String(),
  text: Type.String(),
  authorId: Type.String(),
  authorName: Type.String(),
  byId: Type.String(),
  byName: Type.String(),
  reason: Type.String(),
  at: Type.Number(),
});
export type QuestionModeration = Static<typeof QuestionModerationSchema>;

/** Every group with zero turns: a table shows groups that have not spoken too. */
export function emptyBalance(): Balance {
  return Object.fromEntries(STAKEHOLDER_GROUPS.map((group) => [group, { turns: 0, seconds: 0 }]));
}

/** Orders questions as every screen shows them: most votes first, then oldest first. */
export function byVotes(
  a: { votes: number; createdAt: number; id: string },
  b: { votes: number; createdAt: number; id: string },
): number {
  return b.votes - a.votes || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
