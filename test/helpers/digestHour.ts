/**
 * A daily digest goes in the hour after the person's chosen time (08:00 UTC unless they chose
 * another), so a test that sends emails and counts them would see extra digests when it runs
 * between 08:00 and 09:00 UTC. Tests give their people a digest time half a day from now instead,
 * so that only a test that asks for a digest gets one, whatever the hour.
 */
import { localDateTime } from '../../server/src/notifications/timeZones.ts';

/** A digest time (HH:MM, in UTC) twelve hours from now: outside the digest's hour for the length of any test run. */
export function digestTimeAwayFromNow(): string {
  return localDateTime(Date.now() + 12 * 3_600_000, 'UTC').time;
}
