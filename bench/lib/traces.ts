/**
 * Editing traces (josephg/editing-traces, in ../shared/data): loading, and turning them into the
 * Yjs updates a client would send, one update per transaction of the trace, in the benchmark's
 * document layout (one paragraph, one XmlText). Positions in the traces count Unicode code points.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { createParagraph, paragraphOf, plainText } from './benchDoc.ts';

export const DATA_DIR =
  process.env.BENCH_DATA ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

export type Patch = [position: number, deleted: number, inserted: string];

export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: { patches: Patch[] }[];
}

export interface ConcurrentTrace {
  endContent: string;
  numAgents: number;
  txns: { parents: number[]; agent: number; patches: Patch[] }[];
}

export function loadTrace<T>(name: string): T {
  return JSON.parse(gunzipSync(fs.readFileSync(path.join(DATA_DIR, `${name}.json.gz`))).toString('utf8')) as T;
}

/** Applies patches to a string (code point positions), for expected contents of trace prefixes. */
export function applyPatchesToString(content: string, patches: Iterable<Patch>): string {
  const ascii = !/[\uD800-\uDFFF]/.test(content);
  let text = content;
  for (const [position, deleted, inserted] of patches) {
    if (ascii && !/[\uD800-\uDFFF]/.test(inserted)) {
      text = text.slice(0, position) + inserted + text.slice(position + deleted);
    } else {
      const points = [...text];
      points.splice(position, deleted, ...inserted);
      text = points.join('');
    }
  }
  return text;
}

/**
 * Applies one patch to an XmlText whose content is `mirror` (kept in step by the caller when
 * the text holds characters outside the Basic Multilingual Plane; null when it never does).
 */
function applyPatch(text: Y.XmlText, [position, deleted, inserted]: Patch, mirror: { value: string } | null): void {
  let from = position;
  let length = deleted;
  if (mirror) {
    const points = [...mirror.value];
    from = points.slice(0, position).join('').length;
    length = points.slice(position, position + deleted).join('').length;
    points.splice(position, deleted, ...inserted);
    mirror.value = points.join('');
  }
  if (length > 0) text.delete(from, length);
  if (inserted.length > 0) text.insert(from, inserted);
}

const hasAstral = (value: string) => /[\uD800-\uDFFF]/.test(value);

export interface SequentialReplay {
  /** The first update creates the paragraph (and the start content); then one per transaction. */
  updates: Uint8Array[];
  /** The writer's clock after each update (characters inserted so far). */
  clockAfter: Uint32Array;
  clientId: number;
  expected: string;
  /** The whole document at the end, as one update. */
  state: Uint8Array;
}

/** One writer's updates for the first `limit` transactions of a sequential trace. */
export function sequentialReplay(trace: SequentialTrace, clientId: number, limit = trace.txns.length): SequentialReplay {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const txns = trace.txns.slice(0, limit);
  const astral = hasAstral(trace.startContent) || txns.some((txn) => txn.patches.some((patch) => hasAstral(patch[2])));
  const mirror = astral ? { value: trace.startContent } : null;
  doc.transact(() => {
    const created = createParagraph(doc);
    if (trace.startContent) created.insert(0, trace.startContent);
  });
  const text = paragraphOf(doc, clientId)!;
  const clockAfter = new Uint32Array(txns.length + 1);
  clockAfter[0] = Y.getState(doc.store, clientId);
  txns.forEach((txn, i) => {
    doc.transact(() => {
      for (const patch of txn.patches) applyPatch(text, patch, mirror);
    });
    clockAfter[i + 1] = Y.getState(doc.store, clientId);
  });
  const expected =
    limit === trace.txns.length
      ? trace.endContent
      : applyPatchesToString(
          trace.startContent,
          txns.flatMap((txn) => txn.patches),
        );
  if (plainText(text) !== expected) throw new Error('the replay does not reproduce the trace (local check)');
  if (updates.length !== txns.length + 1) throw new Error(`expected ${txns.length + 1} updates, got ${updates.length}`);
  return { updates, clockAfter, clientId, expected, state: Y.encodeStateAsUpdate(doc) };
}

export interface AgentTxn {
  update: Uint8Array;
  /** The other agents' clocks this transaction was made on top of (client id, clock). */
  requires: [number, number][];
  /** This agent's clock after the transaction. */
  clockAfter: number;
}

export interface ConcurrentReplay {
  /** Creates the paragraph both agents write into; sent first, by agent 0. */
  setup: Uint8Array;
  setupClientId: number;
  agents: { clientId: number; txns: AgentTxn[] }[];
  expected: string;
}

/**
 * The concurrent trace replayed as its authors made it: each agent edits its own copy of the
 * document, which holds exactly the transactions in the edit's ancestry (fork at the parents,
 * merge what they contain, apply). Each agent's transactions are totally ordered, so an agent's
 * copy only ever moves forward: merging parents means applying the other agents' updates up to
 * the latest one in the ancestry.
 */
export function concurrentReplay(
  trace: ConcurrentTrace,
  clientIds: number[],
  setupClientId: number,
  limit = trace.txns.length,
): ConcurrentReplay {
  const agents = trace.numAgents;
  const txns = trace.txns.slice(0, limit);
  if (clientIds.length < agents) throw new Error(`need ${agents} client ids`);
  const setupDoc = new Y.Doc();
  setupDoc.clientID = setupClientId;
  createParagraph(setupDoc);
  const setup = Y.encodeStateAsUpdate(setupDoc);

  const docs = clientIds.slice(0, agents).map((clientId) => {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    Y.applyUpdate(doc, setup);
    return doc;
  });
  const texts = docs.map((doc) => paragraphOf(doc, setupClientId)!);
  const mirrors = docs.map(() => ({ value: '' }));
  const astral = txns.some((txn) => txn.patches.some((patch) => hasAstral(patch[2])));
  /** Per transaction: its position in its agent's chain. */
  const chainIndex = new Int32Array(txns.length);
  /** Per transaction and agent: the highest chain index of that agent in its ancestry (-1: none). */
  const ancestry: Int32Array[] = [];
  const chains: AgentTxn[][] = docs.map(() => []);
  /** How many of each agent's transactions each agent's copy holds. */
  const holds = docs.map(() => new Int32Array(agents));

  txns.forEach((txn, i) => {
    const agent = txn.agent;
    const seen = new Int32Array(agents).fill(-1);
    for (const parent of txn.parents) {
      const before = ancestry[parent]!;
      for (let a = 0; a < agents; a++) seen[a] = Math.max(seen[a]!, before[a]!);
    }
    const doc = docs[agent]!;
    const held = holds[agent]!;
    // Merge: bring in the other agents' transactions up to what the parents contain.
    for (let other = 0; other < agents; other++) {
      if (other === agent) {
        if (seen[other]! + 1 !== held[other]) throw new Error(`txn ${i}: agent ${agent} does not follow its own last edit`);
        continue;
      }
      for (let k = held[other]!; k <= seen[other]!; k++) {
        Y.applyUpdate(doc, chains[other]![k]!.update);
        if (astral) mirrors[agent]!.value = plainText(texts[agent]!);
      }
      held[other] = Math.max(held[other]!, seen[other]! + 1);
    }
    const requires: [number, number][] = [];
    for (let other = 0; other < agents; other++) {
      if (other !== agent) requires.push([clientIds[other]!, Y.getState(doc.store, clientIds[other]!)]);
    }
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    doc.on('update', capture);
    doc.transact(() => {
      for (const patch of txn.patches) applyPatch(texts[agent]!, patch, astral ? mirrors[agent]! : null);
    });
    doc.off('update', capture);
    if (!update) throw new Error(`txn ${i} changed nothing`);
    chainIndex[i] = chains[agent]!.length;
    chains[agent]!.push({ update, requires, clockAfter: Y.getState(doc.store, clientIds[agent]!) });
    held[agent] = chains[agent]!.length;
    seen[agent] = chainIndex[i]!;
    ancestry[i] = seen;
  });

  // Check: all of it merged, in the trace's order (so that nothing waits for a missing
  // dependency), gives the trace's end content.
  const merged = new Y.Doc();
  Y.applyUpdate(merged, setup);
  txns.forEach((txn, i) => Y.applyUpdate(merged, chains[txn.agent]![chainIndex[i]!]!.update));
  const result = plainText(paragraphOf(merged, setupClientId)!);
  // The whole trace must give its end content; a prefix (quick runs) gives what its merge gives.
  if (limit >= trace.txns.length && result !== trace.endContent)
    throw new Error('the concurrent replay does not reproduce the trace (local check)');
  return {
    setup,
    setupClientId,
    agents: chains.map((txns, a) => ({ clientId: clientIds[a]!, txns })),
    expected: result,
  };
}
