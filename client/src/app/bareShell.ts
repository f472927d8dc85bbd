/**
 * A page projected to the room shows only itself: while such a page is mounted, the shell leaves
 * out the site header (the signed-in person, their notifications, sign out, search). The skip
 * link and the main landmark stay; the page keeps its own way back.
 */
import { createContext, useContext, useEffect } from 'react';

export const BareShellContext = createContext<(bare: boolean) => void>(() => undefined);

/** Called by a projector view once it shows its content (a page that failed keeps the header, and so a way elsewhere). */
export function useBareShell(): void {
  const setBare = useContext(BareShellContext);
  useEffect(() => {
    setBare(true);
    return () => setBare(false);
  }, [setBare]);
}

/** The same, as an element: rendered with the content only, so a view still loading or not found keeps the header. */
export function BareShell(): null {
  useBareShell();
  return null;
}
