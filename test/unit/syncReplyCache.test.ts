/**
 * The reused answer to sync step 1 (server/src/collab/syncReplyCache.ts and
 * hocuspocusInternals/syncStepOne.ts): the same bytes y-protocols and Hocuspocus would send, a
 * fresh answer after any transaction or unload, and the limits on what is kept.
 */
import { type Connection, Document, IncomingMessage, MessageReceiver } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { hocuspocusInternalsProblems } from '../../server/src/collab/hocuspocusInternals/checkInternals.ts';
import { answerSyncRequestsFrom, syncStepOneProblems } from '../../server/src/collab/hocuspocusInternals/syncStepOne.ts';
import { DEFAULT_SYNC_REPLY_LIMITS, SyncReplyCache } from '../../server/src/collab/syncReplyCache.ts';

const EMPTY = new Uint8Array([0]);

function docWith(text: string, name = 'doc'): Document {
  const document = new Document(name);
  document.getText('body').insert(0, text);
  return document;
}

/** y-protocols' own answer to a sync step 1 carrying `stateVector`. */
function yProtocolsStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const request = encoding.createEncoder();
  encoding.writeVarUint8Array(request, stateVector);
  const decoder = { pos: 0, arr: encoding.toUint8Array(request) };
  const reply = encoding.createEncoder();
  syncProtocol.readSyncStep1(decoder, reply, doc);
  return encoding.toUint8Array(reply);
}

function cachedStep2(cache: SyncReplyCache, doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const reply = encoding.createEncoder();
  encoding.writeVarUint(reply, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(reply, cache.updateFor(doc, stateVector));
  return encoding.toUint8Array(reply);
}

/** What a connection receives for one sync step 1, read through MessageReceiver.apply. */
async function framesForConnection(document: Document, stateVector: Uint8Array): Promise<Uint8Array[]> {
  const sent: Uint8Array[] = [];
  const beforeSync: unknown[] = [];
  const connection = {
    messageAddress: `${document.name}\u0000session`,
    readOnly: false,
    callbacks: { beforeSync: async (_connection: unknown, payload: unknown) => void beforeSync.push(payload) },
    send: (frame: Uint8Array) => sent.push(frame),
  } as unknown as Connection;
  const request = encoding.createEncoder();
  encoding.writeVarUint(request, 0); // Sync
  encoding.writeVarUint(request, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(request, stateVector);
  const message = new IncomingMessage(encoding.toUint8Array(request));
  message.writeVarString(connection.messageAddress);
  await new MessageReceiver(message).apply(document, connection);
  expect(beforeSync).toEqual([{ type: 0, payload: stateVector }]);
  return sent;
}

describe('sync reply cache', () => {
  it('answers with the bytes y-protocols would, once encoded and then reused', () => {
    const cache = new SyncReplyCache();
    const doc = docWith('Item 1. Opening of the session.');
    cache.track(doc);
    const partial = Y.encodeStateVector(doc);
    doc.getText('body').insert(5, ' (revised)');
    doc.getText('body').delete(0, 2);
    for (const stateVector of [EMPTY, partial]) {
      expect(cachedStep2(cache, doc, stateVector)).toEqual(yProtocolsStep2(doc, stateVector));
      expect(cachedStep2(cache, doc, stateVector)).toEqual(yProtocolsStep2(doc, stateVector));
    }
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2, entries: 2 });
    doc.destroy();
  });

  it('encodes afresh after any transaction, and forgets a document when it is destroyed', () => {
    const cache = new SyncReplyCache();
    const doc = docWith('Draft');
    cache.track(doc);
    const before = cache.updateFor(doc, EMPTY);
    doc.getText('body').insert(5, ' decision');
    const after = cache.updateFor(doc, EMPTY);
    const reader = new Y.Doc();
    Y.applyUpdate(reader, after);
    expect(reader.getText('body').toString()).toBe('Draft decision');
    expect(after).not.toEqual(before);
    // A deletion alone changes the answer too.
    doc.getText('body').delete(0, 6);
    const deleted = new Y.Doc();
    Y.applyUpdate(deleted, cache.updateFor(doc, EMPTY));
    expect(deleted.getText('body').toString()).toBe('decision');
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 3, entries: 1 });
    doc.destroy();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    reader.destroy();
    deleted.destroy();
  });

  it('keeps at most `perDocument` state vectors per document, the least recently used leaving first', () => {
    const cache = new SyncReplyCache({ ...DEFAULT_SYNC_REPLY_LIMITS, perDocument: 2 });
    const doc = docWith('abc');
    cache.track(doc);
    const vectors = [EMPTY, new Uint8Array([1, 1, 1]), new Uint8Array([1, 2, 1])];
    cache.updateFor(doc, vectors[0]!);
    cache.updateFor(doc, vectors[1]!);
    cache.updateFor(doc, vectors[0]!); // EMPTY used again: vectors[1] is now the oldest
    cache.updateFor(doc, vectors[2]!);
    expect(cache.stats()).toMatchObject({ entries: 2, hits: 1, misses: 3 });
    cache.updateFor(doc, vectors[0]!);
    expect(cache.stats().hits).toBe(2);
    cache.updateFor(doc, vectors[1]!);
    expect(cache.stats().misses).toBe(4);
    doc.destroy();
  });

  it('does not keep an answer over maxReplyBytes, and holds no more than maxBytes in all', () => {
    const big = docWith('x'.repeat(5_000), 'big');
    const small = docWith('y'.repeat(2_000), 'small');
    const other = docWith('z'.repeat(2_000), 'other');
    const cache = new SyncReplyCache({ maxBytes: 4_500, maxReplyBytes: 4_000, perDocument: 4 });
    for (const doc of [big, small, other]) cache.track(doc);
    expect(cache.updateFor(big, EMPTY)).toEqual(Y.encodeStateAsUpdate(big));
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    cache.updateFor(small, EMPTY);
    cache.updateFor(other, EMPTY);
    // Two answers of ~2,000 bytes fit; a third document's pushes out the least recently used.
    expect(cache.stats().entries).toBe(2);
    cache.updateFor(small, EMPTY);
    const third = docWith('w'.repeat(2_000), 'third');
    cache.track(third);
    cache.updateFor(third, EMPTY);
    expect(cache.stats().entries).toBe(2);
    expect(cache.stats().bytes).toBeLessThanOrEqual(4_500);
    const hits = cache.stats().hits;
    cache.updateFor(small, EMPTY); // kept: it was used more recently than `other`
    expect(cache.stats().hits).toBe(hits + 1);
    cache.updateFor(other, EMPTY);
    expect(cache.stats().hits).toBe(hits + 1);
    for (const doc of [big, small, other, third]) doc.destroy();
  });

  it('caches nothing for a document it does not track', () => {
    const cache = new SyncReplyCache();
    const doc = docWith('untracked');
    cache.updateFor(doc, EMPTY);
    cache.updateFor(doc, EMPTY);
    expect(cache.stats()).toMatchObject({ entries: 0, hits: 0 });
    doc.destroy();
  });
});

describe('sync step 1 through Hocuspocus (hocuspocusInternals/syncStepOne.ts)', () => {
  it('sends a connection the same frames as Hocuspocus, fresh, reused, and after an edit', async () => {
    const plain = docWith('Terms of reference', 'plain');
    // The same content, clients and clocks in both.
    const twin = new Document('plain');
    Y.applyUpdate(twin, Y.encodeStateAsUpdate(plain));
    const cache = new SyncReplyCache();
    answerSyncRequestsFrom(twin, cache);
    const expected = await framesForConnection(plain, EMPTY);
    expect(expected).toHaveLength(2); // step 2, then the server's own step 1
    expect(await framesForConnection(twin, EMPTY)).toEqual(expected);
    expect(await framesForConnection(twin, EMPTY)).toEqual(expected);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
    const edit = (doc: Y.Doc) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(editor));
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(plain));
    editor.getText('body').insert(0, 'Adopted: ');
    edit(plain);
    edit(twin);
    const afterEdit = await framesForConnection(twin, EMPTY);
    expect(afterEdit).toEqual(await framesForConnection(plain, EMPTY));
    expect(afterEdit).not.toEqual(expected);
    for (const doc of [plain, twin, editor]) doc.destroy();
  });

  it('is checked at start-up against Hocuspocus byte for byte, and a wrong answer refuses to start', () => {
    expect(syncStepOneProblems()).toEqual([]);
    const updateFor = SyncReplyCache.prototype.updateFor;
    // A cache that ignored the requester's state vector would send too much: not equal.
    SyncReplyCache.prototype.updateFor = function (this: SyncReplyCache, doc: Y.Doc) {
      return updateFor.call(this, doc, EMPTY);
    };
    try {
      expect(hocuspocusInternalsProblems()).toEqual(["the cached answer to sync step 1 is not byte-equal to Hocuspocus's own"]);
    } finally {
      SyncReplyCache.prototype.updateFor = updateFor;
    }
  });
});
