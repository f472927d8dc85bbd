/** The list under the bell: what happened, where (a link to the exact item), when; mark read, mark all read. */

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { NotificationList } from '../../../shared/schemas/notifications.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
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

  return (
    <section id={id} className="notification-panel" aria-labelledby={headingId}>
      <div className="notification-panel__heading">
        <h2 id={headingId}>{t('notifications.panelTitle')}</h2>
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
            <li key={item.id} className={item.read ? 'notification' : 'notification notification--unread'}>
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
                <button
                  type="button"
                  className="button button--quiet notification__mark"
                  disabled={busy}
                  onClick={() => run(() => onMarkRead([item.id]), t('notifications.markedRead'))}
                >
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="notification-panel__footer">
        {(data?.unread ?? 0) > 0 && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => run(() => onMarkRead(), t('notifications.markedAllRead'))}
          >
            {t('notifications.markAllRead')}
          </button>
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
