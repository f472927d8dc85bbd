/**
 * Every migration of the server: the core's (and the people's, which extend the core's users),
 * then each feature's (Feature.migrations), applied in version order. Each feature owns a range
 * of versions so that features can grow their schema independently: core 1–99, proposals and
 * comments 100–199, polls and working groups 200–299, the meeting record 300–399, meetings and
 * calls 400–449, people 450–499, hardening 500–549, the floor 600–649, notifications 700–749,
 * interoperability 800–849, languages 900–909, attachments and search 1000–1049; a new feature
 * takes the next free range.
 */
import { FEATURES } from './features.ts';
import { I18N_MIGRATIONS } from './i18n/migrations.ts';
import { CORE_MIGRATIONS, type Migration } from './storage/migrations.ts';
import { PEOPLE_MIGRATIONS } from './users/migrations.ts';

export const ALL_MIGRATIONS: Migration[] = [
  ...CORE_MIGRATIONS,
  ...PEOPLE_MIGRATIONS,
  ...I18N_MIGRATIONS,
  ...FEATURES.flatMap((feature) => feature.migrations ?? []),
].sort((a, b) => a.version - b.version);

// Two features claiming one version would each skip the other's migration: refuse to start.
const versions = new Set<number>();
for (const migration of ALL_MIGRATIONS) {
  if (versions.has(migration.version)) throw new Error(`Two migrations share version ${migration.version}`);
  versions.add(migration.version);
}
