/**
 * The item being discussed, highlighted for everyone, with the time spent on it against the time
 * planned. The secretariat and the chair move it on.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isModerator } from '../../../shared/roles.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import type { AgendaItemView } from './agendaItemsModel.ts';
import { setCurrentItem, type RunView } from './useRunState.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

export function CurrentItemPanel({ items, run }: { items: AgendaItemView[]; run: RunView }) {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const [error, setError] = useState<string | null>(null);
  const index = items.findIndex((item) => item.id === run.currentItem);
  const current = index >= 0 ? items[index] : undefined;
  const next = index >= 0 ? items[index + 1] : items[0];
  const elapsed = current && run.startedAt !== null ? Math.max(0, Math.floor((run.now - run.startedAt) / 60_000)) : 0;
  const over = current !== undefined && current.duration > 0 && elapsed > current.duration;
  const mark = (itemId: string | null) => {
    setError(null);
    setCurrentItem(meeting.id, itemId).catch((failure: Error) => setError(failure.message));
  };
  return (
    <section className="panel agenda-now" aria-labelledby="agenda-now-title">
      <h2 id="agenda-now-title" className="panel__title">
        {t('agendaItems.nowTitle')}
      </h2>
      <div role="status" className="agenda-now__status">
        {current ? (
          <>
            <p className="agenda-now__item">
              <strong>
                {current.fullNumber}. {current.title || t('agendaItems.untitled')}
              </strong>
            </p>
            <p className={over ? 'agenda-now__elapsed agenda-now__elapsed--over' : 'agenda-now__elapsed'}>
              {current.duration > 0
                ? t('agendaItems.elapsedOfPlanned', { elapsed, planned: current.duration })
                : t('agendaItems.elapsed', { elapsed })}
              {over && <> · {t('agendaItems.overTime', { minutes: elapsed - current.duration })}</>}
            </p>
          </>
        ) : (
          <p>{t('agendaItems.noCurrent')}</p>
        )}
      </div>
      {isModerator(user.role) && (
        <div className="agenda-now__actions">
          {next && (
            <button type="button" className="button" onClick={() => mark(next.id)}>
              {current
                ? t('agendaItems.nextItem', { number: next.fullNumber })
                : t('agendaItems.startWith', { number: next.fullNumber })}
            </button>
          )}
          {current && (
            <button type="button" className="button button--quiet" onClick={() => mark(null)}>
              {t('agendaItems.endCurrent')}
            </button>
          )}
        </div>
      )}
      <ErrorAlert message={error} />
    </section>
  );
}
