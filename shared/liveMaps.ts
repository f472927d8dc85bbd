/**
 * The maps of the live document (`live:{meetingId}`), which only the server writes
 * (server/src/live/liveProjection.ts), with the schema of each map's values: one registry, so
 * that the client reads them typed (`useLiveMap('polls')`) without writing the type again.
 * A feature that projects a new map adds one line here.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { ActionSchema } from './schemas/actions.ts';
import { AttachmentSchema } from './schemas/attachments.ts';
import { ThreadSchema } from './schemas/comments.ts';
import { DayBalanceSchema, FloorItemSchema, MetaSchema, QuestionSchema, SpeakingSchema } from './schemas/floor.ts';
import { LiveMeetingStatusSchema } from './schemas/meetings.ts';
import { LivePollCountsSchema, LivePollSchema } from './schemas/polls.ts';
import { ProposalSchema } from './schemas/proposals.ts';
import { WorkingGroupSchema } from './schemas/workingGroups.ts';

export const LIVE_MAP_SCHEMAS = {
  /** Per thread id, the thread as the API returns it. */
  threads: ThreadSchema,
  /** Per proposal id, the proposal as the API returns it. */
  proposals: ProposalSchema,
  /** Per poll id, the poll as the API returns it, without its counts (POLL_COUNT_FIELDS). */
  polls: LivePollSchema,
  /** Per poll id, the poll's counts (`ballots`, and `tally`, `byGroup`, `rounds`, `quota` as visible), written with the poll. */
  pollCounts: LivePollCountsSchema,
  /** Per working group id, the group as the API returns it. */
  workingGroups: WorkingGroupSchema,
  /** Per action id, the action as the API returns it. */
  actions: ActionSchema,
  /** Keys `currentItem` (an agenda item id), `startedAt` (epoch ms), `dayEnd` ("HH:MM"). */
  meeting: Type.Union([Type.String(), Type.Number(), Type.Null()]),
  /** Per meeting id (the document's own), `{status, archivedAt}` as the API returns them. */
  meetingStatus: LiveMeetingStatusSchema,
  /** Keys `speaking`, `item:{itemId}`, `day` and `meta` (see shared/schemas/floor.ts). */
  floor: Type.Union([SpeakingSchema, FloorItemSchema, DayBalanceSchema, MetaSchema]),
  /** Per attachment id, the attachment (with its versions) as the API lists it. */
  attachments: AttachmentSchema,
  /** Per question id, the question as everyone may see it (approved ones only). */
  questions: QuestionSchema,
} as const satisfies Record<string, TSchema>;

export type LiveMapName = keyof typeof LIVE_MAP_SCHEMAS;

/** What one entry of map `N` holds. */
export type LiveMapEntry<N extends LiveMapName> = Static<(typeof LIVE_MAP_SCHEMAS)[N]>;

export const LIVE_MAP_NAMES = Object.keys(LIVE_MAP_SCHEMAS) as LiveMapName[];
