/** The signed-in user, for every page: loaded once from /api/me, changed by sign-in and sign-out. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import { ApiError, get, post } from './api.ts';
import { forgetEarly } from './earlyRequests.ts';

interface SessionValue {
  /** undefined while loading, null when signed out. */
  user: PublicUser | null | undefined;
  signIn(email: string, password: string): Promise<PublicUser>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<PublicUser | null | undefined>(undefined);

  useEffect(() => {
    get<PublicUser>('/api/me').then(setUser, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setUser(null);
      else setUser(null);
    });
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const { user: signedIn } = await post<{ user: PublicUser }>('/api/auth/login', { email, password });
    forgetEarly();
    setUser(signedIn);
    return signedIn;
  }, []);

  const signOut = useCallback(async () => {
    await post('/api/auth/logout');
    forgetEarly();
    if (user) {
      // y-indexeddb loads only at sign-out, not with the sign-in page.
      const { forgetLocalDocuments } = await import('../collab/localCopies.ts');
      await forgetLocalDocuments(user.id);
    }
    setUser(null);
  }, [user]);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
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
