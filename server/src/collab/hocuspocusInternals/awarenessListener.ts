/**
 * Contact: takes Hocuspocus 4.7's own awareness 'update' listener (the one that calls the
 * onAwarenessUpdate hooks) off a document's awareness, finding it in lib0's private
 * `_observers` as the listener that is not the document's bound `handleAwarenessUpdate`.
 *
 * Why (bench/IMPROVEMENTS.md, row 7, commit 23113c3): that listener hands every awareness change
 * to the onAwarenessUpdate hooks with the states of the whole document as a fresh array,
 * O(people in the document) for each caret move, even when no extension has that hook (one
 * instance, no Redis): 10.5 % of S2 (1,000 clients); gone from the profile after. Hocuspocus offers no way to leave it out.
 */
import type { Document } from '@hocuspocus/server';

type Listener = (...args: unknown[]) => void;

function updateListeners(document: Document): Set<Listener> | undefined {
  return (document.awareness as unknown as { _observers?: Map<string, Set<Listener>> })._observers?.get('update');
}

/** Removes the awareness listeners other than the document's own (bound) one. */
export function dropAwarenessHookListener(document: Document): void {
  for (const observer of [...(updateListeners(document) ?? [])]) {
    if (!observer.name.startsWith('bound ')) document.awareness.off('update', observer);
  }
}

/** `plain`: a Document as its constructor leaves it (only its own listener). */
export function awarenessListenerProblems(plain: Document): string[] {
  const listeners = updateListeners(plain);
  if (!listeners) return ["the awareness keeps no '_observers' map of 'update' listeners"];
  if (![...listeners].some((listener) => listener.name === 'bound handleAwarenessUpdate')) {
    return ["Document's own awareness listener is no longer a bound handleAwarenessUpdate"];
  }
  return [];
}
