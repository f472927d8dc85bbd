/**
 * Constants and plain types of shared/schemas/users.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */

/** invited: no password yet; active: may sign in; deactivated: may not (their record stays). */
export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Passwords people choose: long enough to resist guessing, short enough to hash cheaply. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * A cookie beside the session's, readable by the page's script and no credential: set and cleared
 * with the session cookie, and put right by the server whenever it serves a page. Without it, a
 * page loaded signed out asks nobody who is signed in (that request was refused, a 401 in the console).
 */
export const SIGNED_IN_HINT_COOKIE = 'plenary_signed_in';
