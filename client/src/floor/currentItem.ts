/** The agenda item the floor is on, as the agenda numbers it ("2. Short introduction"). */
import { useEffect, useState } from 'react';
import type { AgendaItemSummary } from '../../../shared/schemas/meetingRecord.ts';
import { shownItemTitle } from '../agenda/itemTitle.ts';
import { get } from '../app/api.ts';

/**
 * The current item's summary, or undefined (none, or not loaded yet). The list is fetched again
 * each time the chair moves on, so an item added or renamed since is said as it is now.
 */
export function useCurrentItem(meetingId: string, currentItemId: string | null): AgendaItemSummary | undefined {
  const [items, setItems] = useState<AgendaItemSummary[]>([]);
  useEffect(() => {
    let active = true;
    get<AgendaItemSummary[]>(`/api/meetings/${encodeURIComponent(meetingId)}/agenda-items`).then(
      (list) => active && setItems(list),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [meetingId, currentItemId]);
  return currentItemId ? items.find((item) => item.id === currentItemId) : undefined;
}

/** An item as the agenda shows it: its number, a full stop, its title (or the words for an untitled one). */
export const numberedTitle = (item: AgendaItemSummary, t: (key: string) => string): string =>
  `${item.fullNumber}. ${shownItemTitle(item.title, t)}`;
