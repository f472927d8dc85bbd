/** Reading and writing the agenda's rich text the way a raw Yjs client would. */
import * as Y from 'yjs';
import { RICH_TEXT_FIELD } from '../../shared/documentNames.ts';

/** Appends a paragraph with `text` at the end of the document. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

/** All the text of a rich-text document, block by block. */
export function plainText(doc: Y.Doc): string {
  const out: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (node instanceof Y.XmlText) out.push(node.toString().replace(/<[^>]+>/g, ''));
    else for (const child of node.toArray()) walk(child as Y.XmlElement);
    if (node instanceof Y.XmlElement && node.nodeName === 'paragraph') out.push('\n');
  };
  walk(doc.getXmlFragment(RICH_TEXT_FIELD));
  return out.join('');
}
