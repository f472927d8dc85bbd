/**
 * An agenda version's name on the page, in the reader's language: a version saved before restoring
 * an automatic one names that one in the reader's words too, also when the version restored is not
 * listed or an older origin (recognised from the English it was stored in) names none.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { versionName } from '../../client/src/versions/versionName.ts';
import type { VersionDto } from '../../shared/schemas/meetingRecord.ts';
import { clientCatalogue } from '../helpers/catalogues.ts';

const version = (fields: Partial<VersionDto>): VersionDto => ({
  id: 'v',
  meetingId: 'm',
  name: '',
  kind: 'auto',
  seq: 1,
  createdBy: null,
  createdAt: 0,
  ...fields,
});

describe('an agenda version’s name', () => {
  it('words the automatic version a restore was about in French, listed or not', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'fr', fallbackLng: false, resources: { fr: { translation: clientCatalogue('fr') } } });
    const inner = 'Automatic, 2025-02-25 10:00 UTC';
    // As the server lists an older one: its origin recognised from the English, naming no version.
    const older = version({
      name: `Before restoring “${inner}”`,
      origin: { made: 'beforeRestore', versionId: null, name: inner },
    });
    // A newer one whose restored version is not among those listed.
    const unlisted = version({
      name: `Restored “Before restoring “${inner}””`,
      kind: 'restore',
      origin: { made: 'restore', versionId: 'gone', name: `Before restoring “${inner}”` },
    });
    expect(versionName(older, i18n.t, 'fr')).toMatch(/^Avant la restauration de « Automatique, .*2025.*10:00.* »$/);
    expect(versionName(unlisted, i18n.t, 'fr')).toMatch(
      /^« Avant la restauration de « Automatique, .*2025.*10:00.* » » restaurée$/,
    );
    // A name someone typed that looks automatic, of a version not listed: the origin says it was named, so it stays as typed.
    const typed = version({
      name: `Before restoring “${inner}”`,
      origin: { made: 'beforeRestore', versionId: 'gone', name: inner, kind: 'named' },
    });
    expect(versionName(typed, i18n.t, 'fr')).toBe(`Avant la restauration de « ${inner} »`);
    // A name someone gave is kept as given.
    const named = version({ name: 'R', kind: 'restore', origin: { made: 'restore', versionId: null, name: 'Draft 2' } });
    expect(versionName(named, i18n.t, 'fr')).toBe('« Draft 2 » restaurée');
  });
});
