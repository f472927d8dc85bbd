/**
 * Yjs updates and awareness between instances: @hocuspocus/extension-redis, adapted.
 *
 * - The `live:` projections are not synced: each instance writes its own copy from the shared
 *   store (see live/liveProjection.ts), so two instances never write one entry concurrently.
 * - Snapshots need no Redis lock: compaction merges under a PostgreSQL advisory lock.
 * - Redis down: documents keep working on each instance alone; a document loaded meanwhile
 *   is not left waiting. When Redis returns, every document announces its state again, so
 *   instances exchange what they missed and converge.
 * - A person's removal from the awareness (their page closed, their connection closed) reaches the
 *   other instances (`applyRemovals`), unless a connection there speaks for them.
 */
import { Redis } from '@hocuspocus/extension-redis';
import {
  type afterLoadDocumentPayload,
  type afterStoreDocumentPayload,
  type afterUnloadDocumentPayload,
  type beforeBroadcastStatelessPayload,
  type beforeUnloadDocumentPayload,
  type Document,
  OutgoingMessage,
  type onAwarenessUpdatePayload,
  type onChangePayload,
  type onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { announceDocument } from '../collab/hocuspocusInternals/redisExtension.ts';
import { MESSAGE_AWARENESS } from '../collab/messages.ts';
import { createRedisClient } from './redisClient.ts';

const LOAD_SYNC_TIMEOUT_MS = 2_000;

const isLive = (documentName: string): boolean => parseDocumentName(documentName)?.kind === 'live';

/** Whether a connection of this instance speaks for the client id. */
function spokenForHere(document: Document, clientId: number): boolean {
  for (const { clients } of document.connections.values()) if (clients.has(clientId)) return true;
  return false;
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
    // The extension publishes straight on its client: while Redis does not answer, nothing is
    // queued (announceAll carries it all later), and a publish that fails is not logged once per
    // update (the client logs the outage once).
    const publish = this.pub.publish.bind(this.pub) as (channel: string | Buffer, message: string | Buffer) => Promise<number>;
    (this.pub as { publish: unknown }).publish = (channel: string | Buffer, message: string | Buffer) =>
      this.redisReady ? publish(channel, message).catch(() => 0) : Promise.resolve(0);
    // Announce again once both connections answer after either was lost.
    let connectedOnce = false;
    const onReady = () => {
      if (!this.redisReady) return;
      if (connectedOnce) void this.announceAll();
      connectedOnce = true;
    };
    this.sub.on('ready', onReady);
    this.pub.on('ready', onReady);
    this.sub.on('messageBuffer', (_channel: Buffer, data: Buffer) => this.applyRemovals(data));
  }

  /**
   * The extension reads another instance's awareness message into a scratch Awareness, which
   * keeps no null state: a removal never crossed, and a person who closed the page on one instance
   * stayed in "Here now" on the others until the awareness timed out (30 s). Here the removals of
   * such a message are applied as the extension applies the rest (the awareness's clocks decide),
   * except for a client id a connection of this instance speaks for: its owner is here, connected.
   * That is the case of a provider that came back here while another instance held its dead socket,
   * should that instance not have heard of it (`PresenceIdentity`'s claims) before closing it.
   */
  private applyRemovals(data: Buffer): void {
    try {
      // The extension's framing (see its `messagePrefix`): the sender's identifier, its length first.
      const identifierLength = data[0] ?? 0;
      if (data.subarray(1, identifierLength + 1).toString('utf-8') === this.configuration.identifier) return;
      const decoder = decoding.createDecoder(data.subarray(identifierLength + 1));
      const documentName = decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return;
      const document = this.instance?.documents.get(documentName);
      if (!document || isLive(documentName)) return;
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const removals: [clientId: number, clock: number][] = [];
      const count = decoding.readVarUint(update);
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(update);
        const clock = decoding.readVarUint(update);
        if (decoding.readVarString(update) === 'null' && !spokenForHere(document, clientId)) removals.push([clientId, clock]);
      }
      if (removals.length === 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, removals.length);
      for (const [clientId, clock] of removals) {
        encoding.writeVarUint(encoder, clientId);
        encoding.writeVarUint(encoder, clock);
        encoding.writeVarString(encoder, 'null');
      }
      applyAwarenessUpdate(document.awareness, encoding.toUint8Array(encoder), this.redisTransactionOrigin);
    } catch (error) {
      this.log.warn({ err: error }, 'unreadable awareness message from another instance');
    }
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

  // While Redis does not answer, nothing is queued for it: the document's state is announced
  // again when it comes back (announceAll), which carries every update made meanwhile.
  override async onChange(payload: onChangePayload): Promise<void> {
    if (!isLive(payload.documentName) && this.redisReady) await super.onChange(payload);
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<void> {
    if (isLive(payload.documentName) || !this.redisReady) return;
    const { document, removed } = payload;
    // The extension publishes a turn's changes at the turn's end, and then only for a document
    // that still has connections: the removal of the last person to leave an instance never
    // reached the others, who kept them in "Here now" until the awareness timed out (30 s).
    if (removed.length > 0 && document.connections.size <= 1 && !document.isDestroyed) {
      const message = new OutgoingMessage(document.name).createAwarenessUpdateMessage(document.awareness, removed);
      await this.pub.publish(
        `${this.configuration.prefix}:${document.name}`,
        Buffer.concat([this.messagePrefix, Buffer.from(message.toUint8Array())]),
      );
    }
    await super.onAwarenessUpdate(payload);
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
    const documents = [...this.instance.documents.values()].filter((document) => !isLive(document.name));
    this.log.info({ documents: documents.length }, 'Redis is back: resyncing documents with the other instances');
    await Promise.all(
      documents.map(async (document) => {
        try {
          await this.sub.subscribe(`${this.configuration.prefix}:${document.name}`);
          await announceDocument(this, document);
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
