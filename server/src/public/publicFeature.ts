/**
 * The open consultation: public pages of a `public` meeting that anyone can read and cite (the
 * agenda, proposals open for public comment, decisions, versions with their digests, an Atom
 * feed), served as HTML without script.
 */
import type { Feature } from '../feature.ts';
import { publicRoutes } from './publicRoutes.ts';
import { PublicService } from './publicService.ts';

/** Requests a minute from one address, on each public route. */
const PUBLIC_PER_MINUTE = 120;

export const publicFeature: Feature = {
  name: 'public',
  async register({ http, store, config }) {
    const service = new PublicService(store);
    const origin = config.publicOrigins[0] ?? '';
    await http.register(publicRoutes, { service, origin, perMinute: PUBLIC_PER_MINUTE });
  },
};
