/**
 * Makes a rich-text Y.XmlFragment equal to another by the smallest edits it can find, the way a
 * person would make them: blocks that did not change are left alone, a changed paragraph gets
 * its characters inserted and deleted, a changed attribute is set. Restoring a version this way,
 * instead of replacing the document, keeps what someone types concurrently anywhere the restore
 * does not delete: their insertions land in blocks that still exist.
 */
import * as Y from 'yjs';
import { commonSubsequence, gapsBetween } from './sequenceDiff.ts';

type Child = Y.XmlElement | Y.XmlText | Y.XmlHook;
type Parent = Y.XmlFragment | Y.XmlElement;

function sortedAttributes(element: Y.XmlElement): string {
  const attrs = element.getAttributes() as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(attrs)
      .sort()
      .map((key) => [key, attrs[key]]),
  );
}

/** Deep content of a node, as a string: equal strings, equal nodes. */
function contentKey(node: Child, cache: Map<Child, string>): string {
  const cached = cache.get(node);
  if (cached !== undefined) return cached;
  let key: string;
  if (node instanceof Y.XmlText) key = `t${JSON.stringify(node.toDelta())}`;
  else if (node instanceof Y.XmlElement) {
    key = `e${node.nodeName}${sortedAttributes(node)}[${(node.toArray() as Child[]).map((child) => contentKey(child, cache)).join(',')}]`;
  } else key = `h${JSON.stringify(node.toJSON())}`;
  cache.set(node, key);
  return key;
}

/** What matches a node across versions: its id when it has one (agenda items), else its content. */
function identityKey(node: Child, cache: Map<Child, string>): string {
  if (node instanceof Y.XmlElement) {
    const id = node.getAttribute('id') as unknown;
    if (typeof id === 'string' && id !== '') return `#${node.nodeName}#${id}`;
  }
  return contentKey(node, cache);
}

function sameKind(a: Child, b: Child): boolean {
  if (a instanceof Y.XmlText) return b instanceof Y.XmlText;
  return a instanceof Y.XmlElement && b instanceof Y.XmlElement && a.nodeName === b.nodeName;
}

function cloneChild(node: Child): Child {
  return node.clone() as Child;
}

/** Edits `current`'s children (and theirs) until they equal `target`'s. Call inside a transaction. */
export function syncChildren(current: Parent, target: Parent, cache = new Map<Child, string>()): void {
  const a = current.toArray() as Child[];
  const b = target.toArray() as Child[];
  const matches = commonSubsequence(
    a.map((node) => identityKey(node, cache)),
    b.map((node) => identityKey(node, cache)),
  );
  // Matched by id but changed inside: edit in place (the number of children stays the same).
  for (const match of matches) {
    const x = a[match.a]!;
    const y = b[match.b]!;
    if (contentKey(x, cache) !== contentKey(y, cache)) syncNode(x, y, cache);
  }
  // From the end, so that the indexes of earlier gaps stay valid.
  for (const gap of gapsBetween(matches, a.length, b.length).reverse()) {
    const m = gap.aTo - gap.aFrom;
    const n = gap.bTo - gap.bFrom;
    const paired = Math.min(m, n);
    for (let k = 0; k < paired; k++) {
      const x = a[gap.aFrom + k]!;
      const y = b[gap.bFrom + k]!;
      if (sameKind(x, y)) syncNode(x, y, cache);
      else {
        current.delete(gap.aFrom + k, 1);
        current.insert(gap.aFrom + k, [cloneChild(y) as Y.XmlElement]);
      }
    }
    if (m > n) current.delete(gap.aFrom + n, m - n);
    if (n > m) current.insert(gap.aFrom + m, b.slice(gap.bFrom + m, gap.bTo).map(cloneChild) as Y.XmlElement[]);
  }
}

function syncNode(current: Child, target: Child, cache: Map<Child, string>): void {
  if (current instanceof Y.XmlText && target instanceof Y.XmlText) {
    syncText(current, target);
    return;
  }
  if (current instanceof Y.XmlElement && target instanceof Y.XmlElement) {
    const have = current.getAttributes() as Record<string, unknown>;
    const want = target.getAttributes() as Record<string, unknown>;
    for (const [key, value] of Object.entries(want)) {
      if (JSON.stringify(have[key]) !== JSON.stringify(value)) current.setAttribute(key, value as string);
    }
    for (const key of Object.keys(have)) if (!(key in want)) current.removeAttribute(key);
    syncChildren(current, target, cache);
  }
}

interface Char {
  /** One code point (so that a diff never splits a surrogate pair). */
  value: string;
  attrs: Record<string, unknown>;
  key: string;
}

interface DeltaOp {
  insert: unknown;
  attributes?: Record<string, unknown>;
}

function charsOf(delta: DeltaOp[]): Char[] | null {
  const chars: Char[] = [];
  for (const op of delta) {
    if (typeof op.insert !== 'string') return null;
    const attrs = op.attributes ?? {};
    const key = JSON.stringify(
      Object.keys(attrs)
        .sort()
        .map((k) => [k, attrs[k]]),
    );
    for (const value of op.insert) chars.push({ value, attrs, key });
  }
  return chars;
}

/** Edits `current`'s characters and formatting until they equal `target`'s. */
export function syncText(current: Y.XmlText, target: Y.XmlText): void {
  const a = charsOf(current.toDelta() as DeltaOp[]);
  const b = charsOf(target.toDelta() as DeltaOp[]);
  if (!a || !b) {
    // Embedded objects: no character diff; replace the text's content.
    current.delete(0, current.length);
    current.applyDelta(target.toDelta());
    return;
  }
  // UTF-16 offset of each code point of `a` (Yjs counts UTF-16 units).
  const offset: number[] = [0];
  for (const char of a) offset.push(offset[offset.length - 1]! + char.value.length);
  const matches = commonSubsequence(
    a.map((char) => char.value),
    b.map((char) => char.value),
  );
  // Formatting of kept characters, in runs that want the same change.
  let run: { from: number; to: number; patch: Record<string, unknown>; key: string } | null = null;
  const flush = () => {
    if (run) current.format(offset[run.from]!, offset[run.to]! - offset[run.from]!, run.patch);
    run = null;
  };
  for (const match of matches) {
    const x = a[match.a]!;
    const y = b[match.b]!;
    if (x.key === y.key) {
      flush();
      continue;
    }
    const patch: Record<string, unknown> = { ...y.attrs };
    for (const key of Object.keys(x.attrs)) if (!(key in y.attrs)) patch[key] = null;
    const key = JSON.stringify(patch);
    if (run && run.to === match.a && run.key === key) run.to = match.a + 1;
    else {
      flush();
      run = { from: match.a, to: match.a + 1, patch, key };
    }
  }
  flush();
  for (const gap of gapsBetween(matches, a.length, b.length).reverse()) {
    const at = offset[gap.aFrom]!;
    if (gap.aTo > gap.aFrom) current.delete(at, offset[gap.aTo]! - at);
    let position = at;
    let i = gap.bFrom;
    while (i < gap.bTo) {
      let text = '';
      const { attrs, key } = b[i]!;
      while (i < gap.bTo && b[i]!.key === key) text += b[i++]!.value;
      // Explicit attributes, so that the insertion does not take the formatting before it.
      current.insert(position, text, { ...attrs });
      position += text.length;
    }
  }
}
