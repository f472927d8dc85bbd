/**
 * Constants and plain types of shared/schemas/attachments.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */

/** The `attachments` map of `live:{meetingId}`: attachment id to AttachmentDto. */
export const LIVE_ATTACHMENTS_MAP = 'attachments';

export const ATTACHMENT_LIMITS = { defaultMaxBytes: 25 * 1024 * 1024, nameChars: 180, perMinute: 30 } as const;
