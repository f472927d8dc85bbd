/**
 * Polls and elections: request and response schemas, and the JSON each poll has in
 * `live:{meetingId}`: the shape of `GET /api/polls/:id`, split in two maps (`polls`: the poll
 * without its counts; `pollCounts`: its counts, POLL_COUNT_FIELDS).
 */
import { type Static, Type } from 'typebox';
import {
  POLL_AUDIENCES,
  POLL_COUNT_FIELDS,
  POLL_KINDS,
  POLL_LIMITS,
  POLL_STATUSES,
  type PollKind,
  RESULT_VISIBILITIES,
} from '../constants/polls.ts';
import { GroupSchema, Id, NameText, RequiredText } from './common.ts';

export {
  LIVE_POLL_COUNTS_MAP,
  LIVE_POLLS_MAP,
  POLL_AUDIENCES,
  POLL_COUNT_FIELDS,
  POLL_KINDS,
  POLL_LIMITS,
  POLL_STATUSES,
  type PollAudience,
  type PollKind,
  type PollStatus,
  RESULT_VISIBILITIES,
  type ResultVisibility,
  SECRET_MIN_GROUP_BALLOTS,
} from '../constants/polls.ts';

export const PollKindSchema = Type.Enum(POLL_KINDS, { description: 'single choice, multiple choice or ranked' });
export const PollAudienceSchema = Type.Enum(POLL_AUDIENCES, {
  description: 'members (secretariat, chair, members), everyone signed in, or the members of the working group',
});
export const PollStatusSchema = Type.Enum(POLL_STATUSES);
export const ResultVisibilitySchema = Type.Enum(RESULT_VISIBILITIES);

export const CreatePollBody = Type.Object({
  question: RequiredText(POLL_LIMITS.question),
  kind: PollKindSchema,
  options: Type.Array(
    Type.Object({
      label: NameText(POLL_LIMITS.label, { description: 'stored normal (NFKC, one kind of space, trimmed)' }),
      /** A candidate of an election: the user this option stands for. */
      userId: Type.Optional(Id),
    }),
    { minItems: POLL_LIMITS.minOptions, maxItems: POLL_LIMITS.maxOptions },
  ),
  audience: PollAudienceSchema,
  secret: Type.Optional(Type.Boolean({ description: 'keep who voted apart from how (default false)' })),
  results: Type.Optional(ResultVisibilitySchema),
  maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: POLL_LIMITS.maxOptions, description: 'multiple choice only' })),
  seats: Type.Optional(
    Type.Integer({ minimum: 1, maximum: POLL_LIMITS.maxOptions - 1, description: 'winners to elect (default 1)' }),
  ),
  workingGroupId: Type.Optional(Id),
  requiresQuorum: Type.Optional(
    Type.Boolean({ description: 'cannot open below the meeting quorum (409 QUORUM_NOT_MET); attendance is kept at close' }),
  ),
});
export type CreatePollBody = Static<typeof CreatePollBody>;

export const PollOptionSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  userId: Type.Optional(Type.String()),
});
export type PollOption = Static<typeof PollOptionSchema>;

const Counts = Type.Record(Type.String(), Type.Number(), { description: 'option id to votes' });

export const GroupCountSchema = Type.Object({ ballots: Type.Integer(), tally: Counts });

export const CountRoundSchema = Type.Object({
  round: Type.Integer(),
  counts: Counts,
  exhausted: Type.Number(),
  lost: Type.Optional(Type.Number()),
  elected: Type.Array(Type.String()),
  action: Type.Optional(
    Type.Object({
      kind: Type.Enum(['surplus', 'exclusion']),
      option: Type.String(),
      transferValue: Type.Optional(Type.Number()),
      tieBreak: Type.Optional(Type.Enum(['earlier-rounds', 'option-order'])),
    }),
  ),
});

/** What `GET /api/polls/:id/results` answers; every field but `status` and `ballots` only when visible. */
export const PollResultsSchema = Type.Object({
  status: PollStatusSchema,
  /** Number of voters who have a ballot in. */
  ballots: Type.Integer(),
  /** False while the results are `after-close` and the poll is not closed: the counts are withheld. */
  resultsVisible: Type.Boolean(),
  method: Type.Optional(Type.Enum(['plurality', 'approval', 'instant-runoff', 'stv'])),
  /** Votes per option (first preferences for ranked polls). */
  tally: Type.Optional(Counts),
  /** Per stakeholder group (and `other` for merged small groups of a secret poll). */
  byGroup: Type.Optional(Type.Record(Type.String(), GroupCountSchema)),
  /** Ranked polls: the count round by round. */
  rounds: Type.Optional(Type.Array(CountRoundSchema)),
  quota: Type.Optional(Type.Number()),
  /** Once closed: the option ids elected (an election) or with most votes (an ordinary poll, ties included). */
  winners: Type.Optional(Type.Array(Type.String())),
  /** Once closed: options tied across an election's last seat (single and multiple choice), not elected; a runoff decides. */
  tied: Type.Optional(Type.Array(Type.String())),
});
export type PollResults = Static<typeof PollResultsSchema>;

/** A poll as everyone may see it: its definition and its results (as visible). */
export const PollSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  question: Type.String(),
  kind: PollKindSchema,
  audience: PollAudienceSchema,
  secret: Type.Boolean(),
  results: ResultVisibilitySchema,
  maxChoices: Type.Optional(Type.Integer()),
  seats: Type.Integer(),
  workingGroupId: Type.Optional(Type.String()),
  options: Type.Array(PollOptionSchema),
  createdAt: Type.Number(),
  openedAt: Type.Optional(Type.Number()),
  closedAt: Type.Optional(Type.Number()),
  // The results, flattened in (as in the live document).
  status: PollStatusSchema,
  ballots: Type.Integer(),
  resultsVisible: Type.Boolean(),
  method: PollResultsSchema.properties.method,
  tally: PollResultsSchema.properties.tally,
  byGroup: PollResultsSchema.properties.byGroup,
  rounds: PollResultsSchema.properties.rounds,
  quota: PollResultsSchema.properties.quota,
  winners: PollResultsSchema.properties.winners,
  tied: PollResultsSchema.properties.tied,
});
export type PollDto = Static<typeof PollSchema>;

/** A poll's entry in the `polls` map of `live:{meetingId}`: the poll without its counts (POLL_COUNT_FIELDS). */
export const LivePollSchema = Type.Omit(PollSchema, POLL_COUNT_FIELDS);
/** A poll's entry in the `pollCounts` map of `live:{meetingId}`: the counts that move with every ballot. */
export const LivePollCountsSchema = Type.Pick(PollSchema, POLL_COUNT_FIELDS);

export const PollParams = Type.Object({ id: Id });

export const BallotBody = Type.Object({
  choices: Type.Array(Id, {
    maxItems: POLL_LIMITS.maxOptions,
    description: 'option ids; for a ranked poll, in order of preference',
  }),
});
export type BallotBody = Static<typeof BallotBody>;

export const BallotResponse = Type.Object({
  voted: Type.Boolean(),
  /** True when this ballot replaced the voter's earlier one. */
  replaced: Type.Optional(Type.Boolean()),
  /** The voter's choices: named polls only (a secret ballot is never read back, not even by its voter). */
  choices: Type.Optional(Type.Array(Type.String())),
});
export type BallotResponse = Static<typeof BallotResponse>;

export const VoterSchema = Type.Object({ id: Type.String(), name: Type.String(), group: GroupSchema });
export type Voter = Static<typeof VoterSchema>;

/** The roll call of a named poll. */
export const NamedBallotSchema = Type.Object({ voter: VoterSchema, choices: Type.Array(Type.String()) });

/**
 * Why a ballot is not valid, or null when it is: at least one choice, every choice an option of
 * this poll, none twice (no duplicate ranks), one for single choice, at most `maxChoices` for
 * multiple choice.
 */
export function ballotProblem(
  poll: { kind: PollKind; options: readonly { id: string }[]; maxChoices?: number | null | undefined },
  choices: readonly string[],
): string | null {
  if (choices.length === 0) return 'Choose at least one option.';
  const known = new Set(poll.options.map((option) => option.id));
  const unknown = choices.find((choice) => !known.has(choice));
  if (unknown !== undefined) return 'A choice is not an option of this poll.';
  if (new Set(choices).size !== choices.length) {
    return poll.kind === 'ranked' ? 'Each option can be ranked only once.' : 'An option is chosen more than once.';
  }
  if (poll.kind === 'single' && choices.length > 1) return 'Choose only one option.';
  if (poll.kind === 'multiple') {
    const max = poll.maxChoices ?? poll.options.length;
    if (choices.length > max) return `Choose at most ${max} options.`;
  }
  return null;
}
