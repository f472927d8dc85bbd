/**
 * Contact: the id under which Hocuspocus 4.7 debounces a document's onStoreDocument
 * (`onStoreDocument-${name}`, built inline in Hocuspocus.ts), read through its `debouncer`.
 *
 * Why: on shutdown every pending store must run and be awaited, so that the next start loads
 * snapshots rather than long logs (test/integration/durability.test.ts, "stores pending documents
 * and exits cleanly on SIGTERM"); and the store debounce check of hookDispatch.ts needs the id.
 * The public `flushPendingStores()` starts them but returns nothing to await.
 */
import { Hocuspocus } from '@hocuspocus/server';

export function storeDebounceId(documentName: string): string {
  return `onStoreDocument-${documentName}`;
}

/** Runs every debounced store now and waits for it (and for a store already running). */
export async function runPendingStoresNow(collab: Hocuspocus): Promise<void> {
  await Promise.all(
    [...collab.documents.values()].map(async (document) => {
      const id = storeDebounceId(document.name);
      if (collab.debouncer.isDebounced(id)) await collab.debouncer.executeNow(id);
      await document.saveMutex.waitForUnlock();
    }),
  );
}

export function storeDebounceProblems(scratch: Hocuspocus): string[] {
  const debouncer = scratch.debouncer as unknown as Record<string, unknown> | undefined;
  const missing = ['debounce', 'isDebounced', 'executeNow'].filter((name) => typeof debouncer?.[name] !== 'function');
  const problems = missing.map((name) => `Hocuspocus.debouncer.${name} is not a function`);
  const source = String(Hocuspocus.prototype.storeDocumentHooks);
  if (!source.includes('onStoreDocument-'))
    problems.push('storeDocumentHooks no longer debounces under "onStoreDocument-<name>"');
  return problems;
}
