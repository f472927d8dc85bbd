/**
 * Every migration of the server, core first. Each feature owns a range of versions so that
 * features can grow their schema independently: core 1–99, proposals and comments 100–199,
 * polls and working groups 200–299, the meeting record (agenda items, actions, versions) 300–399, hardening 500–549.
 */
import { MEETING_RECORD_MIGRATIONS } from './meetingRecord/migrations.ts';
import { DIFF_SNAPSHOT_MIGRATIONS } from './meetingRecord/versions/diffRunner.ts';
import { POLL_MIGRATIONS } from './polls/migrations.ts';
import { SECRET_BATCH_MIGRATIONS } from './polls/secretBatches.ts';
import { PROPOSAL_MIGRATIONS } from './proposals/migrations.ts';
import { CORE_MIGRATIONS, type Migration } from './storage/migrations.ts';

export const ALL_MIGRATIONS: Migration[] = [
  ...CORE_MIGRATIONS,
  ...PROPOSAL_MIGRATIONS,
  ...POLL_MIGRATIONS,
  ...MEETING_RECORD_MIGRATIONS,
  ...SECRET_BATCH_MIGRATIONS,
  ...DIFF_SNAPSHOT_MIGRATIONS,
];
