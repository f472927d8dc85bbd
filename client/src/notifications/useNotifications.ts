/**
 * The signed-in person's notifications, kept fresh: asked again every 15 seconds, and at once when
 * the window regains focus or the tab becomes visible. Per-person data never goes through the
 * meeting's live document, which everyone in the meeting reads.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationList } from '../../../shared/schemas/notifications.ts';
import { notificationsApi } from './notificationsApi.ts';

export const NOTIFICATIONS_POLL_MS = 15_000;

export function useNotifications() {
  const [data, setData] = useState<NotificationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';

  // Asked again when the language changes (the sentences come from the server).
  const refresh = useCallback(async () => {
    try {
      const list = await notificationsApi.list(language);
      if (alive.current) {
        setData(list);
        setError(null);
      }
    } catch (caught) {
      if (alive.current) setError((caught as Error).message);
    }
  }, [language]);

  useEffect(() => {
    alive.current = true;
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh();
    }, NOTIFICATIONS_POLL_MS);
    const onFocus = () => void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      alive.current = false;
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const markRead = useCallback(
    async (ids?: string[]) => {
      await notificationsApi.markRead(ids);
      await refresh();
    },
    [refresh],
  );

  return { data, error, refresh, markRead };
}
