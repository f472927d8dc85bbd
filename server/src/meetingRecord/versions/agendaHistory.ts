/**
 * The agenda's past, rebuilt from the document's update log (every update is kept, with the
 * user who sent it): the document as it was at a log position, and what changed between two
 * positions, with who inserted and who deleted each piece.
 */
import * as Y from 'yjs';
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

type PersonRef = { id: string; name: string } | null;

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

/**
 * What changed in the document between log positions `fromSeq` and `toSeq`, block by block:
 * text inserted and deleted, blocks added and removed, attributes changed, each with the person
 * who did it (`people` resolves user ids to names).
 */
export async function diffBetween(
  documents: DocumentStore,
  doc: string,
  fromSeq: number,
  toSeq: number,
  people: (userId: string) => Promise<PersonRef>,
): Promise<DiffBlock[]> {
  // Deleted content is kept (no garbage collection) so that both states can be read at once.
  const ydoc = new Y.Doc({ gc: false });
  let before: Y.Snapshot | null = null;
  const authorOfClient = new Map<number, string | null>();
  const deletions = new Map<number, Deletion[]>();
  for await (const row of rowsUpTo(documents, doc, toSeq)) {
    if (row.seq > fromSeq && !before) before = Y.snapshot(ydoc);
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
  const from = before ?? Y.snapshot(ydoc);
  const to = Y.snapshot(ydoc);

  const names = new Map<string, PersonRef>();
  const person = async (userId: string | null | undefined): Promise<PersonRef> => {
    if (!userId) return null;
    if (!names.has(userId)) names.set(userId, await people(userId));
    return names.get(userId) ?? null;
  };
  const inserter = (id: Y.ID) => authorOfClient.get(id.client) ?? null;
  const deleter = (id: Y.ID) =>
    deletions.get(id.client)?.find((range) => id.clock >= range.clock && id.clock < range.clock + range.len)?.userId ?? null;

  const schema = richTextSchema();
  const blocks: DiffBlock[] = [];
  type Pending = {
    block: DiffBlock;
    authors: { spanIndex: number; userId: string | null }[];
    blockAuthor: string | null;
    attributeAuthors: (string | null)[];
  };
  const pending: Pending[] = [];

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
        const entry: Pending = { block, authors: [], blockAuthor, attributeAuthors: attributes.map((a) => a.userId) };
        if (attributes.length)
          block.attributes = attributes.map(({ name, from: was, to: now }) => ({ name, from: was, to: now }));
        if (isText) readText(node, from, to, entry, inserter, deleter);
        pending.push(entry);
        blocks.push(block);
      }
      if (!isText) walk(node, depth + 1);
    }
  };
  walk(ydoc.getXmlFragment(RICH_TEXT_FIELD), 0);

  for (const entry of pending) {
    if (entry.block.change) entry.block.by = await person(entry.blockAuthor);
    for (const { spanIndex, userId } of entry.authors) entry.block.spans[spanIndex]!.by = await person(userId);
    for (const [index, userId] of entry.attributeAuthors.entries()) {
      const attribute = entry.block.attributes?.[index];
      if (attribute) attribute.by = await person(userId);
    }
  }
  ydoc.destroy();
  return blocks;
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
    if (JSON.stringify(was[name] ?? null) === JSON.stringify(now[name] ?? null)) continue;
    // The value current at `to` was set by whoever inserted it; a removed one, by whoever deleted it.
    let item: Y.Item | null = element._map.get(name) ?? null;
    while (item !== null && item.id.clock >= (to.sv.get(item.id.client) ?? 0)) item = item.left;
    const userId = item === null ? null : visibleIn(item, to) ? inserter(item.id) : deleter(item.id);
    changes.push({ name, from: was[name] ?? null, to: now[name] ?? null, userId });
  }
  return changes;
}
