/**
 * The bell in the header: the number of unread notifications (kept fresh by polling, see
 * useNotifications) and, when pressed, the list panel. Escape or "Close" shuts the panel and
 * puts focus back on the bell.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NotificationPanel } from './NotificationPanel.tsx';
import { unreadBadge } from './unreadBadge.ts';
import { useNotifications } from './useNotifications.ts';
import './notifications.css';

export function NotificationBell() {
  const { t } = useTranslation();
  const { data, error, markRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const unread = data?.unread ?? 0;
  const badge = unreadBadge(unread);
  const label = t(badge.label.key, { count: badge.label.count });

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="notification-bell">
      <button
        ref={button}
        type="button"
        className="button button--quiet notification-bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((value) => !value)}
      >
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="notification-bell__count" data-testid="notification-count">
            {badge.shown}
          </span>
        )}
      </button>
      <p className="sr-only" role="status">
        {unread > 0 ? label : ''}
      </p>
      {open && (
        <NotificationPanel
          id={panelId}
          data={data}
          error={error}
          onMarkRead={markRead}
          onClose={close}
          onNavigate={() => setOpen(false)}
        />
      )}
    </div>
  );
}
