/**
 * What an automatic agenda version's name is made of: stored since migration 302 (`origin`), or
 * recognised from the English an older version was named in. Shared: the server reads its rows with
 * it, and the page recognises with it the name a restore kept of the version it restored when that
 * version is not listed ("Before restoring “Automatic, …”", client/src/versions/versionName.ts).
 */
import type { VersionDto, VersionOrigin } from './schemas/meetingRecord.ts';

type VersionKind = VersionDto['kind'];

const AUTOMATIC = /^Automatic, (\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC$/;
const BEFORE_RESTORING = /^Before restoring “(.*)”$/s;
const RESTORED = /^Restored “(.*)”$/s;

/**
 * The kind of the version a restore was about, read from its origin: stored since the origin carries
 * it (`kind`); for an older origin, guessed from the look of the name it kept (the only way then).
 * A `named` one's name is shown as typed, never read as the board's wording.
 */
export function restoredKind(origin: { name: string; kind?: VersionKind }): VersionKind {
  return origin.kind ?? (/^Restored “.*”$/s.test(origin.name) ? 'restore' : 'auto');
}

/**
 * What an automatic version's name is made of: stored since migration 302, recognised from the
 * English an older version was named in ("Automatic, 2025-02-25 10:00 UTC", "Before restoring
 * “Draft 2”", "Restored “Draft 2”"); undefined for a name that is neither (shown as stored).
 */
export function versionOrigin(kind: VersionKind, name: string, stored: string | null): VersionOrigin | undefined {
  if (stored) return JSON.parse(stored) as VersionOrigin;
  if (kind === 'restore') {
    const restored = RESTORED.exec(name);
    return restored ? { made: 'restore', versionId: null, name: restored[1]! } : undefined;
  }
  if (kind !== 'auto') return undefined;
  const automatic = AUTOMATIC.exec(name);
  if (automatic) return { made: 'periodic', at: Date.parse(`${automatic[1]}T${automatic[2]}:00Z`) };
  const before = BEFORE_RESTORING.exec(name);
  if (before) return { made: 'beforeRestore', versionId: null, name: before[1]! };
  return undefined;
}
