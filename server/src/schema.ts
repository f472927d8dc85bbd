/**
 * Every migration of the server: the core's, then each feature's (Feature.migrations). Each
 * feature owns a range of versions so that features can grow their schema independently:
 * core 1–99, proposals and comments 100–199, polls and working groups 200–299, the meeting
 * record (agenda items, actions, versions) 300–399; a new feature takes the next free hundred.
 */
import { FEATURES } from './features.ts';
import { CORE_MIGRATIONS, type Migration } from './storage/migrations.ts';

export const ALL_MIGRATIONS: Migration[] = [
  ...CORE_MIGRATIONS,
  ...FEATURES.flatMap((feature) => feature.migrations ?? []),
  // A feature that does not carry its migrations in its Feature yet adds them here (one line).
];

// Two features claiming one version would each skip the other's migration: refuse to start.
const versions = new Set<number>();
for (const migration of ALL_MIGRATIONS) {
  if (versions.has(migration.version)) throw new Error(`Two migrations share version ${migration.version}`);
  versions.add(migration.version);
}
