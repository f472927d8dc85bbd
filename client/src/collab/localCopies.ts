/**
 * Local copies of collaborative documents in IndexedDB (y-indexeddb), so that edits made
 * offline survive a closed tab and merge when the connection returns. Copies are kept per user
 * and forgotten at sign-out, so that a shared computer does not keep one person's drafts for
 * the next.
 */
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

const indexKey = (userId: string) => `plenary:local-copies:${userId}`;

function remembered(userId: string): string[] {
  try {
    return JSON.parse(localStorage.getItem(indexKey(userId)) ?? '[]') as string[];
  } catch {
    return [];
  }
}

export function keepLocalCopy(userId: string, documentName: string, doc: Y.Doc): IndexeddbPersistence {
  const name = `plenary:${userId}:${documentName}`;
  const names = remembered(userId);
  if (!names.includes(name)) localStorage.setItem(indexKey(userId), JSON.stringify([...names, name]));
  return new IndexeddbPersistence(name, doc);
}

export async function forgetLocalDocuments(userId: string): Promise<void> {
  await Promise.all(remembered(userId).map((name) => clearDocument(name).catch(() => undefined)));
  localStorage.removeItem(indexKey(userId));
}
