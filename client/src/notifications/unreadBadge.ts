/**
 * What the bell shows and what it says of the unread count, from one place so that they agree: past
 * BADGE_MAX the badge shows "99+", and the label then says "more than 99" rather than the exact
 * count a sighted reader cannot see.
 */
export const BADGE_MAX = 99;

export interface UnreadBadge {
  /** The badge's text. */
  shown: string;
  /** The label's key and its count (i18next picks the plural form from it). */
  label: { key: 'notifications.bellUnread' | 'notifications.bellUnreadOver'; count: number };
}

export function unreadBadge(unread: number): UnreadBadge {
  if (unread > BADGE_MAX) return { shown: `${BADGE_MAX}+`, label: { key: 'notifications.bellUnreadOver', count: BADGE_MAX } };
  return { shown: String(unread), label: { key: 'notifications.bellUnread', count: unread } };
}
