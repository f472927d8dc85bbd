/**
 * Indexes the text of collaborative documents when they are stored (the debounced store, not
 * every keystroke): an agenda's items (title and notes) and a proposal's body. Runs as a
 * Hocuspocus extension after the persistence extension has written the document.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Extension, onStoreDocumentPayload } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import type * as Y from 'yjs';
import { type RichNode, readAgendaItems } from '../../../shared/agendaItems.ts';
import { agendaDoc, parseDocumentName, proposalDoc } from '../../../shared/documentNames.ts';
import { docToJSON, loadStoredDoc } from '../meetingRecord/agendaDocument.ts';
import type { Store } from '../storage/store.ts';
import type { IndexEntry, SearchIndex } from './searchIndex.ts';

/** Plain text of a node: blocks on their own lines, so that words of two paragraphs never merge. */
export function plainText(node: RichNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const children = node.content ?? [];
  const inline = children.every((child) => child.type === 'text' || child.type === 'hardBreak');
  return children.map(plainText).join(inline ? '' : '\n');
}

/** The words the index gave an untitled agenda item before 2026-12-07 (documentIndexer's backfill repairs such rows). */
const UNTITLED_BEFORE_2026_12_07 = '(untitled item)';

export class DocumentIndexer implements Extension {
  private readonly store: Store;
  private readonly index: SearchIndex;
  private readonly log: FastifyBaseLogger;

  constructor(store: Store, index: SearchIndex, log: FastifyBaseLogger) {
    this.store = store;
    this.index = index;
    this.log = log;
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    // A turn of its own, after the compaction's: on SQLite both run synchronously, and together
    // they held every socket for 10-15 ms at each store while people typed.
    await nextTurn();
    try {
      await this.indexDocument(documentName, document);
    } catch (error) {
      this.log.warn({ err: error, documentName }, 'indexing the document for search failed');
    }
  }

  /**
   * Indexes the stored documents that have no rows yet (a store seeded or upgraded before search
   * existed), and again the agendas whose rows were written before 2026-12-07 with an untitled
   * item as "6.a. (untitled item)": the English words found it for every reader (it is now
   * indexed by its number alone). Once indexed again they hold no such row, so each is repaired
   * once. Documents edited since are indexed when they are stored.
   */
  async backfill(): Promise<void> {
    const indexed = await this.index.indexedDocuments();
    const meetings = await this.store.db.all<{ id: string }>('SELECT id FROM meetings');
    const proposals = await this.store.db.all<{ id: string }>('SELECT id FROM proposals');
    const stale = await this.store.db.all<{ doc: string }>(
      "SELECT DISTINCT doc FROM search_entries WHERE kind = 'agendaItem' AND doc <> '' AND title LIKE ?",
      [`%. ${UNTITLED_BEFORE_2026_12_07}`],
    );
    const names = [
      ...meetings.map((m) => agendaDoc(m.id)).filter((name) => !indexed.has(name)),
      ...proposals.map((p) => proposalDoc(p.id)).filter((name) => !indexed.has(name)),
      ...stale.map((row) => row.doc),
    ];
    for (const name of names) {
      const doc = await loadStoredDoc(this.store.documents, name);
      try {
        await this.indexDocument(name, doc);
      } finally {
        doc.destroy();
      }
    }
  }

  async indexDocument(documentName: string, document: Y.Doc): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (!ref || ref.kind === 'live') return;
    const json = docToJSON(document);
    let entries: IndexEntry[];
    if (ref.kind === 'agenda') {
      entries = readAgendaItems(json)
        .filter((item) => item.id)
        .map((item) => ({
          kind: 'agendaItem',
          refId: `${ref.id}:${item.id}`,
          meetingId: ref.id,
          target: item.id!,
          // Only the words written in the document: an item without a title is indexed by its number
          // alone. The board's name for it, "(untitled item)", is in each reader's language
          // (searchService's shownTitle); indexed in one, its words found the item for that
          // language's readers only, and a result found by them marked words the reader's title did not hold.
          title: `${item.fullNumber}. ${item.title.trim()}`,
          body: [item.presenter, item.expectedOutput, ...item.notes.map(plainText)].filter(Boolean).join('\n'),
        }));
    } else {
      const proposal = await this.store.db.get<{ meeting_id: string; title: string }>(
        'SELECT meeting_id, title FROM proposals WHERE id = ?',
        [ref.id],
      );
      if (!proposal) return;
      entries = [
        {
          kind: 'proposalText',
          refId: ref.id,
          meetingId: proposal.meeting_id,
          target: ref.id,
          title: proposal.title,
          body: plainText(json),
        },
      ];
    }
    await this.index.replaceDocument(documentName, entries);
  }
}
