/**
 * Hocuspocus extension: awareness carries only the truth. The server stamps each state's
 * `user` from the session, a connection may not speak for a client id another connection
 * owns, and a read-only connection shows presence (who is here) but no cursor, and nothing
 * at all on the server-written `live:` documents.
 */
import type { beforeHandleAwarenessPayload, Document, Connection, Extension } from '@hocuspocus/server';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { colorFor, type PresenceUser } from '../../../shared/presence.ts';
import type { CollabContext } from './context.ts';

/** One tab is one client id; a few more allow for a reconnecting provider. */
const MAX_CLIENTS_PER_CONNECTION = 4;

export class PresenceIdentity implements Extension {
  readonly extensionName = 'plenary-presence-identity';

  async beforeHandleAwareness({ states, connection, document, documentName }: beforeHandleAwarenessPayload<CollabContext>): Promise<void> {
    if (!connection) return; // from the server itself or from another instance through Redis
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
      if (!owned.has(clientId) && (owned.size >= MAX_CLIENTS_PER_CONNECTION || ownedByAnother(document, connection, clientId))) {
        states.delete(clientId);
        continue;
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
 * Whether another connection of the document speaks for `clientId`. A connection owns the ids
 * whose states the document's awareness accepted from it, and the awareness keeps a clock (meta)
 * for every id it ever accepted: an id it has no clock for is nobody's, and needs no search. That
 * is the usual case: Hocuspocus 4.7 reads each awareness message into a scratch Awareness whose
 * own empty state (a fresh random id) comes along in `states` every time.
 */
function ownedByAnother(document: Document, connection: Connection, clientId: number): boolean {
  if (!document.awareness.meta.has(clientId)) return false;
  for (const [other, { clients }] of document.connections) {
    if (other !== connection && clients.has(clientId)) return true;
  }
  return false;
}
