/**
 * A thread's anchor finds its passage again wherever the passage is: the very first word of a
 * document included (a proposal's opening word was once shown as "deleted" as soon as its thread
 * was posted), the first word of a later block, inside a list, across formatting. The anchors are
 * made and resolved by the functions the editor and the server use (shared/commentAnchors.ts).
 */
import { getSchema } from '@tiptap/core';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorOfRange, passageText, resolveAnchor } from '../../shared/commentAnchors.ts';
import { RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { richTextExtensions } from '../../shared/richText.ts';

const schema = getSchema(richTextExtensions());

const paragraph = (...content: object[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: object[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });

/** A proposal-like document: an opening paragraph, a heading, a bold word, a list. */
function proposal(): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: [
        paragraph(text('Cybersecurity capacity in small states.')),
        { type: 'heading', attrs: { level: 2 }, content: [text('Scope')] },
        paragraph(text('Three '), text('regional', [{ type: 'bold' }]), text(' workshops.')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('First item'))] }] },
      ],
    },
    fragment,
  );
  return { doc, fragment };
}

/** Where `anchor` points now, as text; null when its passage is gone. */
function passageOf(fragment: Y.XmlFragment, anchor: ReturnType<typeof anchorOfRange>): string | null {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  const range = resolveAnchor(fragment, mapping, anchor);
  return range && passageText(doc, range.from, range.to);
}

describe('comment anchors', () => {
  it('find the first word of a document, and keep it when text is typed before it', () => {
    const { fragment } = proposal();
    const { mapping } = initProseMirrorDoc(fragment, schema);
    const anchor = anchorOfRange(fragment, mapping, 1, 14, 'Cybersecurity');
    expect(passageOf(fragment, anchor)).toBe('Cybersecurity');
    const opening = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    opening.insert(0, 'Draft: ');
    expect(passageOf(fragment, anchor)).toBe('Cybersecurity');
    opening.delete(0, 'Draft: Cybersecurity'.length);
    expect(passageOf(fragment, anchor)).toBeNull();
  });

  it('resolve every passage of a document to where it was made, in every block and across formatting', () => {
    const { fragment } = proposal();
    const { doc, mapping } = initProseMirrorDoc(fragment, schema);
    const positions: number[] = [];
    doc.descendants((node, pos) => {
      if (node.isText) for (let i = 0; i <= node.nodeSize; i++) positions.push(pos + i);
    });
    let checked = 0;
    for (const from of positions) {
      for (const to of positions) {
        if (to <= from) continue;
        const anchor = anchorOfRange(fragment, mapping, from, to, passageText(doc, from, to));
        expect(resolveAnchor(fragment, mapping, anchor), `${from}–${to}`).toEqual({ from, to });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
