/**
 * Contact: calls the private `publishFirstSyncStep` and `requestAwarenessFromOtherInstances` of
 * @hocuspocus/extension-redis 4.7.
 *
 * Why (test/integration/scaleOut.test.ts: Redis stopped during editing and started again): when Redis comes
 * back after an outage, every open document must announce its state and ask for the others'
 * awareness, or instances that diverged meanwhile never converge. The extension does this only
 * when a document loads; it has no public "resync".
 */
import { Redis } from '@hocuspocus/extension-redis';
import type { Document } from '@hocuspocus/server';

interface RedisInternals {
  publishFirstSyncStep(documentName: string, document: Document): Promise<unknown>;
  requestAwarenessFromOtherInstances(documentName: string): Promise<unknown>;
}

export async function announceDocument(extension: Redis, document: Document): Promise<void> {
  const internals = extension as unknown as RedisInternals;
  await internals.publishFirstSyncStep(document.name, document);
  await internals.requestAwarenessFromOtherInstances(document.name);
}

export function redisExtensionProblems(): string[] {
  const prototype = Redis.prototype as unknown as Record<string, unknown>;
  return ['publishFirstSyncStep', 'requestAwarenessFromOtherInstances']
    .filter((name) => typeof prototype[name] !== 'function')
    .map((name) => `@hocuspocus/extension-redis has no method ${name}`);
}
