/**
 * Anchors of comment threads: a passage of a rich-text document pinned with two Yjs relative
 * positions, so that it follows concurrent edits around it and inside it.
 *
 * Positions are ProseMirror positions of the document the Yjs XmlFragment renders to (the editor's
 * document, or `initProseMirrorDoc` on the server and in tests), converted through the
 * Yjs-to-ProseMirror mapping of `@tiptap/y-tiptap`. The start sticks to the passage's first
 * character and the end to its last, so text typed just outside the passage stays outside.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { Anchor } from './schemas/comments.ts';

/** How y-tiptap maps Yjs types to the ProseMirror nodes they render (the binding's, or `initProseMirrorDoc`'s). */
export type ProsemirrorMapping = Map<Y.AbstractType<unknown>, ProseMirrorNode | ProseMirrorNode[]>;

/** Base64 of `Y.encodeRelativePosition`, as anchors carry it. */
export function encodePosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** The relative position an anchor end encodes, or null when it is not one. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  try {
    const position = Y.decodeRelativePosition(fromBase64(encoded));
    // A decoded position names an item, a type or a root type: anything else is garbage.
    return position.item || position.type || position.tname ? position : null;
  } catch {
    return null;
  }
}

/** True when both ends of an anchor decode. */
export function isValidAnchor(anchor: Anchor): boolean {
  return decodePosition(anchor.from) !== null && decodePosition(anchor.to) !== null;
}

/**
 * The relative position of ProseMirror position `pos`; inside text it sticks to the character
 * after it (`assoc` 0) or before it (-1). Also how an editor's caret is kept across a reopening
 * (client/src/editor/keptSelection.ts).
 */
export function stickyPosition(
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  pos: number,
  assoc: number,
): Y.RelativePosition {
  const relative: Y.RelativePosition = absolutePositionToRelativePosition(pos, fragment, mapping);
  const doc = fragment.doc;
  const absolute = doc ? Y.createAbsolutePositionFromRelativePosition(relative, doc) : null;
  // Inside text, re-associate: the start with the character after it, the end with the one before.
  if (absolute && absolute.type instanceof Y.XmlText)
    return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc);
  return relative;
}

/** The anchor of the passage `from`–`to` (ProseMirror positions) with its quote. */
export function anchorOfRange(
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  from: number,
  to: number,
  quote: string,
): Anchor {
  return {
    from: encodePosition(stickyPosition(fragment, mapping, from, 0)),
    to: encodePosition(stickyPosition(fragment, mapping, to, -1)),
    quote,
  };
}

function isLive(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return false;
  }
  return true;
}

function resolvePosition(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, encoded: string): number | null {
  const relative = decodePosition(encoded);
  return relative ? positionNow(fragment, mapping, relative) : null;
}

/**
 * Where a relative position is now, in ProseMirror positions; null when its text or block is gone,
 * or not (yet) in the document the mapping renders.
 */
export function positionNow(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, relative: Y.RelativePosition): number | null {
  const doc = fragment.doc;
  if (!doc) return null;
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (!absolute || !isLive(absolute.type)) return null;
  if (absolute.type instanceof Y.XmlText) {
    // Counted from the start of its text: y-tiptap takes a character's position that lands at
    // ProseMirror position 1 or before for a misresolved selection and answers null, yet that is
    // where a passage at the very start of a document (a proposal's first word) begins.
    const textStart = Y.createRelativePositionFromTypeIndex(absolute.type, 0, -1);
    const start = relativePositionToAbsolutePosition(doc, fragment, textStart, mapping);
    return start === null ? null : start + absolute.index;
  }
  return relativePositionToAbsolutePosition(doc, fragment, relative, mapping);
}

/**
 * Where an anchor's passage is now, in ProseMirror positions; null when it is gone (its text,
 * or the block that held it, was deleted): the thread then shows its stored quote.
 */
export function resolveAnchor(
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  anchor: Anchor,
): { from: number; to: number } | null {
  const from = resolvePosition(fragment, mapping, anchor.from);
  const to = resolvePosition(fragment, mapping, anchor.to);
  if (from === null || to === null || from >= to) return null;
  return { from, to };
}

/** The text of a passage, blocks separated by a line break. */
export function passageText(doc: ProseMirrorNode, from: number, to: number): string {
  return doc.textBetween(from, to, '\n', ' ');
}

/**
 * Finds a passage by its text (the first occurrence), for people who name a passage by typing
 * it rather than selecting it. Blocks are separated by a line break, as in `passageText`.
 */
export function findPassage(doc: ProseMirrorNode, quote: string): { from: number; to: number } | null {
  const needle = quote.trim();
  if (!needle) return null;
  let text = '';
  // positions[i] is the ProseMirror position of text[i] (a block break maps to the end of its block).
  const positions: number[] = [];
  let blockEnd = -1;
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      if (blockEnd >= 0) {
        text += '\n';
        positions.push(blockEnd);
      }
      blockEnd = pos + node.nodeSize - 1;
      return true;
    }
    if (node.isText && node.text) {
      for (let i = 0; i < node.text.length; i++) positions.push(pos + i);
      text += node.text;
    } else if (node.isLeaf && node.isInline) {
      text += ' ';
      positions.push(pos);
    }
    return true;
  });
  const index = text.indexOf(needle);
  if (index < 0) return null;
  const from = positions[index]!;
  const to = positions[index + needle.length - 1]! + 1;
  return from < to ? { from, to } : null;
}
