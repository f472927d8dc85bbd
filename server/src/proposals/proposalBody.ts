/**
 * A proposal body (or any rich-text document) built on the server, the way the editor would
 * write it, with anchors for passages of it: for the demo seed.
 */
import { getSchema, type JSONContent } from '@tiptap/core';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { anchorOfRange, findPassage } from '../../../shared/commentAnchors.ts';
import { RICH_TEXT_FIELD } from '../../../shared/documentNames.ts';
import { richTextExtensions } from '../../../shared/richText.ts';
import type { Anchor } from '../../../shared/schemas/comments.ts';

const schema = getSchema(richTextExtensions());

/** Anchors of passages (by their text) in a Yjs rich-text document; null for a passage it does not have. */
export function anchorsOf(doc: Y.Doc, quotes: (string | null)[]): (Anchor | null)[] {
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  return quotes.map((quote) => {
    const range = quote === null ? null : findPassage(pmDoc, quote);
    return range && quote !== null ? anchorOfRange(fragment, mapping, range.from, range.to, quote) : null;
  });
}

/** A document as one Yjs update, and anchors of the given passages in it (which must be there). */
export function richTextWithAnchors(
  content: JSONContent,
  quotes: (string | null)[],
): { update: Uint8Array; anchors: (Anchor | null)[] } {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, content, doc.getXmlFragment(RICH_TEXT_FIELD));
  const anchors = anchorsOf(doc, quotes);
  const missing = quotes.find((quote, index) => quote !== null && anchors[index] === null);
  if (missing !== undefined) throw new Error(`passage not found: ${missing}`);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, anchors };
}

export const heading = (text: string): JSONContent => ({
  type: 'heading',
  attrs: { level: 3 },
  content: [{ type: 'text', text }],
});
export const paragraph = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
export const bullets = (items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
});
