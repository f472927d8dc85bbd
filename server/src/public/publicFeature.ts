/**
 * The open consultation: public pages of a `public` meeting that anyone can read and cite (the
 * agenda, proposals open for public comment, decisions, versions with their digests, an Atom
 * feed), served as HTML without script; and registration as an observer of such a meeting.
 */
import { Counter } from 'prom-client';
import { createFileStore } from '../attachments/fileStore.ts';
import type { Feature } from '../feature.ts';
import { queueAccountEmail } from '../notifications/accountMail.ts';
import { PUBLIC_MIGRATIONS } from './migrations.ts';
import { PublicPageCache } from './publicPageCache.ts';
import { publicRoutes } from './publicRoutes.ts';
import { PublicService } from './publicService.ts';
import { registrationRoutes, registrationSection } from './registrationRoutes.ts';
import { RegistrationService } from './registrationService.ts';

export const publicFeature: Feature = {
  name: 'public',
  migrations: PUBLIC_MIGRATIONS,
  async register({ http, store, config, metrics }) {
    const views = new Counter({
      name: 'plenary_public_page_views_total',
      help: 'Public pages, feeds and files served to readers, by route and status (304: the reader had it cached)',
      labelNames: ['route', 'status'],
      registers: [metrics.registry],
    });
    const renders = new Counter({
      name: 'plenary_public_page_renders_total',
      help: 'Public pages rendered (meeting page, feed, versions, polls, packs); every other one served was shared from one of these (same page, language and fingerprint)',
      registers: [metrics.registry],
    });
    const pages = new PublicService(store, createFileStore(store, config.dataDir), {
      fingerprintCacheMs: config.publicLiveCacheMs,
    });
    const origin = config.publicOrigins[0] ?? '';
    const registrations = new RegistrationService({
      store,
      pages,
      origin,
      queueEmail: queueAccountEmail,
      formKey: await store.settings.secret('public.registrationFormKey'),
    });
    await http.register(publicRoutes, {
      service: pages,
      origin,
      // Per address, and a venue puts its whole hall behind one: the limits and why are in
      // docs/public-consultation.md ("Live updates behind a shared address").
      perMinute: config.publicPagesPerMinute,
      livePerMinute: config.publicLivePerMinute,
      countView: (route, status) => views.inc({ route, status: String(status) }),
      pageCache: new PublicPageCache({ onRender: () => renders.inc() }),
      registrationForm: async (meetingId, words, links) =>
        registrationSection(words, links, await registrations.state(meetingId)),
    });
    await http.register(registrationRoutes, { service: registrations, origin });
  },
};
