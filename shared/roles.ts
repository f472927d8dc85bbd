/**
 * Roles and stakeholder groups of a multistakeholder body, and what each role may do.
 * Shared by server (which enforces) and client (which only hides what would be refused).
 */

/** Every role, from most to least powerful. */
export const ROLES = ['secretariat', 'chair', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Stakeholder groups; results can be shown per group because balance between groups matters. */
export const STAKEHOLDER_GROUPS = [
  'government',
  'private-sector',
  'civil-society',
  'technical-community',
  'intergovernmental',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isStakeholderGroup(value: unknown): value is StakeholderGroup {
  return typeof value === 'string' && (STAKEHOLDER_GROUPS as readonly string[]).includes(value);
}

/** Secretariat and chair run sessions: they moderate, open polls and change statuses. */
export function isModerator(role: Role): boolean {
  return role === 'secretariat' || role === 'chair';
}

/** Members and above take part in decisions (member polls, proposals, working groups). */
export function isParticipant(role: Role): boolean {
  return role !== 'observer';
}
