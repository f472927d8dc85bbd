/** The agenda's items as the Floor tab and the projector name them ("2. Short introduction"). */
import { type AgendaItemView, useAgendaItems } from '../agenda/agendaItemsModel.ts';
import { useCollabDocument } from '../collab/useCollabDocument.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';

/**
 * The items as the co-edited agenda holds them now (none until it is loaded), in its order and
 * numbering. Read from the agenda's document, never written from here, not from a list fetched
 * once: an item the secretariat renames, adds or renumbers reads as it is on every screen, at once,
 * whether it is the current item, the one the chair moved on to, or one that questions were left on.
 * Opened once per page (FloorTab, FloorPresentPage) and handed to the panels that name items.
 */
export function useLiveAgendaItems(): AgendaItemView[] {
  const { meeting, user } = useMeetingContext();
  const agenda = useCollabDocument(meeting.agendaDoc, { userId: user.id });
  return useAgendaItems(agenda?.doc);
}
