/**
 * Every migration of the server, core first. Each feature owns a range of versions so that
 * features can grow their schema independently: core 1–99, proposals and comments 100–199,
 * polls and working groups 200–299, the meeting record (agenda items, actions, versions) 300–399,
 * cycle administration (meetings, calls, calendar feeds) 400–449.
 */
import { INTEROP_MIGRATIONS } from './apiTokens/migrations.ts';
import { FLOOR_MIGRATIONS } from './floor/migrations.ts';
import { MEETING_RECORD_MIGRATIONS } from './meetingRecord/migrations.ts';
import { MEETING_MIGRATIONS } from './meetings/migrations.ts';
import { NOTIFICATION_MIGRATIONS } from './notifications/migrations.ts';
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
  ...MEETING_MIGRATIONS,
  ...FLOOR_MIGRATIONS,
  ...NOTIFICATION_MIGRATIONS,
];
