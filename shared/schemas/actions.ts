/**
 * Action items of a meeting: HTTP schemas, and the JSON each action has in the `actions` map of
 * `live:{meetingId}` (the same as `GET /api/meetings/:meetingId/actions` returns).
 */
import { type Static, Type } from 'typebox';
import { ACTION_LIMITS, OWNER_KINDS, SOURCE_TYPES } from '../constants/actions.ts';
import { ACTION_STATUSES, ISO_DATE_PATTERN } from '../dueDates.ts';
import { Id, RequiredText, RoleSchema } from './common.ts';

export {
  ACTION_LIMITS,
  canCreateActions,
  canEditAction,
  isOwnedBy,
  OWNER_KINDS,
  type OwnerKind,
  SOURCE_TYPES,
  type SourceType,
} from '../constants/actions.ts';

/**
 * Who is to do it: a person (a user of the board), a role ("the IGF Secretariat"), a group (a
 * working group, "co-facilitators of all MAG WGs") or an outside body ("the DCs", "ICANN").
 * `label` is what the pack prints; for a person the server sets it to the person's name.
 */
export const OwnerSchema = Type.Object({
  kind: Type.Enum(OWNER_KINDS),
  label: Type.String({ maxLength: ACTION_LIMITS.label }),
  /** The person, when kind is person. */
  userId: Type.Optional(Type.Union([Id, Type.Null()])),
  /** The role, when kind is role: the action shows in "my actions" of everyone with it. */
  role: Type.Optional(Type.Union([RoleSchema, Type.Null()])),
  /** The working group or other record the group stands for, when there is one. */
  refId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type Owner = Static<typeof OwnerSchema>;

export const IsoDate = Type.String({ pattern: ISO_DATE_PATTERN, description: 'ISO date, YYYY-MM-DD' });

export const DueSchema = Type.Object({
  label: Type.String({ maxLength: ACTION_LIMITS.label, description: 'as said: "by 15 February", "second half of February"' }),
  start: IsoDate,
  end: IsoDate,
});

/** A due date as sent: the words, and the range when the client knows it (else the server reads the words). */
export const DueInputSchema = Type.Object({
  label: Type.String({ maxLength: ACTION_LIMITS.label }),
  start: Type.Optional(IsoDate),
  end: Type.Optional(IsoDate),
});
export type DueInput = Static<typeof DueInputSchema>;

/** Where the action came from: typed directly, or from an agenda item, a comment or a poll's result. */
export const SourceSchema = Type.Object({
  type: Type.Enum(SOURCE_TYPES),
  id: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type Source = Static<typeof SourceSchema>;

export const ActionStatusSchema = Type.Enum(ACTION_STATUSES, { description: 'open, in-progress, done or dropped' });

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

export const ActionSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  text: Type.String(),
  owner: OwnerSchema,
  due: Type.Union([DueSchema, Type.Null()]),
  status: ActionStatusSchema,
  source: SourceSchema,
  /** The agenda item the action is filed under in the pack; null for none. */
  agendaItemId: Type.Union([Type.String(), Type.Null()]),
  /** Order within the meeting (creation order unless moved). */
  position: Type.Number(),
  /** Pending after the end of its due range, as of the response. */
  overdue: Type.Boolean(),
  createdBy: Type.Union([PersonRef, Type.Null()]),
  createdAt: Type.Number(),
  updatedBy: Type.Union([PersonRef, Type.Null()]),
  updatedAt: Type.Number(),
});
export type ActionDto = Static<typeof ActionSchema>;

export const NewActionSchema = Type.Object({
  text: RequiredText(ACTION_LIMITS.text),
  owner: OwnerSchema,
  due: Type.Optional(Type.Union([DueInputSchema, Type.Null()])),
  status: Type.Optional(ActionStatusSchema),
  source: Type.Optional(SourceSchema),
  agendaItemId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type NewAction = Static<typeof NewActionSchema>;

export const ActionPatchSchema = Type.Object({
  text: Type.Optional(RequiredText(ACTION_LIMITS.text)),
  owner: Type.Optional(OwnerSchema),
  due: Type.Optional(Type.Union([DueInputSchema, Type.Null()])),
  status: Type.Optional(ActionStatusSchema),
  agendaItemId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type ActionPatch = Static<typeof ActionPatchSchema>;

export const ActionListQuery = Type.Object({
  /** `me`: only the actions the asking user owns (in person or through their role). */
  owner: Type.Optional(Type.Literal('me')),
  status: Type.Optional(ActionStatusSchema),
});

export const ActionHistoryEntrySchema = Type.Object({
  at: Type.Number(),
  actor: Type.Union([PersonRef, Type.Null()]),
  /** `action.create`, `action.update`. */
  action: Type.String(),
  /** What changed: field to `{from, to}` (or the created action). */
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type ActionHistoryEntry = Static<typeof ActionHistoryEntrySchema>;
