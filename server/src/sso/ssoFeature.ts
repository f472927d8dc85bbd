/** Single sign-on with OpenID Connect, and password sign-in per person (docs/interop.md). */
import type { Feature } from '../feature.ts';
import { OidcClient } from './oidcClient.ts';
import { OidcStateSealer } from './oidcState.ts';
import { ssoRoutes } from './ssoRoutes.ts';
import { SsoService } from './ssoService.ts';
import { SsoStore } from './ssoStore.ts';

export const ssoFeature: Feature = {
  name: 'sso',
  async register({ http, store, config }) {
    const publicOrigin = config.publicOrigins[0]!;
    const clients = new Map(config.oidc.providers.map((provider) => [provider.name, new OidcClient(provider, publicOrigin)]));
    const sso = new SsoStore(store.db);
    await http.register(ssoRoutes, {
      store,
      clients,
      sealer: new OidcStateSealer(await store.settings.secret('oidc-state-secret')),
      service: new SsoService(store, sso, config.oidc),
      sso,
      publicOrigin,
      secureCookies: config.secureCookies,
    });
  },
};
