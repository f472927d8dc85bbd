/**
 * A live session and its user, read in one statement. Its own module because the cookie path
 * (authPlugin), the bearer path (apiTokens/bearerAuth) and the collaborative documents' sockets
 * all use it, and authPlugin imports the bearer path.
 */
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { hashSecret, type Session } from './sessionStore.ts';

/** The live session with this id and its user, if both are live (one statement). */
export async function liveSession(store: Store, id: string): Promise<{ session: Session; user: User } | null> {
  const found = await store.sessions.withUser(id);
  return found && !found.user.disabled ? found : null;
}

/** The live session behind a cookie secret and its user, if both are live (one statement). */
export function sessionOfSecret(store: Store, secret: string): Promise<{ session: Session; user: User } | null> {
  return liveSession(store, hashSecret(secret));
}
