/**
 * Hocuspocus extension: awareness carries only the truth. The server stamps each state's
 * `user` from the session, a connection may not speak for a client id another person's
 * connection owns, here or on another instance (one of the same person's it takes over: a
 * provider reconnecting with its id before the old socket was seen to die), and a read-only
 * connection shows presence (who is here) but no cursor, and nothing at all on the
 * server-written `live:` documents.
 */
import type {
  beforeHandleAwarenessPayload,
  Connection,
  connectedPayload,
  Document,
  Extension,
  Hocuspocus,
} from '@hocuspocus/server';
import { isTransactionOrigin } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { colorFor, type PresenceUser } from '../../../shared/presence.ts';
import type { CollabContext, SocketContext } from './context.ts';
import { establishedConnection, markMessageReceived } from './hocuspocusInternals/clientConnection.ts';
import { MESSAGE_AWARENESS } from './messages.ts';
import type { PresenceClaim, PresenceClaims } from './presenceClaims.ts';

/** One tab is one client id; a few more allow for a reconnecting provider. */
const MAX_CLIENTS_PER_CONNECTION = 4;

/**
 * The clocks of the states `handleAwarenessFrame` hands to the hooks, by their map: the hooks get
 * states only, and a claim is ordered by its state's clock (presenceClaims.ts).
 */
const frameClocks = new WeakMap<Map<number, Record<string, unknown>>, Map<number, number>>();

export class PresenceIdentity implements Extension {
  readonly extensionName = 'plenary-presence-identity';
  private readonly claims: PresenceClaims;

  /**
   * `claims`: told each time a connection begins to speak for a client id, so that the other
   * instances can let go of it (`disownClaimed`), and asked whether a later claim supersedes it.
   */
  constructor(options: { claims: PresenceClaims }) {
    this.claims = options.claims;
  }

  /** The presence sent with the token, now that the document connection is established. */
  async connected({ documentName, context }: connectedPayload): Promise<void> {
    (context as SocketContext | undefined)?.earlyAwareness?.release(documentName);
  }

  async beforeHandleAwareness({
    states,
    connection,
    document,
    documentName,
    transactionOrigin,
  }: beforeHandleAwarenessPayload<CollabContext>): Promise<void> {
    if (!connection) {
      if (isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'redis') keepOwnersWord(document, states);
      return; // from the server itself, or from another instance that checked its own connections
    }
    const context = connection.context as CollabContext;
    const readOnly = connection.readOnly;
    if (readOnly && parseDocumentName(documentName)?.kind === 'live') {
      states.clear();
      return;
    }
    const user: PresenceUser = {
      id: context.user.id,
      name: context.user.name,
      color: colorFor(context.user.id),
      role: context.user.role,
    };
    const owned = document.getClients(connection);
    for (const [clientId, state] of states) {
      // A client id this connection already owns is owned by no other (the check below ran
      // when it was claimed), so only a new claim looks at the other connections.
      if (!owned.has(clientId)) {
        const full = owned.size >= MAX_CLIENTS_PER_CONNECTION;
        const owner = full ? undefined : ownerOf(document, connection, clientId);
        // With no connection here speaking for it, a state may still have come from another
        // instance through Redis: the user that instance stamped on it is its owner.
        const speaker = owner ? (owner.context as CollabContext).user.id : stampedUser(document, clientId);
        if (full || (speaker !== undefined && speaker !== context.user.id)) {
          states.delete(clientId);
          continue;
        }
        // Hocuspocus's own reading of awareness (the y-websocket route) gives no clock: the last one known here stands in.
        const clock = frameClocks.get(states)?.get(clientId) ?? document.awareness.meta.get(clientId)?.clock ?? 0;
        const claim: PresenceClaim = { documentName, clientId, userId: context.user.id, clock, at: Date.now() };
        if (this.claims.superseded(claim)) {
          // The provider has since come back on another connection, here or on another instance
          // (whose claim may have come before this state): a dead socket's late frame takes nothing.
          states.delete(clientId);
          continue;
        }
        if (owner) {
          // The same person's provider came back on a new socket with its client id before the
          // server saw the old one die (a lost network closes nothing; the server notices after
          // 30 to 60 s of silence). The new connection takes the id over: refused, the person's
          // presence froze and, once the awareness timed out, left "Here now" until the old
          // connection closed. The old connection's close now removes nothing of it.
          document.getClients(owner).delete(clientId);
        }
        // Hocuspocus records an owner only when a state is added, and a known id's state exists
        // already (held by the old connection here, or relayed from another instance): without
        // this, the new connection's close or its removal at `pagehide` removed nothing.
        if (document.awareness.meta.has(clientId)) owned.add(clientId);
        // The provider may have come back on this instance while another still holds its old
        // socket: that one must let go too, or its close removes the person there.
        this.claims.claimedHere(claim);
      }
      if (readOnly) {
        // Nothing a read-only client says passes: only the server's word that it is here.
        for (const key of Object.keys(state)) delete state[key];
      }
      state.user = { ...user };
      state.readOnly = readOnly;
    }
  }
}

/**
 * Handles an awareness frame of an established document connection without Hocuspocus's
 * MessageReceiver (see hocuspocusInternals/clientConnection.ts), which reads every awareness message into a scratch Y.Doc and Awareness: a new
 * Y.Doc draws a random UUID through WebCrypto (32 calls, about 0.2 ms on this kind of machine),
 * the largest cost of a caret move, and of every idle client's 15-second renewal. The steps are
 * otherwise Hocuspocus's: the states that the scratch awareness would have kept (clock above 0,
 * not null) go through the beforeHandleAwareness hooks (this extension), and what passes is
 * applied, with one addition: a null state (the provider's removal at `pagehide` or when it is
 * destroyed) removes a client id the connection owns, which Hocuspocus's scratch awareness lost. It is
 * applied to the document's awareness with the connection as origin, which tracks the client ids
 * and broadcasts as before. While the connection still handles earlier messages (a writer's update
 * just before its caret move), the awareness waits until they are done, so that no caret arrives
 * before the text it points into. Returns false, leaving the frame to Hocuspocus, unless the
 * document connection is established (authentication stays Hocuspocus's) and the frame reads
 * cleanly.
 */
export function handleAwarenessFrame(client: object, frame: Uint8Array): boolean {
  let connection: Connection | undefined;
  const clocks = new Map<number, number>();
  const states = new Map<number, Record<string, unknown>>();
  /** Client ids the frame says are gone (a null state): the provider's own removal at `pagehide` or when it is destroyed. */
  const removals = new Set<number>();
  try {
    const decoder = decoding.createDecoder(frame);
    const address = decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return false;
    connection = establishedConnection(client, address);
    if (!connection || typeof connection.waitForPendingMessages !== 'function') return false;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(update);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(update);
      const clock = decoding.readVarUint(update);
      const state = JSON.parse(decoding.readVarString(update)) as Record<string, unknown> | null;
      if (clock === 0 || clock <= (clocks.get(clientId) ?? 0)) continue;
      clocks.set(clientId, clock);
      if (state === null || typeof state !== 'object') {
        states.delete(clientId);
        if (state === null) removals.add(clientId);
      } else {
        states.set(clientId, state);
        removals.delete(clientId);
      }
    }
  } catch {
    return false;
  }
  markMessageReceived(client);
  const established = connection;
  const { document } = established;
  const origin = { source: 'connection' as const, connection: established };
  const apply = () => {
    // The connection may have closed meanwhile (its last queued message was a Close).
    if (!document.hasConnection(established)) return;
    frameClocks.set(states, clocks);
    return document.callbacks.beforeHandleAwareness(document, states, origin).then(() => {
      if (document.isDestroyed || !document.hasConnection(established)) return;
      const passed: [number, Record<string, unknown> | null][] = [...states].filter(([clientId]) => clocks.has(clientId));
      // A connection may take back only what it put there. Hocuspocus reads a removal into its
      // scratch awareness, which keeps no null state, so without this a person who closed the page
      // or left the document stayed in "Here now" until the socket closed or the awareness timed
      // out (30 s): a page kept in the back/forward cache, a connection that dies without a word.
      if (removals.size > 0) {
        // Asked only for a removal: nearly every frame is a caret move or a renewal, which needs no owner.
        const owned = document.getClients(established);
        for (const clientId of removals) {
          if (owned.has(clientId) && document.awareness.states.has(clientId)) passed.push([clientId, null]);
        }
      }
      if (passed.length === 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, passed.length);
      for (const [clientId, state] of passed) {
        encoding.writeVarUint(encoder, clientId);
        encoding.writeVarUint(encoder, clocks.get(clientId)!);
        encoding.writeVarString(encoder, JSON.stringify(state));
      }
      applyAwarenessUpdate(document.awareness, encoding.toUint8Array(encoder), origin);
    });
  };
  // Resolved at once when nothing is pending.
  established
    .waitForPendingMessages()
    .then(apply)
    .catch((error: { code?: number; reason?: string } | undefined) => {
      established.close({
        code: typeof error?.code === 'number' ? error.code : CLOSE_EVENTS.resetConnection.code,
        reason: error?.reason ?? CLOSE_EVENTS.resetConnection.reason,
      });
    });
  return true;
}

/**
 * Another instance's connection began to speak for this client id (its person's provider came back
 * there): a connection of the same person here lets go of it, so that its close, once the server
 * sees its socket died, removes the person nowhere. The state stays, kept up by the other instance.
 * A claim older than one already seen changes nothing (the latest connection keeps the id), and one
 * that finds no state here yet is remembered, so that the old connection's state, should it come
 * after, takes nothing (`PresenceClaims`).
 */
export function disownClaimed(hocuspocus: Hocuspocus, claims: PresenceClaims, heard: PresenceClaim): void {
  // An instance of an earlier version sends no clock nor time: its claim loses to any other.
  const claim = { ...heard, clock: Number(heard.clock) || 0, at: Number(heard.at) || 0 };
  if (!claims.heard(claim)) return;
  const document = hocuspocus.documents.get(claim.documentName);
  if (!document?.awareness.meta.has(claim.clientId)) return;
  for (const [connection, { clients }] of document.connections) {
    if (clients.has(claim.clientId) && (connection.context as CollabContext).user.id === claim.userId) {
      clients.delete(claim.clientId);
    }
  }
}

/**
 * Another instance's word for a client id a connection here speaks for passes only when it names
 * the same person: that instance checks its own connections, but one that loaded the document a
 * moment ago may not yet have heard whose the id is. Only a state that changes its person is
 * looked into: the usual message (a caret moved on the other instance) needs no search.
 */
function keepOwnersWord(document: Document, states: Map<number, Record<string, unknown>>): void {
  for (const [clientId, state] of states) {
    const stamped = (state.user as Partial<PresenceUser> | undefined)?.id;
    if (stamped === stampedUser(document, clientId)) continue;
    const owner = ownerOf(document, undefined, clientId);
    if (owner && (owner.context as CollabContext).user.id !== stamped) states.delete(clientId);
  }
}

/** The user the server (this instance or another) stamped on the state of `clientId`, if any. */
function stampedUser(document: Document, clientId: number): string | undefined {
  const user = document.awareness.states.get(clientId)?.user as Partial<PresenceUser> | undefined;
  return typeof user?.id === 'string' ? user.id : undefined;
}

/**
 * The connection of the document (other than `connection`) that speaks for `clientId`, if any. A connection owns the
 * ids whose states the document's awareness accepted from it, and the awareness keeps a clock (meta) for every id it
 * ever accepted: an id it has no clock for is nobody's, and needs no search. That is the usual
 * case: Hocuspocus 4.7 reads each awareness message into a scratch Awareness whose own empty
 * state (a fresh random id) comes along in `states` every time.
 */
function ownerOf(document: Document, connection: Connection | undefined, clientId: number): Connection | undefined {
  if (!document.awareness.meta.has(clientId)) return undefined;
  for (const [other, { clients }] of document.connections) {
    if (other !== connection && clients.has(clientId)) return other;
  }
  return undefined;
}
