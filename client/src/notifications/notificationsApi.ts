/** The notification routes, as the client calls them. */
import type { NotificationList, NotificationSettings, NotificationSettingsPatch } from '../../../shared/schemas/notifications.ts';
import { get, post, put } from '../app/api.ts';

export const notificationsApi = {
  /** In the page's language: the inbox's sentences are made by the server. */
  list: (lang: string) => get<NotificationList>(`/api/notifications?lang=${encodeURIComponent(lang)}`),
  markRead: (ids?: string[]) => post<{ unread: number }>('/api/notifications/read', ids ? { ids } : {}),
  settings: () => get<NotificationSettings>('/api/me/notification-settings'),
  saveSettings: (patch: NotificationSettingsPatch) => put<NotificationSettings>('/api/me/notification-settings', patch),
};
