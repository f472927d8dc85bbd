/**
 * The shape of the documents the benchmark writes, the same on Plenary and on bare Hocuspocus:
 * Tiptap's layout (the XmlFragment `default`), one paragraph per writer, each paragraph one
 * XmlText. A paragraph is known by the client id of the writer that created it.
 */
import * as Y from 'yjs';

export const FRAGMENT = 'default';

/** Appends an empty paragraph for this document's client and returns its text. */
export function createParagraph(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  doc.transact(() => {
    paragraph.insert(0, [text]);
    fragment.insert(fragment.length, [paragraph]);
  });
  return text;
}

/** The plain text of an XmlText (no marks are ever written by the benchmark). */
export function plainText(text: Y.XmlText): string {
  let out = '';
  for (const part of text.toDelta() as { insert?: unknown }[]) if (typeof part.insert === 'string') out += part.insert;
  return out;
}

/** Every paragraph's text, by the client id that created it. */
export function paragraphTexts(doc: Y.Doc): Map<number, string> {
  const texts = new Map<number, string>();
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(node instanceof Y.XmlElement) || !node._item) continue;
    const first = node.get(0);
    texts.set(node._item.id.client, first instanceof Y.XmlText ? plainText(first) : '');
  }
  return texts;
}

/** The text of the paragraph `client` created, or the first paragraph's when `client` is omitted. */
export function paragraphText(doc: Y.Doc, client?: number): string | undefined {
  const texts = paragraphTexts(doc);
  if (client === undefined) return texts.values().next().value;
  return texts.get(client);
}

/** The XmlText of the paragraph `client` created. */
export function paragraphOf(doc: Y.Doc, client: number): Y.XmlText | undefined {
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
    if (node instanceof Y.XmlElement && node._item?.id.client === client) {
      const first = node.get(0);
      if (first instanceof Y.XmlText) return first;
    }
  }
  return undefined;
}

/** A short digest of paragraph texts, for reports: count and total length. */
export function describeTexts(texts: Map<number, string>): string {
  let length = 0;
  for (const text of texts.values()) length += text.length;
  return `${texts.size} paragraphs, ${length} characters`;
}

/** What writers type, one character per edit, over and over. */
export const TYPED =
  'The MAG will meet in Geneva to review the intersessional work and to agree the themes of the annual meeting. ';

/** The text a writer has after `count` edits. */
export function typedText(count: number): string {
  let out = '';
  for (let n = 0; n < count; n++) out += TYPED[n % TYPED.length];
  return out;
}
