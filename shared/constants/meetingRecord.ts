/**
 * Constants and plain types of shared/schemas/meetingRecord.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */

/**
 * Keys of the `meeting` map of `live:{meetingId}`: `currentItem` (the agenda item's id; absent
 * when none), `startedAt` (epoch ms when it became current), `dayEnd` ("HH:MM").
 */
export const LIVE_MEETING_MAP = 'meeting';

/** The `actions` map of `live:{meetingId}`: per action id, the action as the API returns it. */
export const LIVE_ACTIONS_MAP = 'actions';
