/** Checks of meeting input that JSON Schema cannot make: real dates in order, a known time zone. */
import { isIsoDate } from '../../../shared/dueDates.ts';
import { badRequest } from '../http/appError.ts';

let zones: Set<string> | undefined;

/** Whether `name` is an IANA time zone this server knows (Intl's list, plus UTC and its aliases). */
export function isTimeZone(name: string): boolean {
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zones.has(name)) return true;
  try {
    // Accepts canonical aliases Intl does not list (Etc/UTC, Europe/Kiev…); throws for anything else.
    new Intl.DateTimeFormat('en', { timeZone: name });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name);
  } catch {
    return false;
  }
}

export function checkMeetingDates(startsOn: string, endsOn: string): void {
  if (!isIsoDate(startsOn)) throw badRequest('startsOn is not a date (YYYY-MM-DD).', { field: 'startsOn' });
  if (!isIsoDate(endsOn)) throw badRequest('endsOn is not a date (YYYY-MM-DD).', { field: 'endsOn' });
  if (endsOn < startsOn)
    throw badRequest('endsOn is before startsOn: a meeting ends on or after the day it starts.', { field: 'endsOn' });
}

export function checkTimeZone(name: string): void {
  if (!isTimeZone(name))
    throw badRequest(`timeZone "${name}" is not a known IANA time zone (for example Europe/Oslo).`, { field: 'timeZone' });
}

/**
 * An ISO 8601 instant with a date, a time and an offset (or Z), as epoch milliseconds; NaN for
 * anything else, a date that does not exist among them.
 */
export function instantOf(value: string): number {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  // Date.parse rolls 30 February over into March: the date itself must exist.
  return ok && isIsoDate(value.slice(0, 10)) ? Date.parse(value) : Number.NaN;
}

/** An ISO 8601 instant (`instantOf`), as epoch milliseconds; 400 naming `field` otherwise. */
export function parseInstant(value: string, field: string): number {
  const at = instantOf(value);
  if (Number.isNaN(at))
    throw badRequest(`${field} is not a date and time (ISO 8601 with Z or an offset, e.g. 2025-02-01T09:00:00Z).`, { field });
  return at;
}
