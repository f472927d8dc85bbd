/**
 * Shortening a meeting's dates must not leave agenda items on days it no longer has: the server
 * refuses any later write that puts an item there (server/src/meetingRecord/agendaItemDays.ts),
 * and every screen read such a day its own way. So the change is refused, naming the items, and
 * the secretariat moves them first: moving them silently would reorder a day's schedule that the
 * chair had set.
 */
import { meetingDayCount } from '../../../shared/agendaItems.ts';
import type { DocumentStore } from '../collab/documentStore.ts';
import { AppError } from '../http/appError.ts';
import { readAgenda } from '../meetingRecord/agendaDocument.ts';
import { itemTitle } from '../meetingRecord/pack/packModel.ts';

export interface ItemOnRemovedDay {
  fullNumber: string;
  title: string;
  day: number;
}

/** Throws `MEETING_DAYS_IN_USE` when items of the meeting's agenda sit past the last of the new dates' days. */
export async function refuseItemsOnRemovedDays(
  documents: DocumentStore,
  meetingId: string,
  dates: { startsOn: string; endsOn: string; field: 'startsOn' | 'endsOn' },
): Promise<void> {
  const dayCount = meetingDayCount(dates.startsOn, dates.endsOn);
  const { items } = await readAgenda(documents, meetingId);
  const stranded: ItemOnRemovedDay[] = items
    .filter((item) => item.day > dayCount)
    .map(({ fullNumber, title, day }) => ({ fullNumber, title, day }));
  if (stranded.length === 0) return;
  const named = stranded.map((item) => `${item.fullNumber}. ${itemTitle(item)} (day ${item.day})`).join('; ');
  throw new AppError(
    'MEETING_DAYS_IN_USE',
    `${stranded.length} agenda item(s) sit on days the meeting would no longer have (it would have ${dayCount}): ${named}. Move them to another day first.`,
    { field: dates.field, dayCount, count: stranded.length, items: stranded },
  );
}
