/**
 * Error codes of the HTTP API. Every error response is
 * `{"error": {"code": ErrorCode, "message": string}}` with a fitting status.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  /** API tokens and single sign-on (see docs/interop.md). */
  TOKEN_INVALID: 401,
  TOKEN_SCOPE: 403,
  /** A person already has as many live API tokens as allowed (apiTokens/apiTokenPolicy.ts): revoke one first. */
  TOKEN_LIMIT: 409,
  SSO_EMAIL_UNVERIFIED: 403,
  SSO_NO_ACCOUNT: 403,
  SSO_FAILED: 400,
  FORBIDDEN: 403,
  CROSS_SITE: 403,
  /** /metrics from an address not in METRICS_ALLOW and without the token. */
  METRICS_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  NOT_OPEN: 409,
  WORKING_GROUP_ARCHIVED: 409,
  /**
   * A working group's election is open: its ballot and the group's co-facilitators stay as they
   * are until it closes (no nomination, withdrawal or appointment; a candidate does not leave).
   */
  ELECTION_OPEN: 409,
  /** A draft election opened with no more open nominations than seats: there would be no contest. */
  TOO_FEW_CANDIDATES: 409,
  /** People: an invitation link that was used, expired or replaced. */
  INVITATION_GONE: 410,
  /** A password reset link that was used, expired or replaced by a newer one. */
  RESET_LINK_GONE: 410,
  EMAIL_TAKEN: 409,
  WRONG_PASSWORD: 400,
  WEAK_PASSWORD: 400,
  IMPORT_INVALID: 400,
  OWN_ACCOUNT: 400,
  /** The meeting is archived: nothing of it changes any more. */
  MEETING_ARCHIVED: 409,
  /** A proposal outside an open call for proposals of its kind. */
  CALL_CLOSED: 409,
  /** A meeting with content besides its agenda cannot be deleted (archive it instead). */
  MEETING_NOT_EMPTY: 409,
  /** New dates that would leave agenda items on days the meeting no longer has (`details.items`); move them first. */
  MEETING_DAYS_IN_USE: 409,
  /**
   * A check-in for a real date that is neither one of the meeting's days nor today where it is
   * (`details`: field, startsOn, endsOn, today). A date that does not exist is a BAD_REQUEST.
   */
  NOT_A_MEETING_DAY: 409,
  QUORUM_NOT_MET: 409,
  /** A poll whose options repeat one another (shared/pollOptions.ts); `details.field` is the repeat, `options.<index>`. */
  DUPLICATE_OPTION: 400,
  HAND_ALREADY_RAISED: 409,
  NOBODY_WAITING: 409,
  NOBODY_SPEAKING: 409,
  QUEUE_CHANGED: 409,
  /**
   * A move of the current item naming, as `from`, an item that is no longer current: someone else
   * moved on meanwhile (`details.currentItemId`: the item current now). Nothing was changed.
   */
  CURRENT_ITEM_CHANGED: 409,
  QUESTION_NOT_OPEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A body in a format the route does not read (it reads JSON). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_REFUSED: 415,
  /** A file of zero bytes: nothing to attach (not a refused type, which it was said to be with 415). */
  FILE_EMPTY: 400,
  NO_FILE: 400,
  RATE_LIMITED: 429,
  /** As many version diffs of this meeting as allowed are running; try again in a moment. */
  DIFFS_BUSY: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  WEBHOOK_URL_REFUSED: 400,
  UNKNOWN_TIME_ZONE: 400,
  UNKNOWN_NOTIFICATION_KIND: 400,
  UNSUBSCRIBE_LINK_INVALID: 404,
  /** The database cannot be reached or cannot write (full disk, I/O error); nothing was changed. */
  STORE_UNAVAILABLE: 503,
  /** A version diff ran past its time limit and was stopped. */
  DIFF_TIMEOUT: 503,
  /** Registration for a public meeting (docs/public-consultation.md). */
  REGISTRATION_CLOSED: 409,
  REGISTRATION_REFUSED: 400,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}
