/**
 * The server's check of an agenda item's day: an update of an agenda document that gives an item a
 * day that is not one of its meeting's (day 9 of a three-day meeting, 1.5, "2", a list) is refused
 * with the close event `agendaItemDay` and nothing of it is stored or sent to anyone. The details
 * form refuses such a day beside its field before anything is sent; this is for any other writer
 * (a y-websocket client, a crafted update): without it the day was stored as sent, and every screen
 * then read it clamped to 1–31, each its own way.
 *
 * An item's attributes are entries of its Y.XmlElement, so the update's items with the key `day`
 * are what it sets (the agenda's schema has no other attribute of that name); y-tiptap and the
 * details form store a number as it is (`ContentAny`). An entry that replaces an earlier value
 * does not carry its key: Yjs leaves it out when the entry has an origin (the value it follows),
 * so the key is the origin's, found in the update or in the document. The meeting's day count is kept per loaded
 * agenda, read at load and again when the meeting's dates change (`DocumentAccess.changed`, on
 * every instance). An agenda whose meeting could not be read is not checked: the store's fault
 * should not stop people editing.
 *
 * A change of the meeting's dates holds the agenda's days (`holdDays`) from before it reads the
 * agenda until it has committed: the new, fewer days are checked at once, and the updates admitted
 * under the old days are waited for (collab/admittedUpdates.ts), so that the read holds every item
 * that will ever have been accepted on this instance. Without it an item moved onto a day being
 * removed between the read and the commit was kept there.
 */
import type { afterLoadDocumentPayload, afterUnloadDocumentPayload, Extension } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import { isMeetingDay, meetingDayCount } from '../../../shared/agendaItems.ts';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import { agendaDoc, parseDocumentName } from '../../../shared/documentNames.ts';
import type { AdmittedUpdates } from '../collab/admittedUpdates.ts';
import { decodedUpdate } from '../collab/decodedUpdates.ts';
import type { DocumentAccess } from '../collab/documentAccess.ts';
import type { UpdateRule } from '../collab/documentQuota.ts';
import type { Store } from '../storage/store.ts';

export class AgendaItemDays implements Extension, UpdateRule {
  readonly extensionName = 'plenary-agenda-item-days';
  /** The number of days of each loaded agenda's meeting, by document name. */
  private readonly dayCounts = new Map<string, number>();
  /** The day counts of the dates changes under way, by document name: none of their agenda's items may lie beyond. */
  private readonly held = new Map<string, number[]>();
  /** Counts each agenda's changes of days, so that a read of the meeting older than the last change is dropped. */
  private readonly changes = new Map<string, number>();
  private readonly store: Store;
  private readonly admitted: AdmittedUpdates;
  private readonly log: FastifyBaseLogger;

  constructor({
    store,
    access,
    admitted,
    log,
  }: {
    store: Store;
    access: DocumentAccess;
    admitted: AdmittedUpdates;
    log: FastifyBaseLogger;
  }) {
    this.store = store;
    this.admitted = admitted;
    this.log = log;
    access.onChanged((documentName) => {
      if (this.dayCounts.has(documentName)) void this.read(documentName);
    });
  }

  async afterLoadDocument({ documentName }: afterLoadDocumentPayload): Promise<void> {
    await this.read(documentName);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.dayCounts.delete(documentName);
    this.changes.delete(documentName);
  }

  /**
   * From now until `release`, the meeting's agenda accepts no item on a day past `dayCount`; resolves
   * once the updates admitted before are applied (or dropped), so that the stored agenda read next
   * holds them. `release(true)` once the new dates are committed (the agenda keeps their day
   * count), `release(false)` when they were not.
   */
  async holdDays(meetingId: string, dayCount: number): Promise<{ release(committed: boolean): void }> {
    const documentName = agendaDoc(meetingId);
    const held = this.held.get(documentName) ?? [];
    held.push(dayCount);
    this.held.set(documentName, held);
    await this.admitted.settled(documentName);
    let released = false;
    return {
      release: (committed) => {
        if (released) return;
        released = true;
        if (committed && this.dayCounts.has(documentName)) {
          this.dayCounts.set(documentName, dayCount);
          this.changes.set(documentName, (this.changes.get(documentName) ?? 0) + 1);
        }
        held.splice(held.indexOf(dayCount), 1);
        if (held.length === 0 && this.held.get(documentName) === held) this.held.delete(documentName);
      },
    };
  }

  check(documentName: string, document: Y.Doc, update: Uint8Array): void {
    const counts = [this.dayCounts.get(documentName), ...(this.held.get(documentName) ?? [])].filter(
      (count): count is number => count !== undefined,
    );
    if (counts.length === 0) return;
    const dayCount = Math.min(...counts);
    const structs = decodedUpdate(update).structs;
    const keyOf = keysOf(structs, document);
    for (const struct of structs) {
      // An overwritten value sent with the one replacing it (a form that sets the day again, a
      // page's first sync after a reload) travels deleted, its content gone: it is no day at all.
      if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted || keyOf(struct) !== 'day') continue;
      const [day, ...more] = struct.content instanceof Y.ContentAny ? struct.content.arr : [];
      if (more.length === 0 && isMeetingDay(day, dayCount)) continue;
      this.log.warn({ documentName, dayCount }, 'refused an agenda item day outside the meeting');
      throw CLOSE_EVENTS.agendaItemDay;
    }
  }

  private async read(documentName: string): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref?.kind !== 'agenda') return;
    const change = this.changes.get(documentName) ?? 0;
    try {
      const meeting = await this.store.meetings.byId(ref.id);
      // A dates change committed while this read was under way: it set the newer count.
      if (meeting && change === (this.changes.get(documentName) ?? 0))
        this.dayCounts.set(documentName, meetingDayCount(meeting.startsOn, meeting.endsOn));
    } catch (error) {
      this.log.error({ err: error, documentName }, 'could not read the meeting days of an agenda');
    }
  }
}

/**
 * The map key (attribute name) each item of an update is the value of, or null. An item that
 * carries its key has it. One that does not follows another (its origin, else its right origin)
 * and has that one's key: an item of the document holds its key as integrated (null for text), so
 * the look-up ends there; only items sent in the same update are followed further, without
 * recursion, each once. Following the document's own items instead walked back through a whole
 * text for each edit (12,000 characters typed one by one before a title's first ran out of stack).
 */
function keysOf(structs: (Y.Item | Y.GC | Y.Skip)[], document: Y.Doc): (item: Y.Item) => string | null {
  const idOf = (id: Y.ID) => `${id.client}:${id.clock}`;
  const sent = new Map(structs.map((struct) => [idOf(struct.id), struct]));
  const known = new Map<Y.Item, string | null>();
  return (item: Y.Item): string | null => {
    // The chain of sent items whose key is not known yet, up to one whose key is.
    const chain = new Set<Y.Item>();
    let current: Y.Item | undefined = item;
    let key: string | null = null;
    while (current) {
      if (current.parentSub !== null) {
        key = current.parentSub;
        break;
      }
      const cached = known.get(current);
      if (cached !== undefined) {
        key = cached;
        break;
      }
      if (chain.has(current)) break; // a cycle of origins in a crafted update has no key
      chain.add(current);
      const origin: Y.ID | null = current.origin ?? current.rightOrigin;
      if (!origin) break;
      const inUpdate = sent.get(idOf(origin));
      if (inUpdate) {
        current = inUpdate instanceof Y.Item ? inUpdate : undefined;
        continue;
      }
      const stored = storedItem(document, origin);
      key = stored instanceof Y.Item ? stored.parentSub : null;
      break;
    }
    for (const link of chain) known.set(link, key);
    return key;
  };
}

/** The document's struct holding `id`, or undefined when it has none (a crafted or pending reference). */
function storedItem(document: Y.Doc, id: Y.ID): Y.Item | Y.GC | undefined {
  if (id.clock >= Y.getState(document.store, id.client)) return undefined;
  return Y.getItem(document.store, id);
}
