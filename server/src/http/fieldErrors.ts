/**
 * Refusals that name the field they are about (400 BAD_REQUEST, `details.field`), so that a form
 * marks that field (client/src/ui/useFieldErrors.ts) rather than saying "not valid" at the top.
 */

import { nameLength, normalizeName } from '../../../shared/normalizeName.ts';
import { type AppError, badRequest } from './appError.ts';

export function fieldError(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return badRequest(`${field}: ${message}`, { ...details, field });
}

/**
 * A name or title longer than `max` once normal: `reason` and `max` let the form say so in the
 * reader's words ("… is too long: at most 200 characters") rather than its words for a missing name.
 */
export function tooLong(max: number): Record<string, unknown> {
  return { reason: 'tooLong', max };
}

/**
 * `text` as stored (`normalizeName`: NFKC, ordinary spaces, trimmed), refused as `tooLong(max)` on
 * `field` when longer than `max` once so: NFKC can lengthen a name ("㍿" is four characters) and
 * the schema counted what was sent (`sentNameLimit`). `what` names it in the message ("The name").
 * Whether an empty name is allowed is the caller's rule.
 */
export function normalizedWithin(field: string, text: string, max: number, what: string): string {
  const normal = normalizeName(text);
  if (nameLength(normal) > max) {
    throw fieldError(field, `${what} is longer than ${max} characters once written in ordinary letters.`, tooLong(max));
  }
  return normal;
}
