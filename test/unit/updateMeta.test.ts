/**
 * The bench viewers' lean reader of an update's clock ranges (bench/load/updateMeta.ts) must say
 * exactly what `Y.parseUpdateMeta` says, since a viewer's received clocks decide whether an edit
 * arrived, was lost, or came after a gap. Compared on every update of documents that use every
 * kind of content, on what gc and merging make of them, on the live document as the server
 * writes it, and on replays of real editing traces: those come from the bench's data folder
 * (BENCH_DATA, else the handbook's data beside the checkout, where CI has it: the
 * josephg/editing-traces files the bench replays); on a machine without them the trace cases are
 * skipped, saying so, and the generated documents stand alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Document, Hocuspocus } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type ConcurrentTrace,
  concurrentReplay,
  DATA_DIR,
  loadTrace,
  type SequentialTrace,
  sequentialReplay,
} from '../../bench/lib/traces.ts';
import { readUpdateMeta } from '../../bench/load/updateMeta.ts';
import { LiveProjection } from '../../server/src/live/liveProjection.ts';
import { liveDoc } from '../../shared/documentNames.ts';

function expectSameMeta(updates: Uint8Array[]): void {
  expect(updates.length).toBeGreaterThan(0);
  for (const update of updates) {
    const expected = Y.parseUpdateMeta(update);
    const actual = readUpdateMeta(update);
    if (!sameMaps(actual.from, expected.from) || !sameMaps(actual.to, expected.to)) {
      expect({ from: [...actual.from], to: [...actual.to] }).toEqual({ from: [...expected.from], to: [...expected.to] });
    }
  }
}

function sameMaps(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

/** A document whose every update is kept. */
function recorded(clientID: number, gc = true): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc({ gc });
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

const STRINGS = [
  'plain',
  'é à ü ß',
  '日本語のテキスト',
  'emoji 😀👍🏽 and 👨‍👩‍👧',
  '\uFEFFleading BOM',
  'lone \uD800 surrogate',
  '',
  'x',
];

/** Edits with every kind of content, as separate transactions (and a few combined ones). */
function editEverything(doc: Y.Doc): void {
  const text = doc.getText('text');
  for (const s of STRINGS) text.insert(text.length, s);
  text.insert(3, '🎉', { bold: true });
  text.format(0, 5, { italic: true, link: { href: 'https://example.org', nested: [1, 2] } });
  text.insertEmbed(2, { image: 'a.png', size: [3, 4] });
  text.delete(4, 6);
  doc.transact(() => {
    text.insert(0, 'in one transaction 🚀');
    text.delete(10, 3);
    text.format(1, 2, { bold: null });
  });

  const map = doc.getMap('map');
  map.set('number', 42);
  map.set('float', 1.5);
  map.set('big', 1e300);
  map.set('negative', -123456789);
  map.set('bigint', 2n ** 60n);
  map.set('bool', true);
  map.set('null', null);
  map.set('thread', {
    id: 't1',
    anchor: { from: 3, to: 9 },
    comments: [
      { id: 'c1', body: 'A comment with émoji 😀 and @mention', author: { id: 'u1', name: 'Zoë' }, at: 1_700_000_000_000 },
      { id: 'c2', body: '', resolved: false, reactions: {}, tags: [] },
    ],
    resolved: null,
  });
  map.set('bytes', new Uint8Array([0, 1, 2, 255]));
  map.set('number', 43);
  map.delete('bool');

  const nestedMap = map.set('nestedMap', new Y.Map<unknown>());
  nestedMap.set('inner', 'value');
  const nestedText = nestedMap.set('text', new Y.Text('nested 🌍'));
  nestedText.insert(2, 'more');
  const nestedArray = nestedMap.set('array', new Y.Array<unknown>());
  nestedArray.push([{ deep: { deeper: ['x', 1, null] } }]);

  const array = doc.getArray<unknown>('array');
  array.push([1, 'two', { three: 3 }, [4, [5]], null, true, 2.25, new Uint8Array([9, 8])]);
  array.insert(2, [new Y.Map(), new Y.Array(), new Y.Text('t')]);
  array.delete(1, 2);
  array.push([new Uint8Array(1000).fill(7)]);

  const fragment = doc.getXmlFragment('xml');
  const element = new Y.XmlElement('paragraph');
  fragment.insert(0, [element, new Y.XmlText('top level')]);
  element.setAttribute('data-id', 'p1');
  const xmlText = new Y.XmlText();
  // A hook is a legal child at run time, though yjs' types leave it out.
  element.insert(0, [xmlText, new Y.XmlHook('mention') as unknown as Y.XmlText]);
  xmlText.insert(0, 'inside 🙂', { strong: true });
  xmlText.insertEmbed(1, { kind: 'mention', user: 'u2' });
  xmlText.delete(0, 2);
  fragment.delete(1, 1);

  const subdocs = doc.getMap('subdocs');
  subdocs.set('sub', new Y.Doc({ guid: 'sub-guid' }));
  subdocs.set('withOptions', new Y.Doc({ guid: 'another', meta: { title: 'Minutes', n: 2 }, shouldLoad: false }));
  subdocs.delete('sub');
}

/** An update of legacy JSON content (yjs still reads it; no current API writes it). */
function jsonContentUpdate(): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1); // one client
  encoding.writeVarUint(encoder.restEncoder, 2); // two structs
  encoder.writeClient(77);
  encoding.writeVarUint(encoder.restEncoder, 5); // first clock
  new Y.Item(
    Y.createID(77, 5),
    null,
    null,
    null,
    null,
    'legacy' as never,
    null,
    new Y.ContentJSON([{ a: 1 }, 'b', undefined]),
  ).write(encoder, 0);
  new Y.Item(Y.createID(77, 8), null, null, null, null, 'legacy' as never, 'key', new Y.ContentJSON(['é😀'])).write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0); // empty delete set
  return encoder.toUint8Array();
}

describe('readUpdateMeta', () => {
  it('agrees with Y.parseUpdateMeta on every update of documents with every kind of content', () => {
    const { doc, updates } = recorded(1);
    editEverything(doc);
    expect(updates.length).toBeGreaterThan(40);
    expectSameMeta(updates);
    // Other writers' edits on top: several clients in one state.
    const other = recorded(2);
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(doc));
    editEverything(other.doc);
    expectSameMeta(other.updates);
    expectSameMeta([Y.encodeStateAsUpdate(other.doc), Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(doc))]);
  });

  it('agrees on gc’d and deleted content, in whole states and diffs', () => {
    for (const gc of [true, false]) {
      const { doc, updates } = recorded(3, gc);
      editEverything(doc);
      const vector = Y.encodeStateVector(doc);
      doc.getText('text').delete(0, doc.getText('text').length);
      doc.getArray('array').delete(0, doc.getArray('array').length);
      doc.getXmlFragment('xml').delete(0, 1);
      for (const key of [...doc.getMap('map').keys()]) doc.getMap('map').delete(key);
      doc.getText('text').insert(0, 'after 🧹');
      const state = Y.encodeStateAsUpdate(doc);
      expectSameMeta([...updates, state, Y.encodeStateAsUpdate(doc, vector)]);
      // A state that holds GC structs (and deleted content) must say so.
      const structs = Y.decodeUpdate(state).structs;
      if (gc) {
        expect(structs.some((struct) => struct instanceof Y.GC)).toBe(true);
        expect(structs.some((struct) => struct instanceof Y.Item && struct.content instanceof Y.ContentDeleted)).toBe(true);
      }
    }
  });

  it('agrees on merged updates, with skips where updates are missing', () => {
    const a = recorded(4);
    const b = recorded(5);
    editEverything(a.doc);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    editEverything(b.doc);
    const all = [...a.updates, ...b.updates];
    const everyOther = all.filter((_, i) => i % 2 === 0);
    const merged = [
      Y.mergeUpdates(all),
      Y.mergeUpdates(everyOther),
      Y.mergeUpdates(all.filter((_, i) => i % 3 !== 1)),
      Y.mergeUpdates([all[0]!, all[5]!, all[30]!]),
    ];
    expect(merged.some((update) => Y.decodeUpdate(update).structs.some((struct) => struct instanceof Y.Skip))).toBe(true);
    expectSameMeta(merged);
  });

  it('agrees on legacy JSON content and on an empty update', () => {
    expectSameMeta([jsonContentUpdate(), Y.encodeStateAsUpdate(new Y.Doc()), Y.mergeUpdates([])]);
    expect(readUpdateMeta(jsonContentUpdate()).to.get(77)).toBe(9);
  });

  it('agrees on the live document’s updates as the server writes and sends them', async () => {
    const projection = new LiveProjection({ log: pino({ level: 'silent' }), maps: ['threads', 'polls'], minIntervalMs: 0 });
    const hocuspocus = new Hocuspocus({ quiet: true });
    const document = new Document(liveDoc('m1'));
    hocuspocus.documents.set(document.name, document);
    projection.attach(hocuspocus);
    const updates: Uint8Array[] = [];
    document.on('update', (update: Uint8Array) => updates.push(update));
    try {
      for (let n = 0; n < 30; n++) {
        const thread = {
          id: `t${n % 7}`,
          anchor: { from: n, to: n + 4 },
          comments: Array.from({ length: 1 + (n % 4) }, (_, k) => ({
            id: `c${n}-${k}`,
            body: `Comment ${k} on thread ${n % 7}: @someone 😀 ${'é'.repeat(k)}`,
            author: { id: `u${k}`, name: `User ${k}` },
            createdAt: new Date(1_700_000_000_000 + n * 1000).toISOString(),
          })),
          resolved: n % 5 === 0,
        };
        projection.project('m1', 'threads', thread.id, async () => (n % 11 === 10 ? undefined : thread));
        projection.project('m1', 'polls', `p${n % 3}`, async () => ({ id: `p${n % 3}`, votes: n, options: ['yes', 'no'] }));
        await projection.settled();
      }
    } finally {
      projection.stop();
    }
    // What a viewer receives: each update, and the whole state in answer to its sync.
    expectSameMeta([...updates, Y.encodeStateAsUpdate(document)]);
  });

  /** Transactions replayed per trace: enough for every kind of edit a trace makes, quick enough for a unit test. */
  const TXNS = 4000;
  const traceFile = (name: string) => path.join(DATA_DIR, name);
  const hasTrace = (name: string) => fs.existsSync(traceFile(name));

  it.skipIf(!hasTrace('seph-blog1.json.gz'))(
    'agrees on a replay of a real sequential editing trace (skipped without the bench data)',
    () => {
      const trace = loadTrace<SequentialTrace>('seph-blog1');
      const replay = sequentialReplay(trace, 11, TXNS);
      expectSameMeta([...replay.updates, replay.state, Y.mergeUpdates(replay.updates.filter((_, i) => i % 5 !== 2))]);
    },
  );

  it.skipIf(!hasTrace('friendsforever.json.gz'))(
    'agrees on a replay of a real concurrent editing trace (skipped without the bench data)',
    () => {
      const trace = loadTrace<ConcurrentTrace>('friendsforever');
      const replay = concurrentReplay(trace, [21, 22], 20, TXNS);
      const updates = [replay.setup, ...replay.agents.flatMap((agent) => agent.txns.map((txn) => txn.update))];
      expectSameMeta([...updates, Y.mergeUpdates(updates)]);
    },
  );

  it.skipIf(!hasTrace('blns.json'))('agrees on the naughty strings (skipped without the bench data)', () => {
    const strings = JSON.parse(fs.readFileSync(traceFile('blns.json'), 'utf8')) as string[];
    const { doc, updates } = recorded(12);
    const text = doc.getText('text');
    const map = doc.getMap('map');
    for (const s of strings) {
      text.insert(text.length, s);
      map.set(s, s);
    }
    expectSameMeta([...updates, Y.encodeStateAsUpdate(doc)]);
  });
});
