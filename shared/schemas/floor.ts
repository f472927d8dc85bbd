/**
 * The floor of a meeting (speakers' list, turns, balance across stakeholder groups), attendance
 * and quorum, and the audience's questions: HTTP schemas, and what the `floor` and `questions`
 * maps of `live:{meetingId}` hold.
 */
import { type Static, Type } from 'typebox';
import { ATTENDANCE_MODES, BALANCE_RULES, FLOOR_LIMITS, HAND_LEFT_REASONS } from '../constants/floor.ts';
import { GroupSchema, Id, RequiredText } from './common.ts';

export {
  ATTENDANCE_MODES,
  type AttendanceMode,
  BALANCE_RULES,
  type Balance,
  type BalanceRule,
  byVotes,
  emptyBalance,
  FLOOR_LIMITS,
  FLOOR_WARNING_SECONDS,
  HAND_LEFT_REASONS,
  type HandLeftReason,
  LIVE_FLOOR_MAP,
  LIVE_QUESTIONS_MAP,
  warningSeconds,
} from '../constants/floor.ts';

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

/** How a person's latest hand on an item left the list (HAND_LEFT_REASONS). */
export const HandLeftSchema = Type.Object({ handId: Type.String(), reason: Type.Enum(HAND_LEFT_REASONS) });
export type HandLeft = Static<typeof HandLeftSchema>;

export const FloorItemSchema = Type.Object({
  itemId: Type.Union([Type.String(), Type.Null()]),
  queue: Type.Array(HandSchema),
  /** Per user id: how that person's latest hand that is no longer waiting left the list. */
  left: Type.Record(Type.String(), HandLeftSchema),
  balance: BalanceSchema,
  limitSeconds: Type.Integer(),
  balanceRule: BalanceRuleSchema,
});
export type FloorItem = Static<typeof FloorItemSchema>;

export const DayBalanceSchema = Type.Object({ day: Type.String(), balance: BalanceSchema });
export type DayBalance = Static<typeof DayBalanceSchema>;

export const MetaSchema = Type.Object({
  pendingQuestions: Type.Integer(),
  /**
   * The same per agenda item id ('' for no item): the chair's warning before moving on counts the
   * questions still waiting on the item left, which the `questions` map does not hold.
   */
  pendingByItem: Type.Record(Type.String(), Type.Integer()),
  questionsNeedApproval: Type.Boolean(),
  defaultLimitSeconds: Type.Integer(),
});
export type FloorMeta = Static<typeof MetaSchema>;

export const FloorStateSchema = Type.Object({
  currentItemId: Type.Union([Type.String(), Type.Null()]),
  speaking: Type.Optional(SpeakingSchema),
  queue: Type.Array(HandSchema),
  /** As the live item entry's `left`: per user id, how that person's latest hand on the current item left the list. */
  left: Type.Record(Type.String(), HandLeftSchema),
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
  text: RequiredText(FLOOR_LIMITS.question),
  anonymous: Type.Optional(Type.Boolean({ description: 'hide my name from other participants (never from moderators)' })),
  /** The agenda item (default: the current one). */
  itemId: Type.Optional(Type.String({ maxLength: 64 })),
});
export const QuestionsQuery = Type.Object({ itemId: Type.Optional(Type.String({ maxLength: 64 })) });
export const HideBody = Type.Object({ reason: RequiredText(FLOOR_LIMITS.reason) });
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
