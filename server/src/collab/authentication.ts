/**
 * Hocuspocus extension: who is connecting and what they may do with the document they ask
 * for. A token from POST /api/collab-token, or else the session cookie of the upgrade
 * request. Refusals use Hocuspocus's named close events (4401 Unauthorized, 4403 Forbidden);
 * they end that document's connection and leave the socket open for the others.
 */
import { fastifyCookie } from '@fastify/cookie';
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import { SESSION_COOKIE } from '../auth/authPlugin.ts';
import type { CollabTokens } from '../auth/collabToken.ts';
import { liveSession, sessionOfSecret } from '../auth/liveSession.ts';
import { StoreUnavailable } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { type CollabContext, type SocketContext, TRY_AGAIN_LATER } from './context.ts';
import type { DocumentAccess } from './documentAccess.ts';

export interface AuthenticationOptions {
  store: Store;
  tokens: CollabTokens;
  access: DocumentAccess;
}

export class Authentication implements Extension {
  readonly extensionName = 'plenary-authentication';

  private readonly options: AuthenticationOptions;

  constructor(options: AuthenticationOptions) {
    this.options = options;
  }

  async onAuthenticate(payload: onAuthenticatePayload<SocketContext>): Promise<CollabContext> {
    try {
      return await this.authenticate(payload);
    } catch (error) {
      // Presence sent with the token goes with the refused document (earlyAwareness.ts).
      payload.context.earlyAwareness?.drop(payload.documentName);
      if (!(error instanceof StoreUnavailable)) throw error;
      payload.context.socket.close(TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason);
      throw TRY_AGAIN_LATER;
    }
  }

  private async authenticate({
    token,
    documentName,
    requestHeaders,
    connectionConfig,
    context,
  }: onAuthenticatePayload<SocketContext>): Promise<CollabContext> {
    const { store, tokens, access } = this.options;
    // The session and its user in one statement: every connection of every tab comes this way.
    let found: Awaited<ReturnType<typeof liveSession>>;
    if (token) {
      const claims = tokens.verify(token);
      if (!claims || (claims.d !== undefined && claims.d !== documentName)) throw CLOSE_EVENTS.unauthorized;
      found = await liveSession(store, claims.s);
      if (found && found.session.userId !== claims.u) throw CLOSE_EVENTS.unauthorized;
    } else {
      const secret = fastifyCookie.parse(requestHeaders.get('cookie') ?? '')[SESSION_COOKIE];
      found = secret ? await sessionOfSecret(store, secret) : null;
    }
    if (!found) throw CLOSE_EVENTS.unauthorized;
    const { session, user } = found;
    if (context.admitPerson && !context.admitPerson(user.id)) throw CLOSE_EVENTS.forbidden;
    const resolved = await access.resolve(user, documentName);
    if (!resolved) throw CLOSE_EVENTS.forbidden;
    const granted = context.readOnly ? 'read' : resolved;
    connectionConfig.readOnly = granted === 'read';
    return { ...context, user, sessionId: session.id, access: granted };
  }
}
