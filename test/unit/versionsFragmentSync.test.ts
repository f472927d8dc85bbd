/**
 * Restore's core: turning one rich-text fragment into another by edits. Seeded random documents
 * and edits; the result must equal the target, and text inserted concurrently into a block the
 * restore keeps must survive the merge.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncChildren } from '../../server/src/meetingRecord/versions/fragmentSync.ts';

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ['agenda', 'MAG', 'item', 'notes', 'IGF', 'DCs', 'Secretariat', 'policy', 'é', '😀', 'working group'];

function paragraph(rand: () => number): Y.XmlElement {
  const element = new Y.XmlElement(rand() < 0.2 ? 'heading' : 'paragraph');
  const text = new Y.XmlText();
  const words = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
  text.insert(0, words.join(' '), rand() < 0.3 ? { bold: {} } : {});
  element.insert(0, [text]);
  return element;
}

function item(rand: () => number, id: string): Y.XmlElement {
  const element = new Y.XmlElement('agendaItem');
  element.setAttribute('id', id);
  element.setAttribute('duration', String(5 + Math.floor(rand() * 60)));
  const title = new Y.XmlElement('agendaItemTitle');
  title.insert(0, [new Y.XmlText(`Item ${id}`)]);
  element.insert(0, [title, paragraph(rand), paragraph(rand)]);
  return element;
}

/** Random edits of a fragment: text inserted and deleted, blocks added, removed, attributes changed. */
function mutate(doc: Y.Doc, rand: () => number, steps: number): void {
  const fragment = doc.getXmlFragment('default');
  for (let i = 0; i < steps; i++) {
    const blocks = fragment.toArray() as Y.XmlElement[];
    const choice = rand();
    if (choice < 0.15 || blocks.length === 0)
      fragment.insert(Math.floor(rand() * (blocks.length + 1)), [
        rand() < 0.5 ? paragraph(rand) : item(rand, `n${i}-${Math.floor(rand() * 1e6)}`),
      ]);
    else if (choice < 0.25) fragment.delete(Math.floor(rand() * blocks.length), 1);
    else {
      const block = blocks[Math.floor(rand() * blocks.length)]!;
      if (block.nodeName === 'agendaItem' && rand() < 0.3) block.setAttribute('duration', String(Math.floor(rand() * 90)));
      const texts: Y.XmlText[] = [];
      const collect = (node: Y.XmlElement | Y.XmlText) =>
        node instanceof Y.XmlText ? texts.push(node) : node.toArray().forEach((child) => collect(child as Y.XmlElement));
      collect(block);
      const text = texts[Math.floor(rand() * texts.length)];
      if (!text) continue;
      if (rand() < 0.6 || text.length === 0)
        text.insert(
          Math.floor(rand() * (text.length + 1)),
          WORDS[Math.floor(rand() * WORDS.length)]!,
          rand() < 0.3 ? { italic: {} } : undefined,
        );
      else {
        const at = Math.floor(rand() * text.length);
        text.delete(at, Math.min(text.length - at, 1 + Math.floor(rand() * 4)));
      }
    }
  }
}

const copy = (doc: Y.Doc) => {
  const clone = new Y.Doc();
  Y.applyUpdate(clone, Y.encodeStateAsUpdate(doc));
  return clone;
};
/** The document's content with each text as merged runs (Yjs may keep redundant format boundaries). */
function xml(doc: Y.Doc): string {
  const walk = (node: Y.XmlElement | Y.XmlText): unknown => {
    if (node instanceof Y.XmlText) {
      const runs: { insert: string; attributes?: unknown }[] = [];
      for (const op of node.toDelta() as { insert: string; attributes?: unknown }[]) {
        const last = runs[runs.length - 1];
        if (last && JSON.stringify(last.attributes ?? {}) === JSON.stringify(op.attributes ?? {})) last.insert += op.insert;
        else runs.push({ ...op });
      }
      return runs;
    }
    return [node.nodeName, node.getAttributes(), node.toArray().map((child) => walk(child as Y.XmlElement))];
  };
  return JSON.stringify(
    doc
      .getXmlFragment('default')
      .toArray()
      .map((node) => walk(node as Y.XmlElement)),
  );
}

describe('restoring by edits', () => {
  it('makes any edited document equal to its earlier version', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = random(seed);
      const version = new Y.Doc();
      version.getXmlFragment('default').insert(0, [item(rand, 'a'), paragraph(rand), item(rand, 'b'), item(rand, 'c')]);
      const current = copy(version);
      mutate(current, rand, 1 + Math.floor(rand() * 25));
      current.transact(() => syncChildren(current.getXmlFragment('default'), version.getXmlFragment('default')));
      expect(xml(current), `seed ${seed}`).toBe(xml(version));
    }
  });

  it('keeps text typed concurrently into a block that the version also has', () => {
    for (let seed = 100; seed < 130; seed++) {
      const rand = random(seed);
      const version = new Y.Doc();
      version.getXmlFragment('default').insert(0, [item(rand, 'a'), item(rand, 'b'), paragraph(rand)]);
      const server = copy(version);
      mutate(server, rand, 10);
      // Someone who has the server's state types into item a's title, which the restore keeps.
      const typist = copy(server);
      const typistTitle = (typist.getXmlFragment('default').toArray() as Y.XmlElement[]).find(
        (node) => node.getAttribute('id') === 'a',
      );
      if (!typistTitle) continue; // the random edits deleted item a: nothing to type into
      const title = (typistTitle.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      title.insert(title.length, ' + typed meanwhile');
      server.transact(() => syncChildren(server.getXmlFragment('default'), version.getXmlFragment('default')));
      Y.applyUpdate(server, Y.encodeStateAsUpdate(typist));
      Y.applyUpdate(typist, Y.encodeStateAsUpdate(server));
      expect(xml(server), `seed ${seed}`).toBe(xml(typist));
      // Where it lands among the restore's own insertions is the CRDT's order; that it is there is the point.
      expect(xml(server), `seed ${seed}`).toContain(' + typed meanwhile');
    }
  });
});
