/**
 * The Hocuspocus instance that serves every collaborative document, configured with the
 * project's extensions. It has no server of its own: Fastify hands it each WebSocket
 * (see websocketRoute.ts).
 */

import type {
  afterLoadDocumentPayload,
  connectedPayload,
  Document,
  Extension,
  Hocuspocus,
  onDisconnectPayload,
} from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import type { CollabTokens } from '../auth/collabToken.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Store } from '../storage/store.ts';
import type { WriteHealth } from '../storage/writeHealth.ts';
import type { AdmittedUpdates } from './admittedUpdates.ts';
import { Authentication } from './authentication.ts';
import { encodeBroadcastsOnce } from './broadcasts.ts';
import type { DocumentAccess } from './documentAccess.ts';
import { DocumentQuota, type UpdateRule } from './documentQuota.ts';
import { dropAwarenessHookListener } from './hocuspocusInternals/awarenessListener.ts';
import { assertHocuspocusInternals } from './hocuspocusInternals/checkInternals.ts';
import { afterEachFlush } from './hocuspocusInternals/documentFlush.ts';
import { PlenaryHocuspocus } from './hocuspocusInternals/hookDispatch.ts';
import { answerSyncRequestsFrom } from './hocuspocusInternals/syncStepOne.ts';
import { Persistence } from './persistence.ts';
import { PresenceClaims } from './presenceClaims.ts';
import { PresenceIdentity } from './presenceIdentity.ts';
import { writeCorkedFrames } from './socketWrites.ts';
import { DEFAULT_SYNC_REPLY_LIMITS, SyncReplyCache, type SyncReplyCacheLimits } from './syncReplyCache.ts';
import { UnstorableText } from './unstorableText.ts';
import { UpdateBatches } from './updateBatches.ts';

export interface CollabServerOptions {
  store: Store;
  tokens: CollabTokens;
  access: DocumentAccess;
  metrics: Metrics;
  log: FastifyBaseLogger;
  writeHealth: WriteHealth;
  maxUpdateBytes: number;
  maxDocumentBytes: number;
  updateCpuBudgetMs: number;
  /** The budget of reused sync step 1 answers (syncReplyCache.ts), for this server. */
  syncReplyLimits?: SyncReplyCacheLimits;
  /** What writers' updates must keep besides the limits (an agenda item's day: meetingRecord/agendaItemDays.ts). */
  updateRules?: UpdateRule[];
  /** Tracks admitted updates until they are applied, for rules that change (collab/admittedUpdates.ts). */
  admitted?: AdmittedUpdates;
  /** More extensions (Redis, projections), run after the project's own. */
  extensions?: Extension[];
  /** Which connection last began to speak for each client id; several instances tell each other (presenceClaims.ts). */
  presenceClaims?: PresenceClaims;
}

export function createCollabServer(options: CollabServerOptions): Hocuspocus {
  // Refuses to start when a private part of Hocuspocus relied on below is not as expected.
  assertHocuspocusInternals();
  const syncReplies = new SyncReplyCache(options.syncReplyLimits ?? DEFAULT_SYNC_REPLY_LIMITS);
  const quota = new DocumentQuota({
    maxDocumentBytes: options.maxDocumentBytes,
    maxUpdateBytes: options.maxUpdateBytes,
    cpuBudgetMs: options.updateCpuBudgetMs,
    // Every document's writers are held to storable text first; the feature's rules (an agenda's days) after.
    rules: [new UnstorableText(options.log), ...(options.updateRules ?? [])],
    ...(options.admitted ? { admitted: options.admitted } : {}),
    log: options.log,
  });
  const persistence = new Persistence({
    documents: options.store.documents,
    db: options.store.db,
    log: options.log,
    metrics: options.metrics,
    writeHealth: options.writeHealth,
  });
  const hocuspocus = new PlenaryHocuspocus({
    name: 'plenary',
    quiet: true,
    // Compaction (onStoreDocument) after 2 s of quiet, and at least every 10 s while edits go on.
    debounce: 2_000,
    maxDebounce: 10_000,
    // Before authentication a socket may queue little, for a short time, for few documents.
    // The timeout is an absolute deadline until the first document authenticates.
    timeout: 30_000,
    maxUnauthenticatedQueueSize: 1024 * 1024,
    maxUnauthenticatedQueueMessages: 200,
    maxPendingDocuments: 20,
    // In array order (equal priority): the quota refuses an update before persistence stores it.
    extensions: [
      new Authentication({ store: options.store, tokens: options.tokens, access: options.access }),
      new PresenceIdentity({ claims: options.presenceClaims ?? new PresenceClaims() }),
      new FanOut(syncReplies),
      quota,
      persistence,
      ...(options.extensions ?? []),
    ],
  });
  // A writer's updates that arrive together are applied together (websocketRoute.ts hands them).
  new UpdateBatches({ hocuspocus, quota, persistence, db: options.store.db, log: options.log });
  options.metrics.observeCollab({
    connections: () => hocuspocus.getConnectionsCount(),
    documents: () => hocuspocus.getDocumentsCount(),
    syncReplies: () => syncReplies.stats(),
  });
  return hocuspocus;
}

/**
 * How long a document gathers outgoing updates before sending them, by its number of
 * connections. Few: each update goes out at once, unmerged (merging costs more than it saves,
 * and a bulk replay then runs at full speed). More: what one event-loop turn brings is merged
 * into one message (Hocuspocus's default). A crowd: a short window, so that a thousand viewers
 * get a few dozen messages a second rather than one per keystroke (Hocuspocus PR #1130).
 */
export function flushDelayFor(connections: number): false | number {
  if (connections <= 4) return false;
  if (connections < 200) return 0;
  return Math.min(20, Math.round(connections / 50));
}

/**
 * Sets each document's flush delay as connections come and go; encodes each broadcast once, and
 * each answer to a sync request once per document version.
 */
class FanOut implements Extension {
  readonly extensionName = 'plenary-fan-out';
  private readonly syncReplies: SyncReplyCache;

  constructor(syncReplies: SyncReplyCache) {
    this.syncReplies = syncReplies;
  }

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    encodeBroadcastsOnce(document);
    answerSyncRequestsFrom(document, this.syncReplies);
    // A delayed flush runs in a setImmediate callback: write what it corked at once.
    afterEachFlush(document, writeCorkedFrames);
  }

  async connected({ connection, instance }: connectedPayload): Promise<void> {
    adjustFlushDelay(connection.document);
    if (instance instanceof PlenaryHocuspocus) dropUnheardAwarenessHook(connection.document, instance);
  }

  async onDisconnect({ document }: onDisconnectPayload): Promise<void> {
    adjustFlushDelay(document);
  }
}

const awarenessHookChecked = new WeakSet<Document>();

/**
 * When no extension has the onAwarenessUpdate hook (one instance, no Redis), Hocuspocus's
 * listener that calls it is taken off the document's awareness (see
 * hocuspocusInternals/awarenessListener.ts).
 */
function dropUnheardAwarenessHook(document: Document, hocuspocus: PlenaryHocuspocus): void {
  if (awarenessHookChecked.has(document)) return;
  awarenessHookChecked.add(document);
  if (hocuspocus.hookList('onAwarenessUpdate').length === 0) dropAwarenessHookListener(document);
}

function adjustFlushDelay(document: Document): void {
  const delay = flushDelayFor(document.getConnectionsCount());
  if (delay === document.flushDelay || document.isDestroyed) return;
  // What is pending goes out now, under the old policy, so that nothing overtakes it.
  document.flush();
  document.flushDelay = delay;
}

/** Closes every socket of a session (sign-out), on this instance. */
export function closeSessionConnections(hocuspocus: Hocuspocus, sessionId: string): void {
  for (const document of hocuspocus.documents.values()) {
    for (const connection of document.getConnections()) {
      if ((connection.context as { sessionId?: string }).sessionId === sessionId) {
        connection.webSocket.close(CLOSE_EVENTS.unauthorized.code, CLOSE_EVENTS.unauthorized.reason);
      }
    }
  }
}
