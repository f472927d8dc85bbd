/**
 * The Hocuspocus instance that serves every collaborative document, configured with the
 * project's extensions. It has no server of its own: Fastify hands it each WebSocket
 * (see websocketRoute.ts).
 */
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import type { CollabTokens } from '../auth/collabToken.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Store } from '../storage/store.ts';
import { Authentication } from './authentication.ts';
import type { DocumentAccess } from './documentAccess.ts';
import { Persistence } from './persistence.ts';
import { PresenceIdentity } from './presenceIdentity.ts';

export interface CollabServerOptions {
  store: Store;
  tokens: CollabTokens;
  access: DocumentAccess;
  metrics: Metrics;
  log: FastifyBaseLogger;
  /** More extensions (Redis, projections), run after the project's own. */
  extensions?: Extension[];
}

export function createCollabServer(options: CollabServerOptions): Hocuspocus {
  const hocuspocus = new Hocuspocus({
    name: 'plenary',
    quiet: true,
    // Compaction (onStoreDocument) after 2 s of quiet, and at least every 10 s while edits go on.
    debounce: 2_000,
    maxDebounce: 10_000,
    extensions: [
      new Authentication({ store: options.store, tokens: options.tokens, access: options.access }),
      new PresenceIdentity(),
      new Persistence({ documents: options.store.documents, log: options.log, metrics: options.metrics }),
      ...(options.extensions ?? []),
    ],
  });
  options.metrics.observeCollab({
    connections: () => hocuspocus.getConnectionsCount(),
    documents: () => hocuspocus.getDocumentsCount(),
  });
  return hocuspocus;
}

/** Closes every socket of a session (sign-out), on this instance. */
export function closeSessionConnections(hocuspocus: Hocuspocus, sessionId: string): void {
  for (const document of hocuspocus.documents.values()) {
    for (const connection of document.getConnections()) {
      if ((connection.context as { sessionId?: string }).sessionId === sessionId) {
        connection.webSocket.close(4401, 'Unauthorized');
      }
    }
  }
}
