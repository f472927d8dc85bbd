/**
 * The Hocuspocus instance that serves every collaborative document, configured with the
 * project's extensions. It has no server of its own: Fastify hands it each WebSocket
 * (see websocketRoute.ts).
 */
import { Unauthorized } from '@hocuspocus/common';
import {
  type afterLoadDocumentPayload,
  type Configuration,
  type Connection,
  type connectedPayload,
  type Document,
  Hocuspocus,
  type Extension,
  type HookName,
  type HookPayloadByName,
  type onDisconnectPayload,
  type onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import type { CollabTokens } from '../auth/collabToken.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Store } from '../storage/store.ts';
import { Authentication } from './authentication.ts';
import type { DocumentAccess } from './documentAccess.ts';
import type { WriteHealth } from '../storage/writeHealth.ts';
import { DocumentQuota } from './documentQuota.ts';
import { Persistence } from './persistence.ts';
import { PresenceIdentity } from './presenceIdentity.ts';
import { encodeBroadcastsOnce } from './broadcasts.ts';
import { writeCorkedFrames } from './websocketRoute.ts';

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
  /** More extensions (Redis, projections), run after the project's own. */
  extensions?: Extension[];
}

/** Hook functions by name, per extensions array (see PlenaryHocuspocus.hooks). */
const hookLists = new WeakMap<Extension[], { length: number; lists: Map<string, Extension[]> }>();

/**
 * The extension that Hocuspocus's `configure` appends to carry the configuration's own hooks,
 * with the names of the hooks the configuration really gave; the others are empty defaults.
 */
const configurationHooks = new WeakMap<Hocuspocus, { carrier: Extension; given: ReadonlySet<string> }>();

/** When each document last re-armed its store debounce (see storeDocumentHooks). */
const debounceArmed = new WeakMap<Document, number>();

/**
 * Hocuspocus with two of its per-message costs made smaller, behaviour unchanged:
 * - `hooks` filtered the extensions and built a promise chain (two promises per extension) for
 *   every hook of every message and update, the configuration's empty default hooks included.
 *   Here the extensions having each hook are listed once, empty defaults left out, and called in
 *   order as before (starting after the caller continues, each awaited, each error logged).
 * - `storeDocumentHooks` re-armed the store debounce (a clearTimeout and a setTimeout) for every
 *   update; here at most every 100 ms per document, so a store runs between 1.9 and 2 s after the
 *   last change instead of exactly 2 s (and the 10 s maximum still holds).
 */
class PlenaryHocuspocus extends Hocuspocus {
  constructor(configuration: Partial<Configuration>) {
    super(configuration);
    // configure() (called by super) ends by pushing the carrier of the configuration's hooks.
    const carrier = this.configuration.extensions.at(-1)!;
    const given = new Set(
      Object.keys(configuration).filter((key) => typeof (configuration as Record<string, unknown>)[key] === 'function'),
    );
    configurationHooks.set(this, { carrier, given });
    hookLists.delete(this.configuration.extensions);
  }

  override hooks<T extends HookName>(
    name: T,
    payload: HookPayloadByName[T],
    callback: ((...args: any[]) => unknown) | null = null,
  ): Promise<any> {
    const list = this.hookList(name);
    return list.length === 0 ? Promise.resolve() : runHooks(name, list, payload, callback);
  }

  /** The extensions that have hook `name`, empty defaults left out. */
  hookList(name: HookName): Extension[] {
    const extensions = this.configuration.extensions;
    let cache = hookLists.get(extensions);
    if (!cache || cache.length !== extensions.length) {
      cache = { length: extensions.length, lists: new Map() };
      hookLists.set(extensions, cache);
    }
    let list = cache.lists.get(name);
    if (!list) {
      const own = configurationHooks.get(this);
      list = extensions.filter((extension) => {
        if (extension === own?.carrier && !own.given.has(name)) return false;
        return typeof (extension as Record<string, unknown>)[name] === 'function';
      });
      cache.lists.set(name, list);
    }
    return list;
  }

  override storeDocumentHooks(document: Document, payload: onStoreDocumentPayload, immediately?: boolean): Promise<any> {
    if (!immediately) {
      const now = Date.now();
      const armed = debounceArmed.get(document);
      if (armed !== undefined && now - armed < 100 && this.debouncer.isDebounced(`onStoreDocument-${document.name}`))
        return Promise.resolve();
      debounceArmed.set(document, now);
    }
    return super.storeDocumentHooks(document, payload, immediately);
  }
}

async function runHooks(
  name: string,
  list: Extension[],
  payload: unknown,
  callback: ((...args: any[]) => unknown) | null,
): Promise<unknown> {
  await undefined;
  let result: unknown;
  for (const extension of list) {
    try {
      result = await (extension as Record<string, (payload: unknown) => unknown>)[name]!(payload);
    } catch (error) {
      if ((error as { message?: string } | null)?.message) console.error(`[${name}]`, (error as Error).message);
      throw error;
    }
    if (callback) result = await callback(result);
  }
  return result;
}

export function createCollabServer(options: CollabServerOptions): Hocuspocus {
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
      new PresenceIdentity(),
      new FanOut(),
      new DocumentQuota({
        maxDocumentBytes: options.maxDocumentBytes,
        maxUpdateBytes: options.maxUpdateBytes,
        cpuBudgetMs: options.updateCpuBudgetMs,
        log: options.log,
      }),
      new Persistence({
        documents: options.store.documents,
        db: options.store.db,
        log: options.log,
        metrics: options.metrics,
        writeHealth: options.writeHealth,
      }),
      ...(options.extensions ?? []),
    ],
  });
  options.metrics.observeCollab({
    connections: () => hocuspocus.getConnectionsCount(),
    documents: () => hocuspocus.getDocumentsCount(),
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

/** Sets each document's flush delay as connections come and go; encodes each broadcast once. */
class FanOut implements Extension {
  readonly extensionName = 'plenary-fan-out';

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    encodeBroadcastsOnce(document);
    writeAfterFlush(document);
  }

  async connected({ connection, instance }: connectedPayload): Promise<void> {
    adjustFlushDelay(connection.document);
    if (instance instanceof PlenaryHocuspocus) dropUnheardAwarenessHook(connection.document, instance);
  }

  async onDisconnect({ document }: onDisconnectPayload): Promise<void> {
    adjustFlushDelay(document);
  }
}

/**
 * A flush runs in a setImmediate callback: the frames it corks would otherwise wait for the next
 * turn's uncork. Write them as soon as the flush is done.
 */
function writeAfterFlush(document: Document): void {
  const flush = document.flush.bind(document);
  document.flush = () => {
    const result = flush();
    writeCorkedFrames();
    return result;
  };
}

const awarenessHookChecked = new WeakSet<Document>();

/**
 * Hocuspocus hands every awareness change to the onAwarenessUpdate hooks with the states of the
 * whole document as a fresh array: O(people in the document) for each caret move. When no
 * extension has that hook (one instance, no Redis), its listener is taken off the document's
 * awareness. It is the listener that is not the document's own (a bound handleAwarenessUpdate).
 */
function dropUnheardAwarenessHook(document: Document, hocuspocus: PlenaryHocuspocus): void {
  if (awarenessHookChecked.has(document)) return;
  awarenessHookChecked.add(document);
  if (hocuspocus.hookList('onAwarenessUpdate').length > 0) return;
  const observers = (
    document.awareness as unknown as { _observers?: Map<string, Set<(...args: unknown[]) => void>> }
  )._observers?.get('update');
  for (const observer of [...(observers ?? [])]) {
    if (!observer.name.startsWith('bound ')) document.awareness.off('update', observer);
  }
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
        connection.webSocket.close(Unauthorized.code, Unauthorized.reason);
      }
    }
  }
}
