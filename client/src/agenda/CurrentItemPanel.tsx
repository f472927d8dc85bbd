/**
 * The item being discussed, highlighted for everyone, with the time spent on it against the time
 * planned. The secretariat and the chair move it on, warned first when someone has the floor on
 * the item (the server ends that turn), people still wait to speak or questions are unanswered or
 * waiting for approval on the item (its hands and questions stay with it).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_QUESTIONS_MAP } from '../../../shared/constants/floor.ts';
import { isolate } from '../../../shared/i18n/format.ts';
import { ApiError } from '../app/api.ts';
import { useFloor } from '../floor/floorApi.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import type { AgendaItemView } from './agendaItemsModel.ts';
import { canRunAgenda } from './agendaPolicy.ts';
import { numberedTitle } from './itemTitle.ts';
import { type RunView, setCurrentItem } from './useRunState.ts';

/**
 * The move-on (or start-with) question while it is open. `from`: the item current when it was
 * opened (null: none), which it is named for whatever becomes current meanwhile, and which the move
 * names to the server; `fromNumber` names it should it leave the agenda. `start`: the number of the
 * item started with no item current. `sent`: what it said when the chair confirmed, kept until
 * the answer. `toNumber`: the number of the item moved on to, said while the move is waiting for its
 * answer. `changedTo`: the item current by a CURRENT_ITEM_CHANGED refusal (null: none), kept
 * until the live document changes; the dialog then says nothing was done and offers only to close.
 */
interface Leaving {
  itemId: string | null;
  label: string;
  from: string | null;
  fromNumber: string;
  toNumber?: string;
  start?: string;
  sent?: { message: string; consequences: string[] };
  changedTo?: string | null;
}

/** The item current now, from a CURRENT_ITEM_CHANGED refusal's details. */
const currentItemOf = (details: unknown): string | null | undefined => {
  const value = (details as { currentItemId?: unknown } | null)?.currentItemId;
  return typeof value === 'string' || value === null ? value : undefined;
};

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
  // With no item current, a turn running is on no item and starting one ends it just the same.
  const speaker =
    floor.speaking && (current ? floor.speaking.itemId === current.id : !floor.speaking.itemId) ? floor.speaking.name : undefined;
  const [leaving, setLeaving] = useState<Leaving | null>(null);
  // From the item shown as current: a press that crosses another chair's move is refused, not made.
  const mark = (itemId: string | null) => {
    setError(null);
    setCurrentItem(meeting.id, itemId, run.currentItem).catch((failure: Error) => setError(failure.message));
  };
  const leave = (itemId: string | null, label: string) => {
    if (!current) return;
    if (speaker !== undefined || waiting > 0 || open > 0 || pending > 0)
      setLeaving({
        itemId,
        label,
        from: current.id,
        fromNumber: current.fullNumber,
        toNumber: items.find((item) => item.id === itemId)?.fullNumber,
      });
    else mark(itemId);
  };
  const start = (item: AgendaItemView) => {
    if (speaker !== undefined)
      setLeaving({
        itemId: item.id,
        label: t('agendaItems.startWith', { number: item.fullNumber }),
        // As the server has it: an item gone from the agenda may still be the one current.
        from: run.currentItem,
        fromNumber: '',
        start: item.fullNumber,
      });
    else mark(item.id);
  };
  // Someone else moved the current item while the dialog was open (the chair's own move keeps
  // `sent` until its answer). Followed live: should the item it was opened for become current again
  // (1, then 3, then 1), the dialog asks its question again; it once kept saying "changed to 3".
  const moved = leaving !== null && leaving.sent === undefined && run.currentItem !== leaving.from;
  // What a refusal said is current holds only until the live document says anything newer.
  useEffect(() => {
    setLeaving((shown) => (shown && shown.changedTo !== undefined ? { ...shown, changedTo: undefined } : shown));
  }, [run.currentItem]);
  const left = [
    speaker !== undefined ? t('agendaItems.leave.speaking', { name: isolate(speaker) }) : '',
    waiting > 0 ? t('agendaItems.leave.waiting', { count: waiting }) : '',
    open > 0 ? t('agendaItems.leave.questions', { count: open }) : '',
    pending > 0 ? t('agendaItems.leave.pending', { count: pending }) : '',
  ].filter(Boolean);
  const [first, second, third, fourth] = left;
  // The dialog follows the live state while it is open: what was left may go meanwhile (the turn
  // ended, the hands lowered). It then asks the plain question rather than close under the chair's
  // pointer (they pressed the button and still mean to move on) or show an empty slot (": move on
  // anyway?", as it once did).
  const question =
    leaving?.start !== undefined
      ? first
        ? t('agendaItems.leave.startAnyway', { what: first, number: leaving.start })
        : t('agendaItems.leave.startPlain', { number: leaving.start })
      : fourth
        ? t('agendaItems.leave.four', { first, second, third, fourth })
        : third
          ? t('agendaItems.leave.three', { first, second, third })
          : second
            ? t('agendaItems.leave.two', { first, second })
            : first
              ? t('agendaItems.leave.one', { what: first })
              : t('agendaItems.leave.plain', { number: current?.fullNumber ?? '' });
  const consequences = [
    speaker !== undefined ? t('agendaItems.leave.turnEnds', { name: isolate(speaker) }) : '',
    current && waiting > 0 ? t('agendaItems.leave.handsKept', { number: current.fullNumber }) : '',
    current && open + pending > 0 ? t('agendaItems.leave.questionsKept', { number: current.fullNumber }) : '',
  ].filter(Boolean);
  // The dialog is named for the item it was opened for, never for the live one: once the chair
  // confirms, the live document makes the next item current before the move's answer, and the
  // open dialog read "Leave item 2?" (an Escape then closed it alone).
  const fromNumber = leaving ? (items.find((item) => item.id === leaving.from)?.fullNumber ?? leaving.fromNumber) : '';
  const changedTo = leaving === null ? undefined : moved ? run.currentItem : leaving.changedTo;
  const changedItem = changedTo ? items.find((item) => item.id === changedTo) : undefined;
  const outdated =
    changedTo === undefined
      ? undefined
      : changedItem
        ? t('agendaItems.leave.changedTo', { item: numberedTitle(changedItem, t) })
        : changedTo === null
          ? t('agendaItems.leave.ended')
          : t('agendaItems.leave.changed');
  const confirm = async (move: Leaving) => {
    setLeaving((shown) => shown && { ...shown, sent: { message: question, consequences } });
    try {
      // `from`: the server refuses the move if another item became current before it arrives.
      await setCurrentItem(meeting.id, move.itemId, move.from);
    } catch (failure) {
      const now =
        failure instanceof ApiError && failure.code === 'CURRENT_ITEM_CHANGED' ? currentItemOf(failure.details) : undefined;
      setLeaving((shown) => shown && { ...shown, sent: undefined, ...(now !== undefined ? { changedTo: now } : {}) });
      throw failure;
    }
  };
  const shown = leaving?.sent ?? { message: question, consequences };
  // Said from the confirmation until the answer, while Escape and the safe choice do nothing.
  const moving =
    leaving === null
      ? undefined
      : leaving.start !== undefined
        ? t('agendaItems.leave.starting', { number: leaving.start })
        : leaving.itemId === null
          ? t('agendaItems.leave.ending', { number: fromNumber })
          : t('agendaItems.leave.moving', { number: leaving.toNumber ?? '' });
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
              onClick={() => (current ? leave(next.id, t('agendaItems.nextItem', { number: next.fullNumber })) : start(next))}
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
      {leaving && (
        <ConfirmDialog
          open
          title={
            leaving.start === undefined
              ? t('agendaItems.leave.title', { number: fromNumber })
              : t('agendaItems.leave.startTitle', { number: leaving.start })
          }
          message={shown.message}
          confirmLabel={leaving.label}
          cancelLabel={
            leaving.start === undefined ? t('agendaItems.leave.stay', { number: fromNumber }) : t('agendaItems.leave.notYet')
          }
          danger={false}
          outdated={outdated}
          pendingMessage={moving}
          onClose={() => setLeaving(null)}
          onConfirm={() => confirm(leaving)}
        >
          {shown.consequences.length > 0 && (
            <ul>
              {shown.consequences.map((consequence) => (
                <li key={consequence}>{consequence}</li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
