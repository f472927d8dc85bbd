/** Says whether edits reach the others: online, reconnecting or offline, and what is unsent. */
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from './useCollabDocument.ts';

export function ConnectionStatus({ state, unsynced }: { state: ConnectionState; unsynced: number }) {
  const { t } = useTranslation();
  return (
    <div className={`connection connection--${state}`} role="status" aria-live="polite" data-state={state}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{t(`connection.${state}`)}</span>
      {state !== 'denied' && (
        <span className="connection__detail">
          {unsynced > 0 ? t('connection.unsaved', { count: unsynced }) : t('connection.saved')}
        </span>
      )}
    </div>
  );
}
