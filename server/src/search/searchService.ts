/**
 * Search: folds the query, asks the index, keeps what the person may read, cuts a snippet with
 * the matches marked by offsets (never HTML) and links each result to its exact place.
 */

import { parseDocumentName } from '../../../shared/documentNames.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import { SEARCH_KINDS, SEARCH_LIMITS, type SearchKind, type SearchResult } from '../../../shared/schemas/search.ts';
import { notFound } from '../http/appError.ts';
import { serverText } from '../i18n/serverText.ts';
import type { Meeting } from '../meetings/meetingStore.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import type { DocumentIndexer } from './documentIndexer.ts';
import type { IndexEntry, SearchIndex } from './searchIndex.ts';
import { canSearchMeeting } from './searchPolicy.ts';
import { allQueryWords, queryWords, snippetOf } from './textFold.ts';

/** Index kinds shown under another kind. */
const SHOWN_AS: Record<string, SearchKind> = { pollOption: 'poll', proposalText: 'proposal' };

/**
 * A result's title in the reader's words. An agenda item without a title is indexed as "6.a. ", its
 * number alone (documentIndexer.ts), and reads as untitled in the reader's language, as the board
 * says it.
 */
export function shownTitle(entry: Pick<IndexEntry, 'kind' | 'title'>, language: Language): string {
  if (entry.kind !== 'agendaItem') return entry.title;
  const [, number, title] = /^(\S+\.)\s*(.*)$/s.exec(entry.title) ?? [];
  if (!number || title) return entry.title;
  return `${number} ${serverText(language).untitledItem}`;
}

export function linkOf(entry: IndexEntry): string {
  const meeting = `/meetings/${encodeURIComponent(entry.meetingId)}`;
  const target = entry.target;
  switch (entry.kind) {
    case 'proposal':
    case 'proposalText':
      return `${meeting}/proposals/${encodeURIComponent(target)}`;
    case 'comment': {
      const [doc = '', thread = ''] = target.split(' ');
      const ref = parseDocumentName(doc);
      if (ref?.kind === 'proposal') return `${meeting}/proposals/${encodeURIComponent(ref.id)}#thread-${thread}`;
      return `${meeting}?tab=agenda#thread-${thread}`;
    }
    case 'action':
      return `${meeting}?tab=actions#action-${entry.refId}`;
    case 'poll':
    case 'pollOption':
      return `${meeting}?tab=polls#poll-${target}`;
    case 'workingGroup':
      return `${meeting}?tab=groups#group-${target}`;
    case 'agendaItem':
      return `${meeting}?tab=agenda#item-${target}`;
    case 'attachment':
      if (target.startsWith('item:')) return `${meeting}?tab=attachments#item-${target.slice(5)}`;
      if (target.startsWith('proposal:')) return `${meeting}/proposals/${encodeURIComponent(target.slice(9))}#attachments`;
      return `${meeting}?tab=attachments#attachment-${entry.refId}`;
    default:
      return meeting;
  }
}

export class SearchService {
  private readonly store: Store;
  private readonly index: SearchIndex;

  private backfill: Promise<void> | null = null;
  private readonly documents: DocumentIndexer | null;

  constructor(store: Store, index: SearchIndex, documents: DocumentIndexer | null = null) {
    this.store = store;
    this.index = index;
    this.documents = documents;
  }

  /** A comment is shown under its proposal's title (a comment on the agenda gets the client's words). */
  private async commentTitle(target: string): Promise<string> {
    const ref = parseDocumentName(target.split(' ')[0] ?? '');
    if (ref?.kind !== 'proposal') return '';
    const row = await this.store.db.get<{ title: string }>('SELECT title FROM proposals WHERE id = ?', [ref.id]);
    return row?.title ?? '';
  }

  /** Once per process, before the first search is answered: documents stored before they could be indexed, or indexed with the old words of an untitled item. */
  private async backfilled(): Promise<void> {
    if (!this.documents) return;
    this.backfill ??= this.documents.backfill().catch(() => {
      this.backfill = null;
    });
    await this.backfill;
  }

  /** How many different words of the query are searched, and how many after them are not (the page says so). */
  wordsOf(query: string): { used: number; ignored: number } {
    const all = allQueryWords(query).length;
    return { used: Math.min(all, SEARCH_LIMITS.queryWords), ignored: Math.max(0, all - SEARCH_LIMITS.queryWords) };
  }

  async search(user: User, query: string, meetingId?: string, language: Language = 'en'): Promise<SearchResult[]> {
    const meetings = new Map<string, Meeting | undefined>();
    if (meetingId) {
      const meeting = await this.store.meetings.byId(meetingId);
      if (!meeting || !canSearchMeeting(user, meeting)) throw notFound('The meeting');
      meetings.set(meetingId, meeting);
    }
    await this.backfilled();
    const words = queryWords(query);
    const rows = await this.index.search(words, { meetingId, limit: 400 });
    const results: SearchResult[] = [];
    const seen = new Set<string>();
    const perKind = new Map<SearchKind, number>();
    for (const row of rows) {
      if (!meetings.has(row.meetingId)) meetings.set(row.meetingId, await this.store.meetings.byId(row.meetingId));
      if (!canSearchMeeting(user, meetings.get(row.meetingId))) continue;
      const kind = (SHOWN_AS[row.kind] ?? row.kind) as SearchKind;
      if (!SEARCH_KINDS.includes(kind)) continue;
      const id = row.kind === 'pollOption' || row.kind === 'proposalText' ? row.target : row.refId;
      if (seen.has(`${kind}:${id}`)) continue;
      const count = perKind.get(kind) ?? 0;
      if (count >= SEARCH_LIMITS.perKind) continue;
      seen.add(`${kind}:${id}`);
      perKind.set(kind, count + 1);
      const inBody = snippetOf(row.body, words);
      const { snippet, matches } = inBody.matches.length > 0 || !row.title ? inBody : snippetOf(row.title, words);
      const title = row.kind === 'comment' ? await this.commentTitle(row.target) : shownTitle(row, language);
      const meetingTitle = meetings.get(row.meetingId)?.title ?? '';
      results.push({ kind, id, meetingId: row.meetingId, meetingTitle, title, snippet, matches, link: linkOf(row) });
    }
    // Grouped by kind, in the order of SEARCH_KINDS; best first within a kind.
    return results.sort((a, b) => SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind));
  }
}
