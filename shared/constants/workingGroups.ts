/**
 * Constants and plain types of shared/schemas/workingGroups.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */

import { nameKey, normalizeName } from '../normalizeName.ts';

/** The Y.Map of `live:{meetingId}` that holds the working groups, per group id. */
export const LIVE_WORKING_GROUPS_MAP = 'workingGroups';

/** The named roles of a group: its co-facilitators, and liaisons (e.g. the official DC-MAG liaison). */
export const WORKING_GROUP_ROLES = ['co-facilitator', 'liaison'] as const;
export type WorkingGroupRole = (typeof WORKING_GROUP_ROLES)[number];

export const WORKING_GROUP_LIMITS = { name: 200, description: 2000, title: 100 } as const;

/** The role an election of a group fills: co-facilitator, or liaison with its title. */
export interface ElectionRole {
  role: WorkingGroupRole;
  /** The liaison's title; '' for a co-facilitator. */
  title: string;
}

/** A liaison's title when none is given (the server stores it so). */
export const DEFAULT_LIAISON_TITLE = 'Liaison';

/**
 * Whether one of `open` (the roles the group's open elections fill) decides `wanted`: the same role,
 * and for a liaison the same title (case aside). Only that role waits for the vote; another (a
 * liaison while co-facilitators are elected) is given at once, to a candidate too, since it is
 * not the seat on the ballot. Server (refusal) and client (the Named roles form) read this rule.
 */
export function electionDecides(open: readonly ElectionRole[], wanted: ElectionRole): boolean {
  return open.some(
    (election) => election.role === wanted.role && (wanted.role !== 'liaison' || sameLiaisonTitle(election.title, wanted.title)),
  );
}

/**
 * Whether two liaison titles name the same liaison role: case, width and spacing aside
 * (`normalizeName`, as stored), an empty title being "Liaison". A person holds several titles in a
 * group (liaison to two bodies), each once.
 */
export function sameLiaisonTitle(one: string, other: string): boolean {
  const key = (title: string) => nameKey(normalizeName(title) || DEFAULT_LIAISON_TITLE);
  return key(one) === key(other);
}
