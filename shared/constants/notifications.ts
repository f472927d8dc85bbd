/**
 * Constants and plain types of shared/schemas/notifications.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */
export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'poll.opened',
  'poll.closed',
  'election.opened',
  'action.assigned',
  'action.due',
  'action.overdue',
  'proposal.status',
  'proposal.comment',
  'nomination',
  'agenda.published',
  'agenda.changed',
  'call.opened',
  'call.closing',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_MODES = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** Mentions and assignments need a person now; the rest can wait for the daily digest. */
export const DEFAULT_EMAIL_MODES: Record<NotificationKind, EmailMode> = {
  mention: 'immediate',
  reply: 'digest',
  'poll.opened': 'digest',
  'poll.closed': 'digest',
  'election.opened': 'digest',
  'action.assigned': 'immediate',
  'action.due': 'digest',
  'action.overdue': 'digest',
  'proposal.status': 'digest',
  'proposal.comment': 'digest',
  nomination: 'immediate',
  'agenda.published': 'digest',
  'agenda.changed': 'digest',
  'call.opened': 'digest',
  'call.closing': 'digest',
};
