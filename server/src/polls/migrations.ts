/** Schema of polls, ballots, working groups: versions 200–299. */
import type { Migration } from '../storage/migrations.ts';

export const POLL_MIGRATIONS: Migration[] = [];
