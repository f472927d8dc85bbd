/**
 * Error codes of the HTTP API. Every error response is
 * `{"error": {"code": ErrorCode, "message": string}}` with a fitting status.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CROSS_SITE: 403,
  /** /metrics from an address not in METRICS_ALLOW and without the token. */
  METRICS_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  NOT_OPEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A body in a format the route does not read (it reads JSON). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  /** As many version diffs of this meeting as allowed are running; try again in a moment. */
  DIFFS_BUSY: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The database cannot be reached or cannot write (full disk, I/O error); nothing was changed. */
  STORE_UNAVAILABLE: 503,
  /** A version diff ran past its time limit and was stopped. */
  DIFF_TIMEOUT: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}
