/**
 * The private parts of Hocuspocus that server/src/collab/hocuspocusInternals/ relies on: the
 * installed version is the one they were checked against, every shape is there, and a missing
 * shape stops the server from starting rather than being skipped.
 */
import { readFileSync } from 'node:fs';
import { Redis } from '@hocuspocus/extension-redis';
import { Document, Hocuspocus } from '@hocuspocus/server';
import { describe, expect, it } from 'vitest';
import {
  HocuspocusInternalsChanged,
  hocuspocusInternalsProblems,
} from '../../server/src/collab/hocuspocusInternals/checkInternals.ts';
import { afterEachFlush, queueFlushFirst } from '../../server/src/collab/hocuspocusInternals/documentFlush.ts';
import { HOCUSPOCUS_VERSION_CHECKED } from '../../server/src/collab/hocuspocusInternals/version.ts';

const versionOf = (name: string): string =>
  (JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string })
    .version;

describe('Hocuspocus internals', () => {
  it('are those of the version they were checked against (see docs/upgrading-hocuspocus.md)', () => {
    expect(versionOf('@hocuspocus/server')).toBe(HOCUSPOCUS_VERSION_CHECKED);
    expect(versionOf('@hocuspocus/extension-redis')).toBe(HOCUSPOCUS_VERSION_CHECKED);
    expect(versionOf('@hocuspocus/common')).toBe(HOCUSPOCUS_VERSION_CHECKED);
  });

  it('have every shape the server relies on', () => {
    expect(hocuspocusInternalsProblems()).toEqual([]);
  });

  it('name what is missing when a shape changes, and the error refuses to start', () => {
    const prototype = Redis.prototype as unknown as Record<string, unknown>;
    const publish = prototype.publishFirstSyncStep;
    delete prototype.publishFirstSyncStep;
    try {
      const problems = hocuspocusInternalsProblems();
      expect(problems).toEqual(['@hocuspocus/extension-redis has no method publishFirstSyncStep']);
      expect(new HocuspocusInternalsChanged(problems).message).toMatch(/Refusing to start\. See docs\/upgrading-hocuspocus\.md/);
    } finally {
      prototype.publishFirstSyncStep = publish;
    }
    const storeDocumentHooks = Hocuspocus.prototype.storeDocumentHooks;
    Hocuspocus.prototype.storeDocumentHooks = () => Promise.resolve();
    try {
      expect(hocuspocusInternalsProblems()).toEqual(['storeDocumentHooks no longer debounces under "onStoreDocument-<name>"']);
    } finally {
      Hocuspocus.prototype.storeDocumentHooks = storeDocumentHooks;
    }
  });

  it("queue a turn's flush ahead of what is queued after it (the relay before the group commit)", async () => {
    const document = new Document('internals-flush');
    const order: string[] = [];
    afterEachFlush(document, () => order.push('flush'));
    queueFlushFirst(document);
    setImmediate(() => order.push('commit'));
    document.getText('t').insert(0, 'a'); // the update of the turn joins the flush already queued
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['flush', 'commit']);
    document.destroy();
  });
});
