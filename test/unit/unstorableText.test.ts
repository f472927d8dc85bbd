/**
 * Which parts of a Yjs update the live documents' check (server/src/collab/unstorableText.ts)
 * looks into: every string an item carries, whatever kind of content holds it. The integration
 * test (unstorableUpdates.test.ts) sends the common ones through the server; here, each kind.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { unstorablePart } from '../../server/src/collab/unstorableText.ts';
import { toStorableText, toStorableValue } from '../../shared/storableText.ts';

/** The update that `edit` makes to a new document. */
function updateOf(edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | undefined;
  doc.on('update', (made: Uint8Array) => {
    update = made;
  });
  doc.transact(() => edit(doc));
  if (!update) throw new Error('the edit made no update');
  return update;
}

describe('text that cannot be stored, in an update', () => {
  it('is found in each kind of content that carries a string', () => {
    const cases: [string, (doc: Y.Doc) => void][] = [
      ['text', (doc) => doc.getText('t').insert(0, 'a\u0000b')],
      ['key', (doc) => doc.getMap('m').set('ke\u0000y', 1)],
      ['value', (doc) => doc.getMap('m').set('key', { nested: ['fine', 'n\u0000ul'] })],
      ['value', (doc) => doc.getArray('a').push([{ 'ke\u0000y': 1 }])],
      ['mark', (doc) => doc.getText('t').insert(0, 'linked', { link: { href: 'https://example.org/\ud800' } })],
      ['mark', (doc) => doc.getText('t').insert(0, 'bold', { 'bo\u0000ld': true })],
      ['embed', (doc) => doc.getText('t').insertEmbed(0, { image: '\udc00' })],
      ['element', (doc) => doc.getXmlFragment('x').insert(0, [new Y.XmlElement('para\u0000graph')])],
      ['root', (doc) => doc.getText('ro\u0000ot').insert(0, 'a')],
    ];
    for (const [part, edit] of cases) expect(unstorablePart(updateOf(edit)), part).toBe(part);
  });

  it('finds nothing in text that can be stored, accents, emoji and right-to-left scripts included', () => {
    const update = updateOf((doc) => {
      doc.getText('t').insert(0, 'Café 😀 مرحبا 你好', { link: { href: 'https://example.org/café' } });
      doc.getMap('m').set('presenter', 'Ana Lima');
      doc.getXmlFragment('x').insert(0, [new Y.XmlElement('paragraph')]);
    });
    expect(unstorablePart(update)).toBeUndefined();
  });
});

describe('text read from a document stored before the check, made storable for what the server sends', () => {
  it('has U+FFFD for each NUL and lone surrogate, keys included, and everything else as it was', () => {
    expect(toStorableText('a\u0000b\ud800c\udfff')).toBe('a\uFFFDb\uFFFDc\uFFFD');
    const fine = 'Café 😀 مرحبا 你好';
    expect(toStorableText(fine)).toBe(fine);
    expect(
      toStorableValue({
        type: 'text',
        text: 'Nul\u0000',
        marks: [{ type: 'link', attrs: { href: 'https://example.org/\ud800' } }],
        'ke\u0000y': [1, null, true],
      }),
    ).toEqual({
      type: 'text',
      text: 'Nul\uFFFD',
      marks: [{ type: 'link', attrs: { href: 'https://example.org/\uFFFD' } }],
      'ke\uFFFDy': [1, null, true],
    });
  });

  it('keeps a Date and a Buffer in a value as they are (a JSON answer or a pack model may hold one)', () => {
    const at = new Date('2025-02-25T10:00:00Z');
    const file = Buffer.from('a\u0000b');
    const cleaned = toStorableValue({ title: 'T\u0000', at, file });
    expect(cleaned.title).toBe('T\uFFFD');
    expect(cleaned.at).toBe(at);
    expect(cleaned.file).toBe(file);
  });
});
