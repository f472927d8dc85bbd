/** What the presence tests read from a watcher's awareness ("Here now"). */
import type { Awareness } from 'y-protocols/awareness';
import type { Peer } from './clients.ts';

/** Every time `clientId` left this awareness, as the times it happened (a watcher's "Here now"). */
export function departures(awareness: Awareness, clientId: number): number[] {
  const seen: number[] = [];
  awareness.on('change', ({ removed }: { removed: number[] }) => {
    if (removed.includes(clientId)) seen.push(Date.now());
  });
  return seen;
}

/** The presence state a watcher holds for `clientId`, as the board's page sets it. */
export const presenceStateOf = (watcher: Peer, clientId: number) =>
  watcher.provider.awareness!.getStates().get(clientId) as
    | { user?: { id: string; name: string }; cursor?: { anchor: string } | null }
    | undefined;

/** Where the watcher sees `clientId`'s caret (its anchor), if anywhere. */
export const presenceCursorOf = (watcher: Peer, clientId: number) => presenceStateOf(watcher, clientId)?.cursor?.anchor;
