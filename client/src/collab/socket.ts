/**
 * One WebSocket per tab, shared by every document the page opens (agenda, live projection,
 * proposals): the Hocuspocus protocol multiplexes documents over it.
 */
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';

let socket: HocuspocusProviderWebsocket | null = null;

export function collabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/collab`;
}

export function sharedSocket(): HocuspocusProviderWebsocket {
  // Retry forever, at most 5 s apart (minDelay must not exceed delay, or attempts stop silently).
  socket ??= new HocuspocusProviderWebsocket({ url: collabUrl(), maxAttempts: 0, delay: 1_000, minDelay: 500, maxDelay: 5_000 });
  return socket;
}

/** At sign-out: the socket belongs to the session that ends. */
export function closeSharedSocket(): void {
  socket?.destroy();
  socket = null;
}
