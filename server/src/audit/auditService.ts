/**
 * The audit log for its reader, the secretariat: entries filtered by actor, action and period, with
 * the names of what each refers to, and the same as CSV. A page's names are read together: one
 * statement per kind of thing (auditNames.ts), and one read of each agenda whose items it names,
 * however many entries name them.
 */
import { auditRefs, entryMeetingId } from '../../../shared/auditRefs.ts';
import { commentPlainText, mentionedIds, parseCommentText } from '../../../shared/commentText.ts';
import { isIsoDate } from '../../../shared/dueDates.ts';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import type { AuditEntryDto, AuditQuery } from '../../../shared/schemas/audit.ts';
import type { VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import { restoredKind, versionOrigin } from '../../../shared/versionOrigin.ts';
import { badRequest } from '../http/appError.ts';
import { fill, type ServerText, serverText } from '../i18n/serverText.ts';
import { readAgenda } from '../meetingRecord/agendaDocument.ts';
import { itemTitle } from '../meetingRecord/pack/packModel.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import type { AuditEntry } from './auditLog.ts';
import { AuditNames, type CommentName, type HandName, type PlainRefKind, type StoredRefKind } from './auditNames.ts';
import { requireAuditReader } from './auditPolicy.ts';

const DAY_MS = 86_400_000;

/** A question or an action item is named by its text, which may be paragraphs; the log shows its start. */
const TEXT_NAME_LENGTH = 80;

/** The start of a text as one line, cut between characters (never inside a surrogate pair). */
function shortened(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  if (characters.length <= TEXT_NAME_LENGTH) return characters.join('');
  const start = characters.slice(0, TEXT_NAME_LENGTH - 1).join('');
  return `${start.trimEnd()}…`;
}

/** A stored name as the reader reads it: a call's kind in their language, a long text's start. */
function readName(kind: PlainRefKind, name: string, language: Language): string {
  if (kind === 'call') {
    const kinds = serverText(language).timeline.callKinds;
    return kinds[name as keyof typeof kinds] ?? name;
  }
  return kind === 'question' || kind === 'action' ? shortened(name) : name;
}

/**
 * An agenda version's name as the reader reads it: one the board named itself (automatic, before a
 * restore, a restore) worded in their language from what it is made of, stored or recognised from
 * the English it was once stored in (versionOrigin); a name someone gave it, as given.
 */
type StoredVersion = { name: string; kind: VersionDto['kind']; origin: string | null };

function readVersionName(
  version: StoredVersion,
  language: Language,
  versions: ReadonlyMap<string, StoredVersion> = new Map(),
  depth = 0,
): string {
  const origin = versionOrigin(version.kind, version.name, version.origin);
  if (!origin) return version.name;
  const words = serverText(language).audit.versionNames;
  if (origin.made === 'periodic')
    return fill(words.periodic, { when: formatDateTime(language, origin.at, { timeZone: 'UTC', withZone: true }) });
  // The version restored is named as the reader reads it too ("Before restoring “Automatic, …”"):
  // the name kept in the origin is the one it was stored under, English for a name the board made.
  // From that version when the origin says which and it is read, else from that stored name (an older
  // origin, read from the English, names none). At most three deep: a restore of a restore of…
  const restored = origin.versionId ? versions.get(origin.versionId) : undefined;
  const inner: StoredVersion = restored ?? { name: origin.name, kind: restoredKind(origin), origin: null };
  return fill(words[origin.made], { name: depth < 3 ? readVersionName(inner, language, versions, depth + 1) : origin.name });
}

/** The versions a page's versions were restored from (their origins' ids not already read), for their names. */
function restoredIds(versions: ReadonlyMap<string, StoredVersion>): string[] {
  const ids = new Set<string>();
  for (const version of versions.values()) {
    const origin = versionOrigin(version.kind, version.name, version.origin);
    if (origin && origin.made !== 'periodic' && origin.versionId && !versions.has(origin.versionId)) ids.add(origin.versionId);
  }
  return [...ids];
}

/**
 * A name within a longer name, isolated (FSI … PDI): a comment's start, its author, its proposal's or
 * meeting's title each keep their own direction among the reader's words, and the page draws each in
 * a <bdi> of its own (client/src/audit/AuditDetail.tsx). Isolation marks within the name are dropped,
 * so that the text cannot end its isolate early.
 */
const isolated = (name: string) => `\u2068${name.replace(/[\u2066-\u2069]/g, '')}\u2069`;

/**
 * A comment as the reader reads it: its start quoted (mentions as `@Name`), or that it was deleted
 * or hidden (never its text), then its author; a thread is its first comment, then the document it is
 * on. `people`: the names of the people the page names, the mentioned ones among them. Each recorded
 * part is `isolated`.
 */
function commentName(kind: 'thread' | 'comment', found: CommentName, words: ServerText, people: Map<string, string>): string {
  const text = found.deleted
    ? words.audit.deleted
    : found.hidden
      ? words.audit.hidden
      : fill(words.audit.quoted, {
          text: isolated(shortened(commentPlainText(parseCommentText(found.body), (id) => people.get(id)))),
        });
  const comment = fill(words.audit.comment, { comment: text, author: isolated(found.author) });
  if (kind === 'comment') return comment;
  const place =
    found.proposal !== null
      ? isolated(found.proposal)
      : found.meeting === null
        ? null
        : fill(words.audit.agenda, { meeting: isolated(found.meeting) });
  return place === null ? comment : fill(words.audit.thread, { comment, place });
}

/** A bound of the period: a date means its whole day (UTC), an instant itself. */
function bound(value: string | undefined, field: 'from' | 'to'): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (isIsoDate(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return field === 'from' ? start : start + DAY_MS - 1;
  }
  // Date.parse rolls 30 February over into March: the instant's date must exist too.
  const at = /^\d{4}-\d{2}-\d{2}T/.test(value) && isIsoDate(value.slice(0, 10)) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw badRequest(`${field} is not a date (YYYY-MM-DD) or an ISO 8601 instant.`, { field });
  return at;
}

/** A CSV field, quoted when needed; a leading formula character is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(rows: AuditEntryDto[]): string {
  const lines = [['at', 'actorId', 'actorName', 'action', 'subject', 'detail'].join(',')];
  for (const row of rows) {
    lines.push(
      [row.at, row.actorId ?? '', row.actorName ?? '', row.action, row.subject, JSON.stringify(row.detail)]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The names found for a page: by kind, then id; agenda items by meeting, then item id. */
interface PageNames {
  stored: Map<StoredRefKind, Map<string, string>>;
  items: Map<string, Map<string, string>>;
}

export class AuditService {
  private readonly store: Store;
  private readonly names: AuditNames;

  constructor(store: Store) {
    this.store = store;
    this.names = new AuditNames(store.db);
  }

  /**
   * Entries newest first, each with `names`: id → the current name of what it refers to, or null
   * when that thing no longer exists (a deleted meeting, a draft poll deleted, an item taken off
   * its agenda). An agenda item is named only when the entry says its meeting; an untitled one, and
   * a call's kind, are said in `language`.
   */
  async entries(user: User, query: AuditQuery, language: Language): Promise<AuditEntryDto[]> {
    requireAuditReader(user);
    const from = bound(query.from, 'from');
    const to = bound(query.to, 'to');
    if (from !== undefined && to !== undefined && to < from) throw badRequest('to is before from.', { field: 'to' });
    const found = await this.store.audit.search(
      { actorId: query.actor || undefined, action: query.action || undefined, from, to },
      query.limit ?? 1000,
    );
    const page = await this.pageNames(found, language);
    const people = page.stored.get('person');
    return found.map((entry) => {
      const names = namesOf(entry, page);
      return {
        id: entry.id,
        at: new Date(entry.at).toISOString(),
        actorId: entry.actorId,
        actorName: entry.actorId ? (people?.get(entry.actorId) ?? null) : null,
        action: entry.action,
        subject: entry.subject,
        detail: restoredName(entry, names),
        names,
      };
    });
  }

  async csv(user: User, query: AuditQuery, language: Language): Promise<string> {
    return auditCsv(await this.entries(user, query, language));
  }

  /** The actions the log holds, for the reader's filter. */
  async actions(user: User): Promise<string[]> {
    requireAuditReader(user);
    return this.store.audit.actions();
  }

  private async pageNames(entries: AuditEntry[], language: Language): Promise<PageNames> {
    const wanted = new Map<StoredRefKind, Set<string>>();
    const itemsWanted = new Map<string, Set<string>>();
    const want = <K>(map: Map<K, Set<string>>, key: K, id: string) => {
      const ids = map.get(key) ?? new Set<string>();
      map.set(key, ids.add(id));
    };
    for (const entry of entries) {
      if (entry.actorId) want(wanted, 'person', entry.actorId);
      const meetingId = entryMeetingId(entry.subject, entry.detail);
      for (const { kind, id } of auditRefs(entry.action, entry.subject, entry.detail)) {
        if (kind !== 'agendaItem') want(wanted, kind, id);
        else if (meetingId) want(itemsWanted, meetingId, id);
      }
    }
    // Threads and comments first: the people their texts mention are read with the page's other people.
    const comments = new Map(
      await Promise.all(
        (['thread', 'comment'] as const)
          .filter((kind) => wanted.has(kind))
          .map(async (kind) => [kind, await this.names.ofComments(kind, [...wanted.get(kind)!])] as const),
      ),
    );
    for (const found of comments.values()) {
      for (const { body } of found.values()) for (const id of mentionedIds(body)) want(wanted, 'person', id);
    }
    // Hands before agendas: the item each was raised on is read with its meeting's other items.
    const hands = wanted.has('hand') ? await this.names.ofHands([...wanted.get('hand')!]) : new Map<string, HandName>();
    for (const hand of hands.values()) if (hand.itemId) want(itemsWanted, hand.meetingId, hand.itemId);
    const stored = new Map<StoredRefKind, Map<string, string>>(
      await Promise.all(
        [...wanted]
          .filter(
            (entry): entry is [PlainRefKind, Set<string>] =>
              entry[0] !== 'thread' && entry[0] !== 'comment' && entry[0] !== 'hand',
          )
          .map(async ([kind, ids]) => {
            if (kind === 'version') {
              const versions = await this.names.ofVersions([...ids]);
              // With the versions they were restored from, one statement more, so that a name made of another reads whole.
              const restored = restoredIds(versions);
              const all = restored.length > 0 ? new Map([...versions, ...(await this.names.ofVersions(restored))]) : versions;
              return [
                kind,
                new Map([...versions].map(([id, version]) => [id, readVersionName(version, language, all)])),
              ] as const;
            }
            const names = await this.names.of(kind, [...ids]);
            for (const [id, name] of names) names.set(id, readName(kind, name, language));
            return [kind, names] as const;
          }),
      ),
    );
    const words = serverText(language);
    const people = stored.get('person') ?? new Map<string, string>();
    for (const [kind, found] of comments) {
      stored.set(kind, new Map([...found].map(([id, name]) => [id, commentName(kind, name, words, people)])));
    }
    const untitled = serverText(language);
    const items = new Map(
      await Promise.all(
        [...itemsWanted.keys()].map(async (meetingId) => {
          const { items: agenda } = await readAgenda(this.store.documents, meetingId);
          const titles = new Map<string, string>();
          for (const item of agenda) if (item.id) titles.set(item.id, `${item.fullNumber}. ${itemTitle(item, untitled)}`);
          return [meetingId, titles] as const;
        }),
      ),
    );
    if (wanted.has('hand')) {
      stored.set('hand', new Map([...hands].map(([id, hand]) => [id, handName(hand, items.get(hand.meetingId), words)])));
    }
    return { stored, items };
  }
}

/**
 * A hand as the reader reads it: whose it is, and the agenda item it was raised on ("Amina Diallo,
 * item 3. Budget"), each part isolated; the person alone for a hand raised while no item was
 * current, or on an item since taken off the agenda.
 */
function handName(hand: HandName, items: Map<string, string> | undefined, words: ServerText): string {
  const item = hand.itemId ? items?.get(hand.itemId) : undefined;
  return item === undefined ? hand.person : fill(words.audit.hand, { person: isolated(hand.person), item: isolated(item) });
}

/**
 * A restore's detail with the restored version's `name` as the reader reads it, as the version history
 * says it: the name recorded is the one the version was stored under (English for one the board named
 * itself: "Before restoring “…”", "Automatic, …"), and a version's name never changes, so the version
 * read by its id (from its stored kind and origin, never from the look of its name) says that name in
 * the reader's language; a name someone typed stays as typed, even one that looks automatic. A version
 * no longer found keeps the name recorded.
 */
function restoredName(entry: AuditEntry, names: Record<string, string | null>): Record<string, unknown> {
  const { detail } = entry;
  if (entry.action !== 'agenda.restore' || typeof detail.versionId !== 'string' || typeof detail.name !== 'string') return detail;
  const read = names[detail.versionId];
  return typeof read === 'string' ? { ...detail, name: read } : detail;
}

/** One entry's `names`, from what was found for its page. */
function namesOf(entry: AuditEntry, page: PageNames): Record<string, string | null> {
  const names: Record<string, string | null> = {};
  const meetingId = entryMeetingId(entry.subject, entry.detail);
  for (const { kind, id } of auditRefs(entry.action, entry.subject, entry.detail)) {
    const found = kind === 'agendaItem' ? (meetingId ? page.items.get(meetingId) : undefined) : page.stored.get(kind);
    // An item of an entry that does not say its meeting cannot be told from the same item in a copy of the agenda.
    if (found) names[id] = found.get(id) ?? null;
  }
  return names;
}
