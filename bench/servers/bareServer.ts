/**
 * The baseline: a bare Hocuspocus 4 server (`@hocuspocus/server`'s own Server: no app, no
 * authentication, documents in memory) in a process of its own, with the same IPC surface as
 * the server under test.
 *
 * Options (environment): BENCH_FLUSH_DELAY (`0`, the default, or `false`), BENCH_MEMORY_STORE=1
 * (keep unloaded documents in a Map so that a cold load has something to load: S6),
 * BENCH_REDIS_URL (two instances through @hocuspocus/extension-redis: S8).
 */

import { writeHeapSnapshot } from 'node:v8';
import { Redis } from '@hocuspocus/extension-redis';
import { type Extension, Server } from '@hocuspocus/server';
import * as Y from 'yjs';
import { paragraphTexts } from '../lib/benchDoc.ts';
import { processStatsMonitor } from '../lib/processStats.ts';
import { serveRpc } from '../lib/rpc.ts';
import { sampleThreads } from '../lib/threadTimes.ts';

const flushDelay = process.env.BENCH_FLUSH_DELAY === 'false' ? false : Number(process.env.BENCH_FLUSH_DELAY ?? 0);
const extensions: Extension[] = [];
const memory = new Map<string, Uint8Array>();
if (process.env.BENCH_MEMORY_STORE === '1') {
  extensions.push({
    async onLoadDocument({ documentName, document }) {
      const stored = memory.get(documentName);
      if (stored) Y.applyUpdate(document, stored);
    },
    async onStoreDocument({ documentName, document }) {
      memory.set(documentName, Y.encodeStateAsUpdate(document));
    },
  });
}
if (process.env.BENCH_REDIS_URL) {
  const url = new URL(process.env.BENCH_REDIS_URL);
  extensions.push(new Redis({ host: url.hostname, port: Number(url.port), prefix: process.env.REDIS_PREFIX ?? 'bench-bare' }));
}

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false, flushDelay, extensions });
await server.listen();
const hocuspocus = server.hocuspocus;
const monitor = processStatsMonitor();

serveRpc({
  info: () => ({ port: server.address.port, pid: process.pid }),
  stats: () => monitor.stats(),
  /** Each thread's time on a core and waiting for one (S16: is the event loop busy, or not given a core?). */
  threads: () => ({ pid: process.pid, samples: sampleThreads() }),
  resetStats: () => monitor.reset(),
  gc: () => (globalThis as { gc?: () => void }).gc?.(),
  /** A heap snapshot of the process into `file` (S15 with BENCH_HEAP_SNAPSHOTS, looking for what stays). */
  heapSnapshot: ({ file }: { file: string }) => writeHeapSnapshot(file),
  collabCounts: () => ({ connections: hocuspocus.getConnectionsCount(), documents: hocuspocus.getDocumentsCount() }),
  memoryTexts({ docName }: { docName: string }): [number, string][] | null {
    const document = hocuspocus.documents.get(docName);
    return document ? [...paragraphTexts(document)] : null;
  },
  /** The bare server's "store" is its memory (or the memory store of BENCH_MEMORY_STORE). */
  storedTexts({ docName }: { docName: string }): [number, string][] | null {
    const document = hocuspocus.documents.get(docName);
    if (document) return [...paragraphTexts(document)];
    const stored = memory.get(docName);
    if (!stored) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored);
    return [...paragraphTexts(doc)];
  },
  isLoaded: ({ docName }: { docName: string }) => hocuspocus.documents.has(docName) || hocuspocus.loadingDocuments.has(docName),
  async close() {
    await server.destroy();
    setImmediate(() => process.exit(0));
  },
});

process.send?.({ ready: true });
