/**
 * Why the server ended a document's connection, as the page acts on it: each named close of
 * shared/closeEvents.ts is either a refused change of this browser's, a close that passes with time,
 * or one the person must act on; and a close the page cannot name is `unknown`.
 *
 * `unknown`: a document's Close message whose reason this page does not know, on a socket that stays
 * open. It comes from a server newer than the page (a tab left open across a deployment, a cached
 * bundle): the server refused something with a close the page was built without. Before, such a
 * close was taken for an ordinary one: the page said "Closed by the server" with no reason, and
 * Reconnect kept the browser's copy, which sent the refused change again at once; the document
 * stayed closed on that device, across reloads (the change lives in IndexedDB). As the page cannot
 * tell, it treats it as a refused change: Reconnect goes on from the server's copy.
 */
import { type CloseEventName, closeEventName } from '../../../shared/closeEvents.ts';

export type ClosedReason = CloseEventName | 'unknown';

/** Hocuspocus's reason for a document's connection it closes without one of its own (not a refusal). */
const HOCUSPOCUS_DEFAULT_REASON = 'Server closed the connection';

/**
 * Closes whose cause is a change of this browser's that the server refused: the local copy holds it,
 * and would send it again at once, so reopening starts from the server's copy instead.
 */
export const REFUSED_CHANGE: ReadonlySet<ClosedReason> = new Set<ClosedReason>([
  'agendaItemDay',
  'unstorableText',
  'documentTooLarge',
  'readOnly',
  'policyViolation',
  'messageTooBig',
  'unsupportedData',
  'unknown',
]);

/** Closes that pass with time (a busy server, a reset): the document is reopened by itself after a delay. */
export const REOPEN_BY_ITSELF: ReadonlySet<ClosedReason> = new Set<ClosedReason>([
  'tooBusy',
  'resetConnection',
  'connectionTimeout',
  'tryAgainLater',
]);

/** Closes the person acts on (signs in again, asks for access, waits for the store, closes a tab): neither of the above. */
export const LEFT_TO_THE_PERSON: ReadonlySet<ClosedReason> = new Set<ClosedReason>([
  'unauthorized',
  'forbidden',
  'documentUnavailable',
  'tooManySockets',
]);

/**
 * The reason of a close, or null for an ordinary one. `ofDocument`: the server ended this document's
 * connection on a socket that stays open (a Close message, whose code the provider reports as 1000).
 */
export function closedReason(event: { code?: number; reason?: string }, ofDocument: boolean): ClosedReason | null {
  const name = closeEventName(event);
  if (name) return name;
  if (ofDocument && event.reason && event.reason !== HOCUSPOCUS_DEFAULT_REASON) return 'unknown';
  return null;
}
