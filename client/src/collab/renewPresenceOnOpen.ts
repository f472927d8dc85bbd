/**
 * A provider whose socket closed comes back with the same client id and, in `startSync`, sends its
 * presence with the clock it had. The server removed that client id's state when it saw the old
 * socket close, keeping the clock, and told the other peers, who keep it too. y-protocols accepts a
 * state only with a higher clock (an equal one only for a removal), so the server and the peers
 * ignored the person's presence until the awareness renewed it, 15 to 18 s later: connected and
 * typing, they were missing from "Here now" and their caret was gone.
 *
 * The fix is here, not on the server: the server could accept the equal clock, but the peers hold
 * the same clock and would still refuse the state it relays; to pass it on it would have to
 * raise the clock itself, and the provider's next change, at that clock, would then be refused.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';

/**
 * Each time the socket opens, sets the provider's presence again, which raises its clock. 'open'
 * comes before the token and `startSync`: the renewed presence goes out first (the server holds it
 * until the token is accepted, collab/earlyAwareness.ts) and startSync's, at the same clock, is a
 * repeat. To be called before the provider is attached, whose attachment to an open socket opens it.
 */
export function renewPresenceOnOpen(provider: HocuspocusProvider): void {
  provider.on('open', () => {
    const awareness = provider.awareness;
    const state = awareness?.getLocalState();
    // At clock 0 the state was never accepted (the server and y-protocols skip it): nobody holds a
    // clock to outbid, and raising it would announce a presence the page never set.
    if (!awareness || !state || (awareness.meta.get(awareness.clientID)?.clock ?? 0) === 0) return;
    awareness.setLocalState(state);
  });
}
