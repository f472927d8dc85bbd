/** The meeting record: structured agenda items, action items, version history and the meeting pack. */
import type { Feature } from '../feature.ts';

export const meetingRecordFeature: Feature = {
  name: 'meetingRecord',
  async register() {},
};
