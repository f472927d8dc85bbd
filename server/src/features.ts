/** The features of the server, in the order they register. */
import { attachmentsFeature } from './attachments/attachmentsFeature.ts';
import type { Feature } from './feature.ts';
import { meetingRecordFeature } from './meetingRecord/meetingRecordFeature.ts';
import { pollsFeature } from './polls/pollsFeature.ts';
import { proposalsFeature } from './proposals/proposalsFeature.ts';
import { searchFeature } from './search/searchFeature.ts';

export const FEATURES: Feature[] = [proposalsFeature, pollsFeature, meetingRecordFeature, attachmentsFeature, searchFeature];
