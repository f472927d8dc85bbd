/** The features of the server, in the order they register. */
import type { Feature } from './feature.ts';
import { meetingRecordFeature } from './meetingRecord/meetingRecordFeature.ts';
import { notificationsFeature } from './notifications/notificationsFeature.ts';
import { pollsFeature } from './polls/pollsFeature.ts';
import { proposalsFeature } from './proposals/proposalsFeature.ts';

export const FEATURES: Feature[] = [proposalsFeature, pollsFeature, meetingRecordFeature, notificationsFeature];
