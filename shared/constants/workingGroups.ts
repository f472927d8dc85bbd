/**
 * Constants and plain types of shared/schemas/workingGroups.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */

/** The Y.Map of `live:{meetingId}` that holds the working groups, per group id. */
export const LIVE_WORKING_GROUPS_MAP = 'workingGroups';

/** The named roles of a group: its co-facilitators, and liaisons (e.g. the official DC-MAG liaison). */
export const WORKING_GROUP_ROLES = ['co-facilitator', 'liaison'] as const;
export type WorkingGroupRole = (typeof WORKING_GROUP_ROLES)[number];

export const WORKING_GROUP_LIMITS = { name: 200, description: 2000, title: 100 } as const;
