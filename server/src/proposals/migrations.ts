/** Schema of proposals, comment threads, moderation: versions 100–199. */
import type { Migration } from '../storage/migrations.ts';

export const PROPOSAL_MIGRATIONS: Migration[] = [];
