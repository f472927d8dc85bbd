/**
 * Every WebSocket close the server makes, by name: the code and reason it sends, shared by the
 * server (which closes) and the client (which tells the person why, in collab.closed.<name>).
 * Hocuspocus's own named events are reused where they exist.
 *
 * Two kinds reach the client: a close of the whole socket (the browser's CloseEvent has the
 * code and reason) and a close of one document on a shared socket (Hocuspocus sends only the
 * reason; the provider reports code 1000). `closeEventName` therefore matches the reason first.
 */
import { ConnectionTimeout, Forbidden, MessageTooBig, ResetConnection, Unauthorized } from '@hocuspocus/common';

export interface CloseEventSpec {
  readonly code: number;
  readonly reason: string;
}

export const CLOSE_EVENTS = {
  /** A text frame: the protocol is binary (RFC 6455 1003). */
  unsupportedData: { code: 1003, reason: 'binary frames only' },
  /** A hostile frame (too deep, too many entries...); the reason names the verdict (RFC 6455 1008). */
  policyViolation: { code: 1008, reason: 'policy-violation' },
  /** A frame above MAX_FRAME_BYTES (RFC 6455 1009, closed by the WebSocket library). */
  messageTooBig: MessageTooBig,
  /** The store is unavailable: the provider reconnects with backoff and resends (RFC 6455 1013). */
  tryAgainLater: { code: 1013, reason: 'store-unavailable' },
  /** Hocuspocus's reset, for an error without a code of its own. */
  resetConnection: ResetConnection,
  /** Not signed in, signed out, or the session ended (Hocuspocus's 4401). */
  unauthorized: Unauthorized,
  /** Signed in, but may not open this document (Hocuspocus's 4403). */
  forbidden: Forbidden,
  /** An update on a connection that may only read. */
  readOnly: { code: 4403, reason: 'read-only' },
  /** No message within the timeout (Hocuspocus's 4408). */
  connectionTimeout: ConnectionTimeout,
  /** The update, or the document it would make, is above the size limit. */
  documentTooLarge: { code: 4413, reason: 'document-too-large' },
  /** An update that gives an agenda item a day that is not one of the meeting's (or no whole number). */
  agendaItemDay: { code: 4422, reason: 'agenda-item-day' },
  /** An update holding text that cannot be stored (a NUL character, a lone UTF-16 surrogate: server/src/collab/unstorableText.ts). */
  unstorableText: { code: 4400, reason: 'unstorable-text' },
  /** The writer's updates took more than its share of the server's time. */
  tooBusy: { code: 4429, reason: 'too-busy' },
  /** Over the cap of open sockets per person or per address (server/src/collab/socketCaps.ts). */
  tooManySockets: { code: 4430, reason: 'too-many-sockets' },
  /** The document could not be loaded (a stored snapshot the server cannot read, or the store). */
  documentUnavailable: { code: 4503, reason: 'document-unavailable' },
} as const satisfies Record<string, CloseEventSpec>;

export type CloseEventName = keyof typeof CLOSE_EVENTS;

const NAMES = Object.keys(CLOSE_EVENTS) as CloseEventName[];

/**
 * The name of a close the server made, or null for an ordinary one (a page left, a network
 * gone: those are the reconnecting state's business).
 */
export function closeEventName(event: { code?: number; reason?: string }): CloseEventName | null {
  const byReason = NAMES.find((name) => CLOSE_EVENTS[name].reason === event.reason);
  if (byReason) return byReason;
  return NAMES.find((name) => CLOSE_EVENTS[name].code === event.code) ?? null;
}
