/**
 * The agenda laid out on the clock, day by day: each item's slot, sized by its length, a warning
 * when a day runs past its end, and (for those who may) the controls to mark the current item,
 * change an item's details, add an item and set when the day ends. Files dropped on an item are
 * attached to it; its documents are a link away (the Documents tab).
 */
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { scheduleAgenda } from '../../../shared/agendaItems.ts';
import { LIVE_ATTACHMENTS_MAP } from '../../../shared/constants/attachments.ts';
import { formatClockTime, formatInstantRange, formatTimeRange, isolate } from '../../../shared/i18n/format.ts';
import { AttachmentDropItem } from '../attachments/AttachmentDropItem.tsx';
import { canAddAttachments } from '../attachments/attachmentPolicy.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { useLiveMap } from '../meetings/useLiveMap.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { type AgendaItemView, insertItem } from './agendaItemsModel.ts';
import { canEditAgenda, canRunAgenda } from './agendaPolicy.ts';
import { ItemDetailsForm } from './ItemDetailsForm.tsx';
import { numberedTitle } from './itemTitle.ts';
import { MeetingZoneNote } from './MeetingZoneNote.tsx';
import { meetingInstant, readerClockDiffers } from './meetingClock.ts';
import { type RunView, setCurrentItem, setDayEnd } from './useRunState.ts';

const DAY_END_FIELDS = ['dayEnd'] as const;

/** Height of one minute on the timeline, in rem; an item is never shorter than its text. */
const REM_PER_MINUTE = 0.06;

const detailsButtonId = (itemId: string) => `day-item-${itemId}-details`;

export function DayView({ doc, items, run, editable }: { doc: Y.Doc; items: AgendaItemView[]; run: RunView; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dayEnd, setDayEndDraft] = useState<string | null>(null);
  const dayEndErrors = useFieldErrors(DAY_END_FIELDS);
  const moderator = canRunAgenda(user, meeting);
  const mayAttach = canAddAttachments(user, meeting);
  const attachments = useLiveMap(LIVE_ATTACHMENTS_MAP);
  const documentsOf = useMemo(() => {
    const counts = new Map<string, number>();
    for (const attachment of Object.values(attachments))
      if (attachment.itemId) counts.set(attachment.itemId, (counts.get(attachment.itemId) ?? 0) + 1);
    return counts;
  }, [attachments]);
  const schedule = useMemo(
    () =>
      scheduleAgenda(items, {
        dayStart: meeting.startTime,
        dayEnd: run.dayEnd,
        startsOn: meeting.startsOn,
        timeZone: meeting.timeZone,
      }),
    [items, meeting.startTime, run.dayEnd, meeting.startsOn, meeting.timeZone],
  );
  const fail = (failure: Error) => setError(failure.message);
  const mark = (itemId: string | null) => {
    setError(null);
    dayEndErrors.clear();
    // From the item this view shows as current: a press that crosses another chair's move (the live
    // document not here yet) is refused with CURRENT_ITEM_CHANGED, said as such, and nothing moves.
    setCurrentItem(meeting.id, itemId, run.currentItem).catch(fail);
  };
  const saveDayEnd = (event: FormEvent) => {
    event.preventDefault();
    if (dayEnd === null) return;
    setError(null);
    // An emptied or half-typed time reads as empty: say so beside the field instead of sending it.
    if (!dayEndErrors.check({ dayEnd: !dayEnd && t('agendaItems.errors.dayEnd') })) return;
    setDayEnd(meeting.id, dayEnd).then(
      () => setDayEndDraft(null),
      (failure: unknown) => dayEndErrors.fail(failure, { dayEnd: t('agendaItems.errors.dayEnd') }),
    );
  };
  const overruns = schedule.days.filter((day) => day.overrunMinutes > 0);
  const editingItem = editing ? items.find((item) => item.id === editing) : undefined;
  // Where a time falls on the reader's own clock, when it shows another time than the meeting's.
  const onReaderClock = (day: number, start: number, end: number, withDay: boolean): string | null => {
    const from = meetingInstant(meeting, day, start);
    return readerClockDiffers(meeting, from)
      ? formatInstantRange(i18n.language, from, meetingInstant(meeting, day, end), { withDay })
      : null;
  };

  return (
    <section className="panel day-view" aria-labelledby="day-view-title">
      <h2 id="day-view-title" className="panel__title">
        {t('agendaItems.dayView')}
      </h2>
      {items.length > 0 && <MeetingZoneNote />}
      <div role="status">
        {overruns.map((day) => (
          <p key={day.day} className="alert day-view__warning">
            {t('agendaItems.dayOverruns', { day: day.day, minutes: day.overrunMinutes, end: run.dayEnd })}
          </p>
        ))}
      </div>
      {items.length === 0 && <p>{t('agendaItems.noItems')}</p>}
      {mayAttach && items.length > 0 && <p className="day-view__hint">{t('attachments.dayViewHint')}</p>}
      {schedule.days.map((day) => {
        const readerDay = onReaderClock(day.day, day.start, day.end, true);
        return (
          <div key={day.day} className="day-view__day">
            <h3 className="day-view__day-title">
              {t('agendaItems.dayHeading', {
                day: day.day,
                start: isolate(formatClockTime(i18n.language, day.start)),
                end: isolate(run.dayEnd),
              })}
            </h3>
            {readerDay && <p className="day-view__reader-time">{t('agendaItems.yourTime', { time: readerDay })}</p>}
            <ol className="day-view__timeline">
              {day.items.map((index) => {
                const item = items[index]!;
                const slot = schedule.items[index]!;
                const current = item.id === run.currentItem;
                const titleId = `day-item-${item.id}`;
                const documents = documentsOf.get(item.id) ?? 0;
                const readerSlot = item.duration > 0 ? onReaderClock(day.day, slot.start, slot.end, false) : null;
                return (
                  <AttachmentDropItem
                    key={item.id}
                    target={{ meetingId: meeting.id, itemId: item.id }}
                    enabled={mayAttach}
                    className={[
                      'day-view__item',
                      current ? 'day-view__item--current' : '',
                      slot.overruns ? 'day-view__item--overrun' : '',
                      item.level > 0 ? 'day-view__item--sub' : '',
                    ]
                      .filter(Boolean)
                      .join(' ')}
                    style={{ minBlockSize: `${Math.max(2.5, item.duration * REM_PER_MINUTE + 2)}rem` }}
                    aria-current={current ? 'true' : undefined}
                  >
                    <p className="day-view__slot">
                      {item.duration > 0 ? (
                        <bdi>{formatTimeRange(i18n.language, slot.start, slot.end)}</bdi>
                      ) : (
                        t('agendaItems.untimed')
                      )}
                      {item.duration > 0 && (
                        <span className="day-view__length"> · {t('agendaItems.minutes', { count: item.duration })}</span>
                      )}
                      {readerSlot && (
                        <span className="day-view__reader-slot"> · {t('agendaItems.yourTime', { time: readerSlot })}</span>
                      )}
                      {slot.overruns && <span className="day-view__overrun"> · {t('agendaItems.pastEnd')}</span>}
                    </p>
                    <p id={titleId} className="day-view__title">
                      {numberedTitle(item, t)}
                    </p>
                    {documents > 0 && (
                      <p className="day-view__documents">
                        <Link to={`?tab=attachments#item-${encodeURIComponent(item.id)}`} aria-describedby={titleId}>
                          {t('attachments.itemDocuments', { number: documents })}
                        </Link>
                      </p>
                    )}
                    {(moderator || editable) && (
                      <div className="day-view__controls">
                        {moderator && (
                          <button
                            type="button"
                            className="button day-view__button"
                            aria-pressed={current}
                            aria-describedby={titleId}
                            onClick={() => mark(current ? null : item.id)}
                          >
                            {current ? t('agendaItems.isCurrent') : t('agendaItems.markCurrent')}
                          </button>
                        )}
                        {editable && (
                          <button
                            id={detailsButtonId(item.id)}
                            type="button"
                            className="button button--quiet day-view__button"
                            aria-expanded={editing === item.id}
                            aria-describedby={titleId}
                            onClick={() => setEditing(editing === item.id ? null : item.id)}
                          >
                            {t('agendaItems.editDetails')}
                          </button>
                        )}
                        {editable && (
                          <Link
                            className="day-view__action-link"
                            to={`?tab=actions&fromItem=${encodeURIComponent(item.id)}`}
                            aria-describedby={titleId}
                          >
                            {t('agendaItems.addAction')}
                          </Link>
                        )}
                      </div>
                    )}
                  </AttachmentDropItem>
                );
              })}
            </ol>
          </div>
        );
      })}
      {/* In a dialog: the side column is too narrow for the form, and a dialog never cuts it off. One
          for the view, not one per row: an item given another day is drawn again under that day's
          heading, and a dialog inside its row was drawn again with it (the focus then fell to the page). */}
      {editingItem && (
        <Dialog
          open
          title={t('agendaItems.detailsOf', { number: editingItem.fullNumber })}
          onClose={() => setEditing(null)}
          returnFocusTo={detailsButtonId(editingItem.id)}
        >
          <ItemDetailsForm doc={doc} item={editingItem} onDone={() => setEditing(null)} />
        </Dialog>
      )}
      {editable && canEditAgenda(user, meeting) && (
        <button type="button" className="button" onClick={() => setEditing(insertItem(doc, items[items.length - 1]?.id))}>
          {t('agendaItems.addItem')}
        </button>
      )}
      {moderator && (
        <form className="day-view__day-end" onSubmit={saveDayEnd} noValidate>
          <Field label={t('agendaItems.dayEndLabel')} {...dayEndErrors.field('dayEnd')}>
            {(control) => (
              <input
                {...control}
                type="time"
                value={dayEnd ?? run.dayEnd}
                onChange={(event) => setDayEndDraft(event.target.value)}
                required
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={dayEnd === null || dayEnd === run.dayEnd}>
            {t('agendaItems.saveDayEnd')}
          </button>
        </form>
      )}
      <ErrorAlert message={error ?? dayEndErrors.formError} />
    </section>
  );
}
