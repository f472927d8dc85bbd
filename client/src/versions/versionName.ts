/**
 * A version's name in the reader's language. An automatic name is stored as what it is made of
 * (`origin`: the time it was saved, or the version a restore was about) and worded here; the English
 * `name` beside it is what the server stored for plain readers, and the name of a version someone
 * named is theirs, shown as typed. Older automatic versions are recognised by the server from their
 * English names; a name it does not recognise is shown as stored.
 */
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import { restoredKind, versionOrigin } from '../../../shared/versionOrigin.ts';

/**
 * A restored version not listed, as the name its restore kept says it was made (of the kind the origin
 * stored, or for an older origin the one its name looks like), or undefined when that name is not one
 * the board makes: one someone typed is never read as automatic, however it looks.
 */
function kept(name: string, kind: VersionDto['kind']): VersionDto | undefined {
  const origin = versionOrigin(kind, name, null);
  return origin && { id: '', meetingId: '', name, kind, origin, seq: 0, createdBy: null, createdAt: 0 };
}

export function versionName(
  version: VersionDto,
  t: TFunction,
  language: string,
  versions: readonly VersionDto[] = [],
  depth = 0,
): string {
  const origin = version.origin;
  if (!origin) return version.name;
  if (origin.made === 'periodic') return t('versions.names.periodic', { when: formatDateTime(language, origin.at) });
  // The restored version by id when it is listed, so that an automatic one is worded too
  // ("Before restoring “Automatic, …”"); a chain of restores is cut short, keeping the stored name.
  // Not listed, or an older origin naming none: the name kept is the one it was stored under, English
  // for one the board made, which says what it is made of.
  const restored =
    (origin.versionId ? versions.find((other) => other.id === origin.versionId) : undefined) ??
    kept(origin.name, restoredKind(origin));
  const name = restored && depth < 3 ? versionName(restored, t, language, versions, depth + 1) : origin.name;
  return t(`versions.names.${origin.made}`, { name });
}
