/**
 * Compaction through the persistence extension, as two instances sharing one store do it: each
 * merges what the other stored into the snapshot it writes, so that no folded row is lost.
 */
import type { Document } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Persistence } from '../../server/src/collab/persistence.ts';
import type { Metrics } from '../../server/src/observability/metrics.ts';
import type { Store } from '../../server/src/storage/store.ts';
import { WriteHealth } from '../../server/src/storage/writeHealth.ts';
import { backends } from '../helpers/storeBackends.ts';
import { textUpdate } from '../helpers/updateBursts.ts';

const silent = { error() {}, warn() {}, info() {}, debug() {} } as unknown as FastifyBaseLogger;

describe.each(backends('compaction'))('compaction on $name', (backend) => {
  let store: Store;
  const instance = () =>
    new Persistence({
      documents: store.documents,
      db: store.db,
      log: silent,
      metrics: {} as Metrics,
      writeHealth: new WriteHealth(),
    });
  const open = async (persistence: Persistence, documentName: string) => {
    const document = new Y.Doc() as Document;
    await persistence.onLoadDocument({ documentName, document, context: {} } as never);
    return document;
  };
  const store_ = (persistence: Persistence, documentName: string, document: Document) =>
    persistence.onStoreDocument({ documentName, document } as never);
  const stored = async (documentName: string) => {
    const { snapshot, updates } = await store.documents.load(documentName);
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of updates) Y.applyUpdate(doc, update.data);
    return { text: doc.getText('t').toString(), unfolded: updates.length };
  };

  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend.dispose();
  });

  it("merges the other instance's newer snapshot into the one it writes", async () => {
    const name = 'agenda:merge';
    const writer = new Y.Doc();
    const first = instance();
    const second = instance();
    // A snapshot both instances load from, and a row of each instance's own.
    await store.documents.append(name, textUpdate(writer, 'S'));
    await store_(first, name, await open(first, name));
    await store.documents.append(name, textUpdate(writer, 'A'));
    const onFirst = await open(first, name);
    await store.documents.append(name, textUpdate(writer, 'B'));
    const onSecond = await open(second, name);
    // The second instance stores first: the snapshot is no longer the one the first loaded.
    await store_(second, name, onSecond);
    await store_(first, name, onFirst);
    expect(onFirst.getText('t').toString()).toBe('SAB');
    expect(await stored(name)).toEqual({ text: 'SAB', unfolded: 0 });
  });
});
