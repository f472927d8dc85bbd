/**
 * Yjs updates and awareness between instances: @hocuspocus/extension-redis, adapted.
 *
 * - The `live:` projections are not synced: each instance writes its own copy from the shared
 *   store (see live/liveProjection.ts), so two instances never write one entry concurrently.
 * - Snapshots need no Redis lock: compaction merges under a PostgreSQL advisory lock.
 * - Redis down: documents keep working on each instance alone; a document loaded meanwhile
 *   is not left waiting. When Redis returns, every document announces its state again, so
 *   instances exchange what they missed and converge.
 */
import { Redis } from '@hocuspocus/extension-redis';
import {
  type afterLoadDocumentPayload,
  type afterStoreDocumentPayload,
  type afterUnloadDocumentPayload,
  type beforeBroadcastStatelessPayload,
  type beforeUnloadDocumentPayload,
  type Document,
  type onAwarenessUpdatePayload,
  type onChangePayload,
  type onStoreDocumentPayload,
  OutgoingMessage,
} from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { createRedisClient } from './redisClient.ts';

const LOAD_SYNC_TIMEOUT_MS = 2_000;

const isLive = (documentName: string): boolean => parseDocumentName(documentName)?.kind === 'live';

/** The extension's own helpers, private in its types but needed to announce documents again. */
interface RedisInternals {
  publishFirstSyncStep(documentName: string, document: Document): Promise<unknown>;
  requestAwarenessFromOtherInstances(documentName: string): Promise<unknown>;
}

export class ClusterSync extends Redis {
  private readonly log: FastifyBaseLogger;

  constructor(options: { url: string; prefix: string; identifier: string; log: FastifyBaseLogger }) {
    super({
      prefix: `${options.prefix}doc`,
      identifier: options.identifier,
      createClient: () => createRedisClient(options.url, 'documents', options.log),
      // Wait at most this long for a peer's state when a document loads.
      awaitInitialSyncTimeout: 1_000,
    });
    this.log = options.log;
    let connectedOnce = false;
    this.sub.on('ready', () => {
      if (connectedOnce) void this.announceAll();
      connectedOnce = true;
    });
  }

  private get redisReady(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    if (isLive(payload.documentName)) return;
    if (!this.redisReady) {
      this.log.warn({ documentName: payload.documentName }, 'Redis is down: document loaded on this instance alone');
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        super.afterLoadDocument(payload),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis did not answer')), LOAD_SYNC_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.log.warn(
        { err: error, documentName: payload.documentName },
        'document loaded without cluster sync; it resyncs when Redis answers',
      );
    } finally {
      clearTimeout(timer);
    }
  }

  override async onChange(payload: onChangePayload): Promise<void> {
    if (!isLive(payload.documentName)) await super.onChange(payload);
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<void> {
    if (!isLive(payload.documentName)) await super.onAwarenessUpdate(payload);
  }

  override async beforeBroadcastStateless(payload: beforeBroadcastStatelessPayload): Promise<number> {
    return !isLive(payload.documentName) && this.redisReady ? super.beforeBroadcastStateless(payload) : 0;
  }

  // Compaction is merge-safe under the store's own per-document lock: no Redis lock needed.
  override async onStoreDocument(_payload: onStoreDocumentPayload): Promise<void> {}
  override async afterStoreDocument(_payload: afterStoreDocumentPayload): Promise<void> {}

  override async beforeUnloadDocument(payload: beforeUnloadDocumentPayload): Promise<void> {
    if (!isLive(payload.documentName)) await super.beforeUnloadDocument(payload);
  }

  override async afterUnloadDocument(payload: afterUnloadDocumentPayload): Promise<void> {
    if (!isLive(payload.documentName)) await super.afterUnloadDocument(payload);
  }

  /** After Redis comes back: subscribe every document and announce its state and awareness. */
  private async announceAll(): Promise<void> {
    if (!this.instance) return;
    const internals = this as unknown as RedisInternals;
    const documents = [...this.instance.documents.values()].filter((document) => !isLive(document.name));
    this.log.info({ documents: documents.length }, 'Redis is back: resyncing documents with the other instances');
    await Promise.all(
      documents.map(async (document) => {
        try {
          await this.sub.subscribe(`${this.configuration.prefix}:${document.name}`);
          await internals.publishFirstSyncStep(document.name, document);
          await internals.requestAwarenessFromOtherInstances(document.name);
          if (document.hasAwarenessStates()) {
            const message = new OutgoingMessage(document.name).createAwarenessUpdateMessage(document.awareness);
            await this.pub.publish(
              `${this.configuration.prefix}:${document.name}`,
              Buffer.concat([this.messagePrefix, Buffer.from(message.toUint8Array())]),
            );
          }
        } catch (error) {
          this.log.warn({ err: error, documentName: document.name }, 'resync failed; will retry at the next reconnection');
        }
      }),
    );
  }
}
