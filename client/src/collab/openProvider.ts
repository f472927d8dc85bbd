/**
 * Opens one document on a shared socket. Kept free of React and of the page so that the
 * integration tests run exactly this against a real server.
 */
import { HocuspocusProvider, type HocuspocusProviderConfiguration, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import { renewPresenceOnOpen } from './renewPresenceOnOpen.ts';

export type ProviderEvents = Pick<
  HocuspocusProviderConfiguration,
  'onStatus' | 'onSynced' | 'onAuthenticated' | 'onAuthenticationFailed' | 'onUnsyncedChanges' | 'onClose'
>;

export function openProvider(options: {
  socket: HocuspocusProviderWebsocket;
  name: string;
  doc: Y.Doc;
  /** Asked at every (re)connection, so an expired token is never reused. */
  token: () => Promise<string>;
  events?: ProviderEvents;
}): HocuspocusProvider {
  const provider = new HocuspocusProvider({
    websocketProvider: options.socket,
    name: options.name,
    document: options.doc,
    // Each provider gets its own address on the shared socket (name + session id). Without it,
    // a provider destroyed and re-created for the same document (React's double effects, a
    // quick back-and-forth between pages) can have its Close handled after the new one's
    // authentication, which leaves the new one unauthenticated and its edits unsent.
    sessionAwareness: true,
    token: options.token,
    ...options.events,
  });
  renewPresenceOnOpen(provider);
  provider.attach();
  return provider;
}
