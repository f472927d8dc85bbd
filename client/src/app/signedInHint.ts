/**
 * Whether this browser may be signed in: the server sets a cookie the script can read beside the
 * session's (which it cannot), and clears it at sign-out and on a page load without a valid
 * session. Without it nobody is asked who is signed in: the answer would be a refused request.
 */
import { SIGNED_IN_HINT_COOKIE } from '../../../shared/constants/users.ts';

export const maybeSignedIn = (): boolean =>
  document.cookie.split(';').some((cookie) => cookie.trim().startsWith(`${SIGNED_IN_HINT_COOKIE}=`));
