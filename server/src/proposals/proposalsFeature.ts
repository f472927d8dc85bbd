/** Proposals for Policy Networks and Best Practice Forums, and comment threads on documents. */
import type { Feature } from '../feature.ts';

export const proposalsFeature: Feature = {
  name: 'proposals',
  async register() {},
};
