/**
 * The item being discussed, highlighted for everyone, with the time spent on it against the time
 * planned. The secretariat and the chair move it on, warned first when someone has the floor on
 * the item (the server ends that turn), people still wait to speak or questions are unanswered or
 * waiting for approval on the item (its hands and questions stay with it).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_QUESTIONS_MAP } from '../../../shared/constants/floor.ts';
import { isolate } from '../../../shared/i18n/format.ts';
import { useFloor } from '../floor/floorApi.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import type { AgendaItemView } from './agendaItemsModel.ts';
import { canRunAgenda } from './agendaPolicy.ts';
import { numberedTitle } from './itemTitle.ts';
import { type RunView, setCurrentItem } from './useRunState.ts';

export function CurrentItemPanel({ items, run }: { items: AgendaItemView[]; run: RunView }) {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const [error, setError] = useState<string | null>(null);
  const index = items.findIndex((item) => item.id === run.currentItem);
  const current = index >= 0 ? items[index] : undefined;
  const next = index >= 0 ? items[index + 1] : items[0];
  const elapsed = current && run.startedAt !== null ? Math.max(0, Math.floor((run.now - run.startedAt) / 60_000)) : 0;
  const over = current !== undefined && current.duration > 0 && elapsed > current.duration;
  const floor = useFloor();
  const questions = useLiveMap(LIVE_QUESTIONS_MAP);
  // What leaving the current item leaves behind: its waiting hands, its open questions and those
  // still waiting for approval (not in the `questions` map, which holds what everyone may see: the
  // floor's `meta` counts them per item).
  const waiting = current ? floor.item.queue.length : 0;
  const open = current
    ? Object.values(questions).filter((question) => question.itemId === current.id && question.status === 'visible').length
    : 0;
  const pending = current ? (floor.meta.pendingByItem[current.id] ?? 0) : 0;
  // A turn on the item: moving on ends it (the server does, in the move's transaction). It once
  // went without a word, and the Floor tab showed the next item with this one's speaker below zero.
  const speaker = current && floor.speaking?.itemId === current.id ? floor.speaking.name : undefined;
  const [leaving, setLeaving] = useState<{ itemId: string | null; label: string } | null>(null);
  const mark = (itemId: string | null) => {
    setError(null);
    setCurrentItem(meeting.id, itemId).catch((failure: Error) => setError(failure.message));
  };
  const leave = (itemId: string | null, label: string) => {
    if (speaker !== undefined || waiting > 0 || open > 0 || pending > 0) setLeaving({ itemId, label });
    else mark(itemId);
  };
  const left = [
    speaker !== undefined ? t('agendaItems.leave.speaking', { name: isolate(speaker) }) : '',
    waiting > 0 ? t('agendaItems.leave.waiting', { count: waiting }) : '',
    open > 0 ? t('agendaItems.leave.questions', { count: open }) : '',
    pending > 0 ? t('agendaItems.leave.pending', { count: pending }) : '',
  ].filter(Boolean);
  const [first, second, third, fourth] = left;
  return (
    <section className="panel agenda-now" aria-labelledby="agenda-now-title">
      <h2 id="agenda-now-title" className="panel__title">
        {t('agendaItems.nowTitle')}
      </h2>
      <div role="status" className="agenda-now__status">
        {current ? (
          <>
            <p className="agenda-now__item">
              <strong>{numberedTitle(current, t)}</strong>
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
      {canRunAgenda(user, meeting) && (
        <div className="agenda-now__actions">
          {next && (
            <button
              type="button"
              className="button"
              onClick={() => (current ? leave(next.id, t('agendaItems.nextItem', { number: next.fullNumber })) : mark(next.id))}
            >
              {current
                ? t('agendaItems.nextItem', { number: next.fullNumber })
                : t('agendaItems.startWith', { number: next.fullNumber })}
            </button>
          )}
          {current && (
            <button type="button" className="button button--quiet" onClick={() => leave(null, t('agendaItems.endCurrent'))}>
              {t('agendaItems.endCurrent')}
            </button>
          )}
        </div>
      )}
      <ErrorAlert message={error} />
      {leaving && current && (
        <ConfirmDialog
          open
          title={t('agendaItems.leave.title', { number: current.fullNumber })}
          message={
            fourth
              ? t('agendaItems.leave.four', { first, second, third, fourth })
              : third
                ? t('agendaItems.leave.three', { first, second, third })
                : second
                  ? t('agendaItems.leave.two', { first, second })
                  : t('agendaItems.leave.one', { what: first })
          }
          confirmLabel={leaving.label}
          cancelLabel={t('agendaItems.leave.stay', { number: current.fullNumber })}
          danger={false}
          onClose={() => setLeaving(null)}
          onConfirm={() => setCurrentItem(meeting.id, leaving.itemId)}
        >
          <ul>
            {speaker !== undefined && <li>{t('agendaItems.leave.turnEnds', { name: isolate(speaker) })}</li>}
            {waiting > 0 && <li>{t('agendaItems.leave.handsKept', { number: current.fullNumber })}</li>}
            {open + pending > 0 && <li>{t('agendaItems.leave.questionsKept', { number: current.fullNumber })}</li>}
          </ul>
        </ConfirmDialog>
      )}
    </section>
  );
}
