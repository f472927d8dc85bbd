/**
 * The user behind a session. Its own module because both the cookie path (authPlugin) and the
 * bearer path (apiTokens/bearerAuth) use it, and authPlugin imports the bearer path.
 */
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { hashSecret, type Session } from './sessionStore.ts';

/** The user behind a session, if both are live. Used by HTTP and by the WebSocket. */
export async function userOfSession(store: Store, session: Session | undefined): Promise<User | null> {
  if (!session) return null;
  const user = await store.users.byId(session.userId);
  return user && !user.disabled ? user : null;
}

/** The live session with this id and its user, if both are live (one statement). */
export async function liveSession(store: Store, id: string): Promise<{ session: Session; user: User } | null> {
  const found = await store.sessions.withUser(id);
  return found && !found.user.disabled ? found : null;
}

/** The live session behind a cookie secret and its user, if both are live (one statement). */
export function sessionOfSecret(store: Store, secret: string): Promise<{ session: Session; user: User } | null> {
  return liveSession(store, hashSecret(secret));
}
