/**
 * Every migration of the server, core first. Each feature owns a range of versions so that
 * features can grow their schema independently: core 1–99, proposals and comments 100–199,
 * polls and working groups 200–299, the meeting record (agenda items, actions, versions) 300–399.
 */
import { INTEROP_MIGRATIONS } from './apiTokens/migrations.ts';
import { I18N_MIGRATIONS } from './i18n/migrations.ts';
import { MEETING_RECORD_MIGRATIONS } from './meetingRecord/migrations.ts';
import { POLL_MIGRATIONS } from './polls/migrations.ts';
import { PROPOSAL_MIGRATIONS } from './proposals/migrations.ts';
import { CORE_MIGRATIONS, type Migration } from './storage/migrations.ts';
import { PEOPLE_MIGRATIONS } from './users/migrations.ts';

export const ALL_MIGRATIONS: Migration[] = [
  ...CORE_MIGRATIONS,
  ...PROPOSAL_MIGRATIONS,
  ...POLL_MIGRATIONS,
  ...MEETING_RECORD_MIGRATIONS,
  ...PEOPLE_MIGRATIONS,
  ...INTEROP_MIGRATIONS,
  ...I18N_MIGRATIONS,
];
