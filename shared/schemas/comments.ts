/**
 * Comment threads on collaborative documents (a proposal's body, a meeting's agenda): the HTTP
 * schemas, and the JSON each thread has in the `threads` map of `live:{meetingId}`, which is the
 * same as what `GET /api/threads` returns.
 */
import { type Static, Type } from 'typebox';
import { COMMENT_LIMITS } from '../constants/comments.ts';
import { DocName, GroupSchema, RequiredText, RoleSchema } from './common.ts';

export { COMMENT_LIMITS } from '../constants/comments.ts';

/**
 * Where a thread is pinned: `from` and `to` are base64 of `Y.encodeRelativePosition`, so that the
 * passage follows concurrent edits; `quote` is the passage as it was, shown when it is deleted.
 */
export const AnchorSchema = Type.Object({
  from: Type.String({ minLength: 1, maxLength: COMMENT_LIMITS.position, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
  to: Type.String({ minLength: 1, maxLength: COMMENT_LIMITS.position, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
  quote: Type.String({ maxLength: COMMENT_LIMITS.quote }),
});
export type Anchor = Static<typeof AnchorSchema>;

export const MentionSchema = Type.Object({ id: Type.String(), name: Type.String() });

export const ModerationSchema = Type.Object({
  byId: Type.String(),
  byName: Type.String(),
  reason: Type.String(),
  at: Type.Number(),
});

export const CommentSchema = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  authorId: Type.String(),
  authorName: Type.String(),
  authorGroup: GroupSchema,
  authorRole: RoleSchema,
  /** Exactly as written; empty when the comment is hidden (the body is withheld from everyone). */
  body: Type.String(),
  createdAt: Type.Number(),
  editedAt: Type.Optional(Type.Number()),
  /** Present (true) when a moderator hid the comment. */
  hidden: Type.Optional(Type.Boolean()),
  /** Who hid it and why (when hidden). */
  moderation: Type.Optional(ModerationSchema),
  /** The people the body mentions (`<@userId>`), with their names for display. */
  mentions: Type.Array(MentionSchema),
});
export type CommentDto = Static<typeof CommentSchema>;

export const ThreadSchema = Type.Object({
  id: Type.String(),
  doc: Type.String(),
  meetingId: Type.String(),
  /** Null for a comment on the document as a whole. */
  anchor: Type.Union([AnchorSchema, Type.Null()]),
  resolved: Type.Boolean(),
  resolvedBy: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  resolvedAt: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  createdBy: Type.String(),
  createdAt: Type.Number(),
  /** Oldest first; comments deleted by their authors are left out. */
  comments: Type.Array(CommentSchema),
});
export type ThreadDto = Static<typeof ThreadSchema>;

export const CommentBodyText = RequiredText(COMMENT_LIMITS.body);

export const NewThreadBody = Type.Object({
  doc: DocName,
  body: CommentBodyText,
  anchor: Type.Optional(AnchorSchema),
});
export type NewThreadBody = Static<typeof NewThreadBody>;

export const NewCommentBody = Type.Object({ body: CommentBodyText });
export type NewCommentBody = Static<typeof NewCommentBody>;

export const DeleteCommentBody = Type.Object({
  /** A moderator's reason for hiding someone else's comment. */
  reason: Type.Optional(Type.String({ maxLength: COMMENT_LIMITS.reason })),
});
export type DeleteCommentBody = Static<typeof DeleteCommentBody>;

export const ThreadsQuery = Type.Object({ doc: DocName });

export const ModerationEntrySchema = Type.Object({
  commentId: Type.String(),
  threadId: Type.String(),
  doc: Type.String(),
  /** The comment's author (the body itself is withheld). */
  authorId: Type.String(),
  authorName: Type.String(),
  byId: Type.String(),
  byName: Type.String(),
  reason: Type.String(),
  at: Type.Number(),
});
export type ModerationEntry = Static<typeof ModerationEntrySchema>;
