/**
 * Recognises an update that would change nothing in a document: no struct, and every range it
 * deletes deleted already. A client sends one at every connection: its sync step 2 carries the
 * structs the server lacks (usually none) and, always, the whole delete set of its copy. Such an
 * update must neither be stored (each reconnection appended a row as large as the document's
 * delete set, and every later load applied it again) nor refused from a read-only connection (an
 * observer whose copy held any deletion was closed at every reconnection and never synced again).
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** An update with no structs and no deletions: what a client in sync with an untouched copy sends. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2 && update.every((byte) => byte === 0);
}

export function addsNothing(document: Y.Doc, update: Uint8Array): boolean {
  let deletions: ReturnType<typeof Y.decodeUpdate>['ds'];
  try {
    // A v1 update starts with the number of clients whose structs it carries.
    if (decoding.readVarUint(decoding.createDecoder(update)) !== 0) return false;
    deletions = Y.decodeUpdate(update).ds;
  } catch {
    return false; // malformed: Yjs refuses it where it is applied
  }
  for (const [client, ranges] of deletions.clients) {
    const structs = document.store.clients.get(client);
    const last = structs?.at(-1);
    if (!structs || !last) return false;
    const known = last.id.clock + last.length;
    for (const { clock, len } of ranges) {
      if (clock + len > known) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        if (!structs[i]!.deleted) return false;
      }
    }
  }
  return true;
}
