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
 * A liaison title as it is stored: Unicode NFKC (full-width Latin from a Chinese input method is
 * ordinary Latin, ligatures are letters), every run of white space (a no-break space pasted from a
 * French word processor, the narrow no-break and ideographic spaces, tabs, line breaks) one
 * ordinary space, trimmed. Case and accents stay as typed. Titles that look the same on the card
 * are then the same text, so the service's comparison and migration 253's index both see one
 * title; the server writes titles so (`roleTitle`, and migration 254 for rows written before).
 */
export function normalizeLiaisonTitle(title: string): string {
  // NFKC first: it turns U+00A0, U+202F, U+3000 into U+0020, and \s (Unicode White_Space in a
  // `u` regex) takes the rest.
  return title.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/**
 * Whether two liaison titles name the same liaison role: case, width and spacing aside
 * (`normalizeLiaisonTitle`), an empty title being "Liaison". A person holds several titles in a
 * group (liaison to two bodies), each once.
 */
export function sameLiaisonTitle(one: string, other: string): boolean {
  const key = (title: string) => (normalizeLiaisonTitle(title) || DEFAULT_LIAISON_TITLE).toLocaleLowerCase('en');
  return key(one) === key(other);
}
