/**
 * Constants and plain types of shared/schemas/actions.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */
export const ACTION_LIMITS = {
  text: 2000,
  label: 200,
  /** Actions created or changed per person per minute. */
  perMinute: 60,
} as const;

export const OWNER_KINDS = ['person', 'role', 'group', 'body'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const SOURCE_TYPES = ['direct', 'agendaItem', 'comment', 'poll'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** What the rules below read of an action (an ActionDto has it), written out so that this file does not import the schema. */
interface ActionOwnership {
  owner: { kind: OwnerKind; userId?: string | null; role?: string | null };
  createdBy: { id: string } | null;
}

/** Whether an action belongs in "my actions" of a user. */
export function isOwnedBy(action: Pick<ActionOwnership, 'owner'>, user: { id: string; role: string }): boolean {
  return (
    (action.owner.kind === 'person' && action.owner.userId === user.id) ||
    (action.owner.kind === 'role' && action.owner.role === user.role)
  );
}

/**
 * Who may do what with action items (the server enforces; the client only hides what would be
 * refused): the secretariat and the chair create and edit every action; members create actions
 * and edit those they created or own in person; observers read.
 */
export function canCreateActions(role: string): boolean {
  return role === 'secretariat' || role === 'chair' || role === 'member';
}

export function canEditAction(user: { id: string; role: string }, action: Pick<ActionOwnership, 'owner' | 'createdBy'>): boolean {
  if (user.role === 'secretariat' || user.role === 'chair') return true;
  if (user.role !== 'member') return false;
  return action.createdBy?.id === user.id || (action.owner.kind === 'person' && action.owner.userId === user.id);
}
