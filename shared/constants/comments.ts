/**
 * Constants and plain types of shared/schemas/comments.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */

/** Limits of what a comment may carry. */
export const COMMENT_LIMITS = {
  /** Characters (code points) of a comment's body. */
  body: 5000,
  /** Characters of the quoted passage an anchored thread keeps. */
  quote: 1000,
  /** Characters of an encoded Yjs relative position. */
  position: 400,
  /** Characters of a moderator's reason for hiding a comment. */
  reason: 500,
  /** New threads, replies and edits per person per minute (each). */
  perMinute: 30,
} as const;
