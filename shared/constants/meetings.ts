/**
 * Constants and plain types of shared/schemas/meetings.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */
export const MEETING_FORMATS = ['in-person', 'online', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const MEETING_VISIBILITIES = ['mag', 'public'] as const;
export type MeetingVisibility = (typeof MEETING_VISIBILITIES)[number];

export const MEETING_STATUSES = ['active', 'archived'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const CALL_KINDS = ['PN', 'BPF', 'other'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/**
 * The `meetingStatus` map of `live:{meetingId}`: per meeting id (its own), the meeting's status as
 * `GET /api/meetings/:meetingId` gives it, so that a page open when the meeting is archived stops
 * offering what the server would refuse.
 */
export const LIVE_MEETING_STATUS_MAP = 'meetingStatus';
