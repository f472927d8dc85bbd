/**
 * Wall-clock times of a place (an IANA time zone) and the instants they stand for, for schedules
 * that run across a night the clocks change. Without Temporal: Intl gives the zone's offset.
 */

const formats = new Map<string, Intl.DateTimeFormat | null>();

/** The zone's formatter, or null for a name Intl does not know (then times are read as UTC). */
function formatOf(zone: string): Intl.DateTimeFormat | null {
  let format = formats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      format = null;
    }
    // Schedules are recomputed at every keystroke in the agenda: a formatter per zone, not per call.
    formats.set(zone, format);
  }
  return format;
}

/** How far `zone` is ahead of UTC at the instant `at`, in milliseconds. */
function offsetAt(at: number, zone: string): number {
  const format = formatOf(zone);
  if (!format) return 0;
  const parts = format.formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - at;
}

/** Midnight UTC of "YYYY-MM-DD" plus `days`, or null for a malformed date. */
export function dateStart(isoDate: string, days = 0): number | null {
  const at = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isFinite(at) ? at + days * 86_400_000 : null;
}

/**
 * The instant of the wall-clock time `minutes` after the midnight that opens `date` (the UTC
 * midnight of the local date, from dateStart; 1440 and on is the next day) in `zone`. A time the
 * clocks skip (02:30 on a spring-forward night) is read with the offset before the change, so it
 * lands as far after the change (03:30); a time that comes twice (fall-back) is its first passage.
 */
export function zonedInstant(date: number, minutes: number, zone: string): number {
  const wall = date + minutes * 60_000;
  // No zone changes its offset twice in a day: the offsets a day either side bound the candidates.
  const before = offsetAt(wall - 86_400_000, zone);
  const after = offsetAt(wall + 86_400_000, zone);
  const candidates = [wall - before, wall - after].filter((at) => offsetAt(at, zone) === wall - at);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}

/** The wall-clock minutes of the instant `at` in `zone`, counted from the midnight that opens `date`. */
export function wallMinutes(at: number, date: number, zone: string): number {
  return Math.round((at + offsetAt(at, zone) - date) / 60_000);
}
