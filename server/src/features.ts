/** The features of the server, in the order they register. */
import { apiTokensFeature } from './apiTokens/apiTokensFeature.ts';
import type { Feature } from './feature.ts';
import { meetingRecordFeature } from './meetingRecord/meetingRecordFeature.ts';
import { pollsFeature } from './polls/pollsFeature.ts';
import { proposalsFeature } from './proposals/proposalsFeature.ts';
import { ssoFeature } from './sso/ssoFeature.ts';

export const FEATURES: Feature[] = [proposalsFeature, pollsFeature, meetingRecordFeature, apiTokensFeature, ssoFeature];
