/** The list under the bell: what happened, where (a link to the exact item), when; mark read, mark all read. */

import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { NotificationList } from '../../../shared/schemas/notifications.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { focusById } from '../ui/focus.ts';
import { useCommand } from '../ui/useCommand.ts';

export interface NotificationPanelProps {
  id: string;
  data: NotificationList | null;
  error: string | null;
  onMarkRead: (ids?: string[]) => Promise<void>;
  onClose: () => void;
  onNavigate: () => void;
}

export function NotificationPanel({ id, data, error, onMarkRead, onClose, onNavigate }: NotificationPanelProps) {
  const { t, i18n } = useTranslation();
  const { busy, message, run } = useCommand((why) => t('notifications.commandFailed', { message: why }));
  const [headingId] = useState(() => `${id}-title`);
  const items = data?.items ?? [];
  const panel = useRef<HTMLElement>(null);
  // What was just marked read: its button goes away with the answer, and the focus with it.
  const marked = useRef<{ id?: string } | null>(null);

  // Once the command is over (the list already redrawn), the focus that fell to the page goes on
  // the next unread row's button (or the marked row's link when none follows), and after "Mark
  // all read" on the heading. A failed command leaves its button, and the focus, where they were.
  useLayoutEffect(() => {
    const done = marked.current;
    if (!done || busy) return;
    marked.current = null;
    const element = panel.current;
    if (!element || (document.activeElement && document.activeElement !== document.body)) return;
    if (done.id === undefined) {
      focusById(headingId);
      return;
    }
    const rows = [...element.querySelectorAll<HTMLElement>('[data-notification-id]')];
    const at = rows.findIndex((row) => row.dataset.notificationId === done.id);
    const next = rows.slice(at + 1).find((row) => row.querySelector('.notification__mark'));
    (next?.querySelector<HTMLElement>('.notification__mark') ?? rows[at]?.querySelector<HTMLElement>('a'))?.focus();
  }, [busy, data, headingId]);

  return (
    <section ref={panel} id={id} className="notification-panel" aria-labelledby={headingId}>
      <div className="notification-panel__heading">
        <h2 id={headingId} tabIndex={-1}>
          {t('notifications.panelTitle')}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('notifications.close')}
        </button>
      </div>
      <ErrorAlert message={error && t('notifications.failed', { message: error })} />
      {items.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul className="notification-panel__list">
          {items.map((item) => (
            <li
              key={item.id}
              data-notification-id={item.id}
              className={item.read ? 'notification' : 'notification notification--unread'}
            >
              <Link
                to={item.link}
                className="notification__link"
                onClick={() => {
                  if (!item.read) void onMarkRead([item.id]).catch(() => undefined);
                  onNavigate();
                }}
              >
                {!item.read && <span className="sr-only">{t('notifications.unread')}: </span>}
                {item.text}
              </Link>
              <time className="notification__time" dateTime={new Date(item.at).toISOString()}>
                {formatDateTime(i18n.language, item.at)}
              </time>
              {!item.read && (
                <BusyButton
                  type="button"
                  className="button button--quiet notification__mark"
                  busy={busy}
                  onClick={() => {
                    marked.current = { id: item.id };
                    void run(() => onMarkRead([item.id]), t('notifications.markedRead'));
                  }}
                >
                  {t('notifications.markRead')}
                </BusyButton>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="notification-panel__footer">
        {(data?.unread ?? 0) > 0 && (
          <BusyButton
            type="button"
            className="button"
            busy={busy}
            onClick={() => {
              marked.current = {};
              void run(() => onMarkRead(), t('notifications.markedAllRead'));
            }}
          >
            {t('notifications.markAllRead')}
          </BusyButton>
        )}
        <Link to="/settings/notifications" onClick={onNavigate}>
          {t('notifications.settingsLink')}
        </Link>
      </div>
      <p role="status" className={message?.error ? 'alert alert--error' : 'sr-only'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
