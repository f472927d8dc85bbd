/**
 * Running a meeting (the current agenda item, the hours of a day) and the agenda's version
 * history: HTTP schemas, and what the `meeting` map of `live:{meetingId}` holds.
 */
import { type Static, Type } from 'typebox';
import { Id, LanguageSchema, RequiredText } from './common.ts';

export { LIVE_ACTIONS_MAP, LIVE_MEETING_MAP } from '../constants/meetingRecord.ts';

export const CLOCK_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';

export const RunStateSchema = Type.Object({
  currentItem: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.Union([Type.Number(), Type.Null()]),
  dayEnd: Type.String({ pattern: CLOCK_PATTERN }),
  /** Server time of the response, so that a client can correct its clock for elapsed times. */
  now: Type.Number(),
});
export type RunState = Static<typeof RunStateSchema>;

/** An agenda item as `GET /api/meetings/:meetingId/agenda-items` lists it (its notes stay in the document). */
export const AgendaItemSummarySchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  fullNumber: Type.String(),
  title: Type.String(),
  level: Type.Number(),
  day: Type.Number(),
  start: Type.String(),
  duration: Type.Number(),
  presenter: Type.String(),
  expectedOutput: Type.String(),
  proposalId: Type.Union([Type.String(), Type.Null()]),
  pollId: Type.Union([Type.String(), Type.Null()]),
});
export type AgendaItemSummary = Static<typeof AgendaItemSummarySchema>;

export const CurrentItemBody = Type.Object({
  /** The agenda item's id; null ends the current item. */
  itemId: Type.Union([Id, Type.Null()]),
  /**
   * The item the move is made from, as the mover saw it (null: none was current). When given and
   * no longer current, the move is refused (409 CURRENT_ITEM_CHANGED) and nothing changes, rather
   * than moving on from an item someone else has already left.
   */
  from: Type.Optional(Type.Union([Id, Type.Null()])),
});

export const ScheduleBody = Type.Object({
  dayEnd: Type.String({ pattern: CLOCK_PATTERN, description: 'when a meeting day ends, HH:MM' }),
});

export const VERSION_KINDS = ['named', 'auto', 'restore'] as const;

/**
 * What an automatic version's name is made of, worded in the reader's language where it is shown
 * (`name` keeps the English wording for what reads it plainly): saved after an hour of editing at
 * `at`, just before restoring the version `versionId` (named `name` then), or by restoring it.
 * `kind`: that restored version's kind, stored since it was (absent from older origins), so that its
 * name is read as the board's wording only when the board named it: a name someone typed that looks
 * like "Automatic, …" stays as typed even when the version itself cannot be read.
 */
export const VersionOriginSchema = Type.Union([
  Type.Object({ made: Type.Literal('periodic'), at: Type.Number() }),
  Type.Object({
    made: Type.Union([Type.Literal('beforeRestore'), Type.Literal('restore')]),
    versionId: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    kind: Type.Optional(Type.Union([Type.Literal('named'), Type.Literal('auto'), Type.Literal('restore')])),
  }),
]);
export type VersionOrigin = Static<typeof VersionOriginSchema>;

export const VersionSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  name: Type.String(),
  /** For an automatic version: what its name is made of (versions saved before it: recognised from the stored English). */
  origin: Type.Optional(VersionOriginSchema),
  /** named (saved by someone), auto (hourly while editing, or before a restore), restore (the state a restore made). */
  kind: Type.Enum(VERSION_KINDS),
  /** The last update of the agenda's log that the version includes. */
  seq: Type.Number(),
  createdBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  createdAt: Type.Number(),
});
export type VersionDto = Static<typeof VersionSchema>;

export const NewVersionBody = Type.Object({
  name: RequiredText(120),
});

export const VersionParams = Type.Object({ meetingId: Id, versionId: Id });

export const DiffQuery = Type.Object({
  from: Id,
  /** A version id, or `current` for the agenda as it is now (the default). */
  to: Type.Optional(Type.String({ pattern: '^(current|[A-Za-z0-9_-]{1,64})$' })),
  /** The reader's language, for what the server words itself (an untitled item's title). */
  lang: Type.Optional(LanguageSchema),
});

/** One run of text in a diff: unchanged, or inserted / deleted by someone. */
export const DiffSpanSchema = Type.Object({
  text: Type.String(),
  change: Type.Optional(Type.Enum(['added', 'removed'])),
  /** Who inserted (added) or deleted (removed) it; null for the seed or an unknown author. */
  by: Type.Optional(Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()])),
});
export type DiffSpan = Static<typeof DiffSpanSchema>;

/** One block of the document in a diff, with its own change when the whole block came or went. */
export const DiffBlockSchema = Type.Object({
  /** The node type: paragraph, heading, agendaItemTitle, listItem … */
  type: Type.String(),
  /** Nesting depth (0 for top-level blocks). */
  depth: Type.Number(),
  change: Type.Optional(Type.Enum(['added', 'removed'])),
  by: Type.Optional(Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()])),
  spans: Type.Array(DiffSpanSchema),
  /**
   * For an agenda item: its number ("2", "2.a") and title, as the reader knows it (as it was, for a removed item);
   * an item without a title is "(untitled item)" in the reader's language.
   */
  item: Type.Optional(Type.Object({ number: Type.String(), title: Type.String() })),
  /** Attribute changes of the block (an agenda item's duration, presenter …). */
  attributes: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String(),
        from: Type.Unknown(),
        to: Type.Unknown(),
        by: Type.Optional(Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()])),
      }),
    ),
  ),
});
export type DiffBlock = Static<typeof DiffBlockSchema>;

export const DiffSchema = Type.Object({
  from: VersionSchema,
  /** Null when comparing with the agenda as it is now. */
  to: Type.Union([VersionSchema, Type.Null()]),
  blocks: Type.Array(DiffBlockSchema),
  /** Whether anything differs. */
  changed: Type.Boolean(),
});
export type DiffDto = Static<typeof DiffSchema>;

export const RestoreResultSchema = Type.Object({
  /** The version saved just before the restore (the state it replaced). */
  before: VersionSchema,
  /** The version recording the state after the restore. */
  after: VersionSchema,
  /** Whether the restore changed anything. */
  changed: Type.Boolean(),
});
