/** Live polls, elections and MAG Working Groups. */
import type { Feature } from '../feature.ts';

export const pollsFeature: Feature = {
  name: 'polls',
  async register() {},
};
