/**
 * The agenda's past, rebuilt from the document's update log (every update is kept, with the
 * user who sent it): the document as it was at a log position, and what changed between two
 * positions, with who inserted and who deleted each piece.
 */
import * as Y from 'yjs';
import { fullNumbers, normaliseAgendaItemAttrs } from '../../../../shared/agendaItems.ts';
import { RICH_TEXT_FIELD } from '../../../../shared/documentNames.ts';
import type { DiffBlock, DiffSpan } from '../../../../shared/schemas/meetingRecord.ts';
import type { DocumentStore, StoredUpdate } from '../../collab/documentStore.ts';
import { richTextSchema } from '../agendaDocument.ts';

const PAGE = 5_000;

/** Every log row of a document up to `toSeq`, oldest first. */
async function* rowsUpTo(documents: DocumentStore, doc: string, toSeq: number): AsyncGenerator<StoredUpdate> {
  let after = 0;
  for (;;) {
    const rows = await documents.history(doc, after, PAGE);
    for (const row of rows) {
      if (row.seq > toSeq) return;
      yield row;
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}

function apply(doc: Y.Doc, data: Uint8Array): void {
  try {
    Y.applyUpdate(doc, data);
  } catch {
    // A row Yjs refuses is skipped, as the collab server does when it loads the document.
  }
}

/** The document as it was once the log had reached `seq`. */
export async function documentAt(documents: DocumentStore, doc: string, seq: number): Promise<Y.Doc> {
  const ydoc = new Y.Doc();
  for await (const row of rowsUpTo(documents, doc, seq)) apply(ydoc, row.data);
  return ydoc;
}

export type PersonRef = { id: string; name: string } | null;

/** Is the struct visible in the snapshot? (Yjs's own isVisible is not exported.) */
function visibleIn(item: Y.Item, snapshot: Y.Snapshot): boolean {
  const clock = snapshot.sv.get(item.id.client) ?? 0;
  return item.id.clock < clock && !Y.isDeleted(snapshot.ds, item.id);
}

interface Deletion {
  clock: number;
  len: number;
  userId: string | null;
}

/** The document as it was at a log position, and who first wrote each client's structs by then. */
export interface DiffStart {
  /** The whole state (deleted content included: no garbage collection). */
  state: Uint8Array;
  authors: [number, string | null][];
}

/** A diff whose people are still user ids (a worker computes it; the main thread names them). */
export interface RawDiff {
  blocks: DiffBlock[];
  pending: {
    block: DiffBlock;
    authors: { spanIndex: number; userId: string | null }[];
    blockAuthor: string | null;
    attributeAuthors: (string | null)[];
  }[];
  /** The document at `fromSeq`, when asked for: stored, it spares the next diff the history before. */
  start?: DiffStart;
}

/**
 * What changed in the document between log positions `fromSeq` and `toSeq`, block by block:
 * text inserted and deleted, blocks added and removed, attributes changed, each with the user id
 * of who did it. `rows` are the log rows after `start` (or from the beginning) up to `toSeq`.
 * CPU only, no I/O: it runs in a worker thread (diffWorker.ts).
 */
export function computeDiff(
  rows: Iterable<Pick<StoredUpdate, 'seq' | 'data' | 'userId'>>,
  fromSeq: number,
  start: DiffStart | null,
  capture: boolean,
): RawDiff {
  // Deleted content is kept (no garbage collection) so that both states can be read at once.
  const ydoc = new Y.Doc({ gc: false });
  const authorOfClient = new Map<number, string | null>(start?.authors ?? []);
  if (start) apply(ydoc, start.state);
  let before: Y.Snapshot | null = null;
  let captured: DiffStart | undefined;
  const deletions = new Map<number, Deletion[]>();
  const takeBefore = () => {
    before = Y.snapshot(ydoc);
    if (capture && !start) captured = { state: Y.encodeStateAsUpdate(ydoc), authors: [...authorOfClient] };
  };
  for (const row of rows) {
    if (row.seq > fromSeq && !before) takeBefore();
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(row.data);
    } catch {
      continue;
    }
    for (const struct of decoded.structs)
      if (!authorOfClient.has(struct.id.client)) authorOfClient.set(struct.id.client, row.userId);
    if (row.seq > fromSeq) {
      for (const [client, ranges] of decoded.ds.clients) {
        const list = deletions.get(client) ?? [];
        for (const range of ranges) list.push({ clock: range.clock, len: range.len, userId: row.userId });
        deletions.set(client, list);
      }
    }
    apply(ydoc, row.data);
  }
  if (!before) takeBefore();
  const from = before!;
  const to = Y.snapshot(ydoc);

  const inserter = (id: Y.ID) => authorOfClient.get(id.client) ?? null;
  const deleter = (id: Y.ID) =>
    deletions.get(id.client)?.find((range) => id.clock >= range.clock && id.clock < range.clock + range.len)?.userId ?? null;

  const schema = richTextSchema();
  const blocks: DiffBlock[] = [];
  const pending: RawDiff['pending'] = [];
  const items: { block: DiffBlock; levelFrom: number | null; levelTo: number | null; titleIndex: number }[] = [];

  const walk = (parent: Y.XmlFragment | Y.XmlElement, depth: number) => {
    for (let item = parent._start; item !== null; item = item.right) {
      if (!(item.content instanceof Y.ContentType)) continue;
      const inFrom = visibleIn(item, from);
      const inTo = visibleIn(item, to);
      if (!inFrom && !inTo) continue;
      const node = item.content.type;
      if (!(node instanceof Y.XmlElement)) continue;
      const change = inFrom && !inTo ? ('removed' as const) : !inFrom && inTo ? ('added' as const) : undefined;
      const blockAuthor = change === 'added' ? inserter(item.id) : change === 'removed' ? deleter(item.id) : null;
      const attributes = change ? [] : attributeChanges(node, from, to, inserter, deleter);
      const isText = schema.nodes[node.nodeName]?.isTextblock ?? false;
      if (isText || change || attributes.length > 0 || node.nodeName === 'agendaItem') {
        const block: DiffBlock = { type: node.nodeName, depth, spans: [] };
        if (change) block.change = change;
        const entry: RawDiff['pending'][number] = {
          block,
          authors: [],
          blockAuthor,
          attributeAuthors: attributes.map((a) => a.userId),
        };
        if (attributes.length)
          block.attributes = attributes.map(({ name, from: was, to: now }) => ({ name, from: was, to: now }));
        if (isText) readText(node, from, to, entry, inserter, deleter);
        pending.push(entry);
        blocks.push(block);
        if (node.nodeName === 'agendaItem')
          items.push({
            block,
            levelFrom: inFrom ? normaliseAgendaItemAttrs(node.getAttributes(from)).level : null,
            levelTo: inTo ? normaliseAgendaItemAttrs(node.getAttributes(to)).level : null,
            // The item's title is its first text block, walked next.
            titleIndex: blocks.length,
          });
      }
      if (!isText) walk(node, depth + 1);
    }
  };
  walk(ydoc.getXmlFragment(RICH_TEXT_FIELD), 0);
  ydoc.destroy();
  labelItems(items, blocks);
  return captured ? { blocks, pending, start: captured } : { blocks, pending };
}

/**
 * Gives each agenda item block the number and title the reader knows it by: an item's detail
 * changes come before its title in document order, and the reader sees neither the item's
 * number nor, when the item's text is unchanged, anything else to tell one item from the next.
 * The number and title are those of the newer side, or of the older one for a removed item.
 */
function labelItems(
  items: { block: DiffBlock; levelFrom: number | null; levelTo: number | null; titleIndex: number }[],
  blocks: DiffBlock[],
): void {
  const numbersOn = (side: 'levelFrom' | 'levelTo') => {
    const present = items.filter((item) => item[side] !== null);
    const numbers = fullNumbers(present.map((item) => item[side]!));
    return new Map(present.map((item, index) => [item, numbers[index]!]));
  };
  const fromNumbers = numbersOn('levelFrom');
  const toNumbers = numbersOn('levelTo');
  for (const item of items) {
    const removed = item.levelTo === null;
    const title = blocks[item.titleIndex];
    const text =
      title?.type === 'agendaItemTitle'
        ? title.spans
            .filter((span) => span.change !== (removed ? 'added' : 'removed'))
            .map((span) => span.text)
            .join('')
        : '';
    item.block.item = { number: (removed ? fromNumbers.get(item) : toNumbers.get(item)) ?? '', title: text };
  }
}

/** Puts names on a computed diff (`people` resolves user ids to names, once each). */
export async function nameDiff(raw: RawDiff, people: (userId: string) => Promise<PersonRef>): Promise<DiffBlock[]> {
  const names = new Map<string, PersonRef>();
  const person = async (userId: string | null | undefined): Promise<PersonRef> => {
    if (!userId) return null;
    if (!names.has(userId)) names.set(userId, await people(userId));
    return names.get(userId) ?? null;
  };
  for (const entry of raw.pending) {
    if (entry.block.change) entry.block.by = await person(entry.blockAuthor);
    for (const { spanIndex, userId } of entry.authors) entry.block.spans[spanIndex]!.by = await person(userId);
    for (const [index, userId] of entry.attributeAuthors.entries()) {
      const attribute = entry.block.attributes?.[index];
      if (attribute) attribute.by = await person(userId);
    }
  }
  return raw.blocks;
}

/** Every log row of a document after `afterSeq` up to `toSeq`, oldest first, read in pages. */
export async function rowsBetween(
  documents: DocumentStore,
  doc: string,
  afterSeq: number,
  toSeq: number,
): Promise<StoredUpdate[]> {
  const all: StoredUpdate[] = [];
  let after = afterSeq;
  for (;;) {
    const rows = await documents.history(doc, after, PAGE);
    for (const row of rows) {
      if (row.seq > toSeq) return all;
      all.push(row);
    }
    if (rows.length < PAGE) return all;
    after = rows[rows.length - 1]!.seq;
  }
}

function readText(
  element: Y.XmlElement,
  from: Y.Snapshot,
  to: Y.Snapshot,
  entry: { block: DiffBlock; authors: { spanIndex: number; userId: string | null }[] },
  inserter: (id: Y.ID) => string | null,
  deleter: (id: Y.ID) => string | null,
): void {
  const spans = entry.block.spans;
  const push = (text: string, change: 'added' | 'removed' | undefined, userId: string | null) => {
    const last = spans[spans.length - 1];
    const lastAuthor = entry.authors.find((author) => author.spanIndex === spans.length - 1)?.userId ?? null;
    if (last && last.change === change && (!change || lastAuthor === userId)) {
      last.text += text;
      return;
    }
    const span: DiffSpan = { text };
    if (change) {
      span.change = change;
      entry.authors.push({ spanIndex: spans.length, userId });
    }
    spans.push(span);
  };
  for (let item = element._start; item !== null; item = item.right) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const inFrom = visibleIn(item, from);
    const inTo = visibleIn(item, to);
    if (!inFrom && !inTo) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlText) {
      const delta = child.toDelta(to, from, (type: 'added' | 'removed', id: Y.ID) => ({
        type,
        userId: type === 'added' ? inserter(id) : deleter(id),
      })) as { insert: unknown; attributes?: { ychange?: { type: 'added' | 'removed'; userId: string | null } } }[];
      for (const op of delta) {
        if (typeof op.insert !== 'string') continue;
        const ychange = op.attributes?.ychange;
        push(op.insert, ychange?.type, ychange?.userId ?? null);
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      const change = inFrom && !inTo ? 'removed' : !inFrom && inTo ? 'added' : undefined;
      push('\n', change, change === 'added' ? inserter(item.id) : change === 'removed' ? deleter(item.id) : null);
    }
  }
}

/** Attributes whose value differs between the snapshots, with who set the new value. */
function attributeChanges(
  element: Y.XmlElement,
  from: Y.Snapshot,
  to: Y.Snapshot,
  inserter: (id: Y.ID) => string | null,
  deleter: (id: Y.ID) => string | null,
): { name: string; from: unknown; to: unknown; userId: string | null }[] {
  const was = element.getAttributes(from) as Record<string, unknown>;
  const now = element.getAttributes(to) as Record<string, unknown>;
  const changes: { name: string; from: unknown; to: unknown; userId: string | null }[] = [];
  for (const name of new Set([...Object.keys(was), ...Object.keys(now)])) {
    // An empty string, null and no attribute at all are the same empty value (an item's start
    // or expected output cleared in one place is written "" and in another null).
    if (JSON.stringify(emptyAsNull(was[name])) === JSON.stringify(emptyAsNull(now[name]))) continue;
    // The value current at `to` was set by whoever inserted it; a removed one, by whoever deleted it.
    let item: Y.Item | null = element._map.get(name) ?? null;
    while (item !== null && item.id.clock >= (to.sv.get(item.id.client) ?? 0)) item = item.left;
    const userId = item === null ? null : visibleIn(item, to) ? inserter(item.id) : deleter(item.id);
    changes.push({ name, from: emptyAsNull(was[name]), to: emptyAsNull(now[name]), userId });
  }
  return changes;
}

function emptyAsNull(value: unknown): unknown {
  return value === undefined || value === '' ? null : value;
}
