/** The signed-in user, for every page: loaded once from /api/me, changed by sign-in, sign-out and a saved profile. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import { get, onSessionEnded, post } from './api.ts';
import { forgetEarly } from './earlyRequests.ts';
import { maybeSignedIn } from './signedInHint.ts';

interface SessionValue {
  /** undefined while loading, null when signed out. */
  user: PublicUser | null | undefined;
  /** True when the session ended while the board was open (the sign-in page says so). */
  ended: boolean;
  signIn(email: string, password: string): Promise<PublicUser>;
  /** `beforeLeaving` runs once the signed-in pages are gone, before the session ends (closing the socket). */
  signOut(beforeLeaving?: () => Promise<void>): Promise<void>;
  /** The person's own details as the server saved them (the profile page): the header shows the new name at once. */
  userSaved(saved: PublicUser): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<PublicUser | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const signedIn = useRef(false);
  signedIn.current = Boolean(user);

  // A page left open after "Sign out everywhere", a password change, a deactivation or an expiry:
  // the next request is refused, and the board goes to the sign-in page saying why, rather than looking signed in
  // while its documents say "You may not open this document". Local copies of documents are kept.
  useEffect(
    () =>
      onSessionEnded(() => {
        if (!signedIn.current) return;
        setEnded(true);
        setUser(null);
      }),
    [],
  );

  useEffect(() => {
    if (!maybeSignedIn()) {
      setUser(null);
      return;
    }
    // Signed out (401), or the server could not say: either way the sign-in page, whose form says
    // what is wrong when it is sent.
    get<PublicUser>('/api/me').then(setUser, () => setUser(null));
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const { user: who } = await post<{ user: PublicUser }>('/api/auth/login', { email, password });
    forgetEarly();
    setEnded(false);
    setUser(who);
    return who;
  }, []);

  const signOut = useCallback(
    async (beforeLeaving?: () => Promise<void>) => {
      const leaving = user;
      // The pages behind sign-in go first, then the socket, then the session: a page still
      // mounted asked for its run state and comments again once the socket closed, and the server
      // refused them (401s in the console) as the session had gone meanwhile.
      setEnded(false);
      setUser(null);
      try {
        await beforeLeaving?.();
        await post('/api/auth/logout');
      } catch (failure) {
        setUser(leaving);
        throw failure;
      }
      forgetEarly();
      if (leaving) {
        // y-indexeddb loads only at sign-out, not with the sign-in page.
        const { forgetLocalDocuments } = await import('../collab/localCopies.ts');
        await forgetLocalDocuments(leaving.id);
      }
    },
    [user],
  );

  // Only the signed-in person's own record: an answer arriving after a sign-out or a switch of account changes nothing.
  const userSaved = useCallback((saved: PublicUser) => {
    setUser((current) => (current && current.id === saved.id ? { ...current, ...saved } : current));
  }, []);

  const value = useMemo(() => ({ user, ended, signIn, signOut, userSaved }), [user, ended, signIn, signOut, userSaved]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages rendered behind sign-in. */
export function useUser(): PublicUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
