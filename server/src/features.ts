/** The features of the server, in the order they register. */
import { apiTokensFeature } from './apiTokens/apiTokensFeature.ts';
import { attachmentsFeature } from './attachments/attachmentsFeature.ts';
import { auditFeature } from './audit/auditFeature.ts';
import type { Feature } from './feature.ts';
import { floorFeature } from './floor/floorFeature.ts';
import { meetingRecordFeature } from './meetingRecord/meetingRecordFeature.ts';
import { meetingsFeature } from './meetings/meetingsFeature.ts';
import { notificationsFeature } from './notifications/notificationsFeature.ts';
import { pollsFeature } from './polls/pollsFeature.ts';
import { proposalsFeature } from './proposals/proposalsFeature.ts';
import { publicFeature } from './public/publicFeature.ts';
import { searchFeature } from './search/searchFeature.ts';
import { ssoFeature } from './sso/ssoFeature.ts';
import { timelineFeature } from './timeline/timelineFeature.ts';

// meetingsFeature first: its guard (archived meetings are read-only) covers the routes of the features after it.
export const FEATURES: Feature[] = [
  meetingsFeature,
  proposalsFeature,
  pollsFeature,
  meetingRecordFeature,
  auditFeature,
  timelineFeature,
  apiTokensFeature,
  ssoFeature,
  floorFeature,
  notificationsFeature,
  attachmentsFeature,
  searchFeature,
  publicFeature,
];
