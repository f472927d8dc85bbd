/** Personal API tokens for scripts and other tools (docs/interop.md). */
import { Unauthorized } from '@hocuspocus/common';
import type { Hocuspocus } from '@hocuspocus/server';
import type { Feature } from '../feature.ts';
import { apiTokenRoutes } from './apiTokenRoutes.ts';
import { apiTokenStoreOf } from './bearerAuth.ts';
import { INTEROP_MIGRATIONS } from './migrations.ts';

/** Closes this instance's sockets of a revoked token's session. */
function closeConnectionsOf(collab: Hocuspocus, sessionId: string): void {
  for (const document of collab.documents.values()) {
    for (const connection of document.getConnections()) {
      if ((connection.context as { sessionId?: string }).sessionId === sessionId) {
        connection.webSocket.close(Unauthorized.code, Unauthorized.reason);
      }
    }
  }
}

export const apiTokensFeature: Feature = {
  name: 'api-tokens',
  migrations: INTEROP_MIGRATIONS,
  async register({ http, store, collab }) {
    // Other instances close that token's sockets at their next access sweep (the session is revoked).
    await http.register(apiTokenRoutes, {
      store,
      tokens: apiTokenStoreOf(store),
      onRevoked: (sessionId) => closeConnectionsOf(collab, sessionId),
    });
  },
};
