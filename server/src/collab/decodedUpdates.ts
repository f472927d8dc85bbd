/**
 * An update's structs, decoded once for every rule that looks into it (DocumentQuota's rules:
 * unstorable text for every document, an agenda item's day for agendas): each rule decoding it
 * again cost about as much as the first decode, a fifth of applying a keystroke's update. Keyed by
 * the update's bytes, a view of its own per message, never written to once received.
 */
import * as Y from 'yjs';

const decoded = new WeakMap<Uint8Array, ReturnType<typeof Y.decodeUpdate>>();

export function decodedUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  let found = decoded.get(update);
  if (!found) {
    found = Y.decodeUpdate(update);
    decoded.set(update, found);
  }
  return found;
}
