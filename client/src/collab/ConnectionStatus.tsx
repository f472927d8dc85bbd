/** Says whether edits reach the others: online, reconnecting or offline, and what is unsent. */
import { useTranslation } from 'react-i18next';
import type { CloseEventName } from '../../../shared/closeEvents.ts';
import type { ConnectionState } from './useCollabDocument.ts';

export function ConnectionStatus({
  state,
  unsynced,
  closed = null,
}: {
  state: ConnectionState;
  unsynced: number;
  /** Why the server closed the connection, said in words (shared/closeEvents.ts). */
  closed?: CloseEventName | null;
}) {
  const { t } = useTranslation();
  return (
    <div className={`connection connection--${state}`} role="status" aria-live="polite" data-state={state}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">
        {state === 'offline' ? (
          // On a phone the editor's sticky bar says it in a word, to leave the text room.
          <>
            <span className="connection__brief">{t('connection.offlineBrief')}</span>
            <span className="connection__full">{t('connection.offline')}</span>
          </>
        ) : (
          t(`connection.${state}`)
        )}
      </span>
      {closed && !(state === 'denied' && closed === 'forbidden') && (
        <span className="connection__reason">{t(`collab.closed.${closed}`)}</span>
      )}
      {state !== 'denied' && (
        <span className="connection__detail">
          {unsynced > 0 ? t('connection.unsaved', { count: unsynced }) : t('connection.saved')}
        </span>
      )}
    </div>
  );
}
