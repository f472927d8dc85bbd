/**
 * "Create from": another meeting's agenda as it stands now, written into a new meeting's agenda
 * as one fresh update. Only the content travels: items with their times, presenters and notes.
 * Not its history (a new Y.Doc, so no deleted items or authorship), not its comments (threads
 * live outside the document), not links to the old meeting's proposals. Each item takes the
 * nearest day the new meeting has: day 3 of a longer meeting is day 2 of a two-day one, which the
 * server would otherwise refuse at the item's next edit (server/src/meetingRecord/agendaItemDays.ts).
 */
import { nearestMeetingDay, type RichNode } from '../../../shared/agendaItems.ts';
import { agendaDoc } from '../../../shared/documentNames.ts';
import type { DocumentStore } from '../collab/documentStore.ts';
import { readAgenda } from '../meetingRecord/agendaDocument.ts';
import { documentUpdate } from '../meetingRecord/demoRecord.ts';
import type { SqlExecutor } from '../storage/db.ts';

function copiedNode(node: RichNode, dayCount: number): RichNode {
  const copy: RichNode = { ...node };
  if (node.type === 'agendaItem' && node.attrs)
    copy.attrs = { ...node.attrs, proposalId: null, day: nearestMeetingDay(node.attrs.day, dayCount) };
  if (node.content) copy.content = node.content.map((child) => copiedNode(child, dayCount));
  return copy;
}

/**
 * The source agenda as an update for the new meeting's agenda document, its items on the new
 * meeting's `dayCount` days; null when it is empty.
 */
export async function agendaCopyOf(
  documents: DocumentStore,
  sourceMeetingId: string,
  dayCount: number,
): Promise<Uint8Array | null> {
  const { json } = await readAgenda(documents, sourceMeetingId);
  if (!json.content?.length) return null;
  return documentUpdate(copiedNode(json, dayCount) as Parameters<typeof documentUpdate>[0]);
}

export async function writeAgendaCopy(
  documents: DocumentStore,
  meetingId: string,
  update: Uint8Array,
  userId: string,
  tx: SqlExecutor,
): Promise<void> {
  await documents.append(agendaDoc(meetingId), update, userId, tx);
}
