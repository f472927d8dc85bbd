/** Schema of agenda items, action items, versions: versions 300–399. */
import type { Migration } from '../storage/migrations.ts';

export const MEETING_RECORD_MIGRATIONS: Migration[] = [];
