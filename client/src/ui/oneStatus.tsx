/**
 * One status line for a whole tab: what the last action there did, said where it was done (a
 * poll's card, the form above the list), and nothing left of the actions before it. Without it,
 * each place kept its own line: "Poll created as a draft … Open it when the room is ready." stayed
 * above the list after the card beside it said "The poll is open.".
 *
 *   <OneStatus><Tab /></OneStatus>   // every useCommand (and useOneStatus) inside shares one line
 *
 * Each caller shows the message only while it is the latest: the one who said it owns it. Outside
 * a OneStatus, a caller keeps its own line, as before.
 */
import { createContext, type ReactNode, useCallback, useContext, useId, useMemo, useState } from 'react';

export interface CommandMessage {
  text: string;
  error: boolean;
}

interface Owned {
  owner: string;
  message: CommandMessage;
}

interface Shared {
  latest: Owned | null;
  set: (update: (latest: Owned | null) => Owned | null) => void;
}

const OneStatusContext = createContext<Shared | null>(null);

export function OneStatus({ children }: { children: ReactNode }) {
  const [latest, setLatest] = useState<Owned | null>(null);
  const value = useMemo(() => ({ latest, set: setLatest }), [latest]);
  return <OneStatusContext.Provider value={value}>{children}</OneStatusContext.Provider>;
}

/**
 * The message this caller said, while nobody in the same OneStatus has said another since, and
 * the way to say one (null takes back only one's own: a later message of another place stays).
 */
export function useOneStatus(): [CommandMessage | null, (message: CommandMessage | null) => void] {
  const shared = useContext(OneStatusContext);
  const owner = useId();
  const [own, setOwn] = useState<CommandMessage | null>(null);
  const set = shared?.set;
  const say = useCallback(
    (message: CommandMessage | null) => {
      if (!set) setOwn(message);
      else set((latest) => (message ? { owner, message } : latest?.owner === owner ? null : latest));
    },
    [set, owner],
  );
  if (!shared) return [own, say];
  return [shared.latest?.owner === owner ? shared.latest.message : null, say];
}
