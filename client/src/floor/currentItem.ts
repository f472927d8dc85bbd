/** The agenda item the floor is on, as the agenda numbers it ("2. Short introduction"). */
import { type AgendaItemView, useAgendaItems } from '../agenda/agendaItemsModel.ts';
import { useCollabDocument } from '../collab/useCollabDocument.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';

/**
 * The current item as the co-edited agenda holds it now, or undefined (none, or the agenda not
 * loaded yet). Read from the agenda's document, not from a list fetched once: an item the
 * secretariat renames (or renumbers) while it is current reads as it is on every screen, at once.
 */
export function useCurrentItem(currentItemId: string | null): AgendaItemView | undefined {
  const { meeting, user } = useMeetingContext();
  const agenda = useCollabDocument(meeting.agendaDoc, { userId: user.id });
  const items = useAgendaItems(agenda?.doc);
  return currentItemId ? items.find((item) => item.id === currentItemId) : undefined;
}
