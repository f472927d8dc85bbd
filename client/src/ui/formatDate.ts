/**
 * Dates as the reader's language writes them, in one place: moments (epoch milliseconds, in the
 * reader's time zone) and calendar days (ISO "2026-03-01", the same day everywhere).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, options);
    formatters.set(key, found);
  }
  return found;
}

/** A moment: date and time, short ("3 Dec 2026, 14:05"). */
export function formatMoment(at: number, language: string): string {
  return formatter(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** A calendar day ("2026-03-01"): "1 Mar 2026" (medium) or "1 March 2026" (long). */
export function formatDay(iso: string, language: string, style: 'medium' | 'long' = 'medium'): string {
  return formatter(language, { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}
