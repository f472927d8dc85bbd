/**
 * Proposals for Policy Networks (PN), Best Practice Forums (BPF) and other intersessional work:
 * the HTTP schemas, shared by the server (validation, OpenAPI) and the client (types).
 */
import { type Static, Type } from 'typebox';
import { PROPOSAL_KINDS, PROPOSAL_LIMITS, PROPOSAL_STATUSES } from '../constants/proposals.ts';
import { GroupSchema, Id, RequiredText, RoleSchema } from './common.ts';

export {
  PROPOSAL_KINDS,
  PROPOSAL_LIMITS,
  PROPOSAL_STATUSES,
  type ProposalKind,
  type ProposalStatus,
} from '../constants/proposals.ts';

export const ProposalKindSchema = Type.Enum(PROPOSAL_KINDS, { description: 'PN, BPF or other' });
export const ProposalStatusSchema = Type.Enum(PROPOSAL_STATUSES, {
  description: 'submitted, under discussion, selected, merged, on hold or discontinued',
});

/** A person as a proposal or a comment shows them. */
export const PersonSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  group: GroupSchema,
});
export type Person = Static<typeof PersonSchema>;

export const StatusChangeSchema = Type.Object({
  status: ProposalStatusSchema,
  /** Who changed it (the submitter for the first entry). */
  by: PersonSchema,
  /** Epoch milliseconds, stamped by the server. */
  at: Type.Number(),
});
export type StatusChange = Static<typeof StatusChangeSchema>;

export const ProposalSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  kind: ProposalKindSchema,
  title: Type.String(),
  summary: Type.String(),
  status: ProposalStatusSchema,
  /** The proposal's body: the collaborative document `proposal:{id}`. */
  doc: Type.String(),
  /** Whether observers may comment on it. */
  publicComment: Type.Boolean(),
  submitter: PersonSchema,
  /** The submitter and the co-authors: they write the body. */
  authors: Type.Array(PersonSchema),
  /** Comments on the proposal's body that everyone can read (not deleted, not hidden). */
  commentCount: Type.Number(),
  statusHistory: Type.Array(StatusChangeSchema),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
});
export type ProposalDto = Static<typeof ProposalSchema>;

const Title = RequiredText(PROPOSAL_LIMITS.title);
const Summary = Type.String({ maxLength: PROPOSAL_LIMITS.summary });
const AuthorIds = Type.Array(Id, { maxItems: PROPOSAL_LIMITS.authors, description: 'co-authors, by user id' });

export const NewProposalBody = Type.Object({
  kind: ProposalKindSchema,
  title: Title,
  summary: Summary,
  /** Co-authors besides the submitter. */
  coAuthorIds: Type.Optional(AuthorIds),
  publicComment: Type.Optional(Type.Boolean()),
});
export type NewProposalBody = Static<typeof NewProposalBody>;

export const ProposalPatchBody = Type.Object({
  status: Type.Optional(ProposalStatusSchema),
  title: Type.Optional(Title),
  summary: Type.Optional(Summary),
  kind: Type.Optional(ProposalKindSchema),
  publicComment: Type.Optional(Type.Boolean()),
  /** Replaces the co-authors (the submitter stays an author). */
  coAuthorIds: Type.Optional(AuthorIds),
});
export type ProposalPatchBody = Static<typeof ProposalPatchBody>;

export const ProposalListQuery = Type.Object({
  kind: Type.Optional(ProposalKindSchema),
  status: Type.Optional(ProposalStatusSchema),
  /** The submitter's stakeholder group. */
  group: Type.Optional(GroupSchema),
  /** Words in the title or summary. */
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
export type ProposalListQuery = Static<typeof ProposalListQuery>;

export const MemberSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  group: GroupSchema,
  role: RoleSchema,
});
export type MemberDto = Static<typeof MemberSchema>;

export const MemberSearchQuery = Type.Object({
  q: Type.String({ maxLength: 100, description: 'the start of a name, or of any word of it' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});
export type MemberSearchQuery = Static<typeof MemberSearchQuery>;
