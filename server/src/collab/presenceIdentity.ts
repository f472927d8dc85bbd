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
      if (ownedByAnother(document, connection, clientId) || (!owned.has(clientId) && owned.size >= MAX_CLIENTS_PER_CONNECTION)) {
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

function ownedByAnother(document: Document, connection: Connection, clientId: number): boolean {
  for (const other of document.getConnections()) {
    if (other !== connection && document.getClients(other).has(clientId)) return true;
  }
  return false;
}
