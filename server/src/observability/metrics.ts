/**
 * Prometheus metrics (prom-client), one registry per app so that several apps can live in one
 * process (tests, benchmarks). Served at GET /metrics.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messagesIn: Counter;
  messagesOut: Counter;
  storeWriteSeconds: Histogram;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  /** Set the callbacks that report open connections, loaded documents and the sync reply cache. */
  observeCollab(read: CollabReadings): void;
}

export interface CollabReadings {
  connections: () => number;
  documents: () => number;
  /** Sync step 1 answers reused and encoded, and what the cache holds (collab/syncReplyCache.ts). */
  syncReplies?: () => { hits: number; misses: number; entries: number; bytes: number };
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Includes the event-loop delay (nodejs_eventloop_lag_*), memory and CPU of the process.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  let collab: CollabReadings = { connections: () => 0, documents: () => 0 };
  new Gauge({
    name: 'plenary_ws_connections',
    help: 'Open WebSocket connections',
    registers: [registry],
    collect() {
      this.set(collab.connections());
    },
  });
  new Gauge({
    name: 'plenary_documents_loaded',
    help: 'Collaborative documents held in memory',
    registers: [registry],
    collect() {
      this.set(collab.documents());
    },
  });
  new Gauge({
    name: 'plenary_sync_reply_cache',
    help: 'Sync step 1 answers: hits (reused), misses (encoded), entries and bytes held',
    labelNames: ['stat'],
    registers: [registry],
    collect() {
      const stats = collab.syncReplies?.();
      if (!stats) return;
      for (const [stat, value] of Object.entries(stats)) this.set({ stat }, value);
    },
  });
  return {
    registry,
    messagesIn: new Counter({ name: 'plenary_ws_messages_in_total', help: 'WebSocket messages received', registers: [registry] }),
    messagesOut: new Counter({ name: 'plenary_ws_messages_out_total', help: 'WebSocket messages sent', registers: [registry] }),
    storeWriteSeconds: new Histogram({
      name: 'plenary_store_write_seconds',
      help: 'Time to append a document update to the store',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'plenary_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    observeCollab(read) {
      collab = read;
    },
  };
}
