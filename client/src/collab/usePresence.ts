/** Who is in a document now, from its awareness, one entry per person however many tabs they have. */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { useEffect, useState } from 'react';
import type { PresenceUser } from '../../../shared/presence.ts';

export interface Present extends PresenceUser {
  /** True when every connection of this person is read-only (no cursor). */
  readingOnly: boolean;
}

export function usePresence(provider: HocuspocusProvider | undefined): Present[] {
  const [people, setPeople] = useState<Present[]>([]);
  useEffect(() => {
    const awareness = provider?.awareness;
    if (!awareness) return;
    const update = () => {
      const byId = new Map<string, Present>();
      for (const state of awareness.getStates().values()) {
        const user = state.user as PresenceUser | undefined;
        if (!user?.id || !user.name) continue;
        const previous = byId.get(user.id);
        const readingOnly = state.readOnly === true;
        byId.set(user.id, { ...user, readingOnly: previous ? previous.readingOnly && readingOnly : readingOnly });
      }
      setPeople([...byId.values()].sort((a, b) => a.name.localeCompare(b.name)));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [provider]);
  return people;
}
