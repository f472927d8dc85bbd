/**
 * Single sign-on providers from the environment, read once at boot (config.ts):
 * OIDC_PROVIDERS=name1,name2 and for each OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _LABEL;
 * OIDC_CREATE_OBSERVERS=1 lets a first sign-in with a verified, unknown email create an observer
 * (stakeholder group OIDC_OBSERVER_GROUP, default civil-society).
 */
import { isStakeholderGroup, type StakeholderGroup } from '../../../shared/roles.ts';
import { ConfigError } from '../config.ts';

export interface OidcProviderConfig {
  /** Lower case, in URLs: /api/auth/oidc/<name>/start. */
  name: string;
  /** What the sign-in button says: "Sign in with <label>". */
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
}

export interface OidcSettings {
  providers: OidcProviderConfig[];
  createObservers: boolean;
  observerGroup: StakeholderGroup;
}

export function parseOidcSettings(env: Record<string, string | undefined>): OidcSettings {
  const names = (env.OIDC_PROVIDERS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const providers = names.map((name): OidcProviderConfig => {
    if (!/^[A-Za-z0-9_]{1,32}$/.test(name))
      throw new ConfigError(`OIDC_PROVIDERS must be names of letters, digits and _ (got ${JSON.stringify(name)})`);
    const key = `OIDC_${name.toUpperCase()}_`;
    const issuer = env[`${key}ISSUER`];
    const clientId = env[`${key}CLIENT_ID`];
    if (!issuer || !/^https?:\/\//.test(issuer))
      throw new ConfigError(`${key}ISSUER must be the provider's http(s) issuer URL (got ${JSON.stringify(issuer)})`);
    if (!clientId) throw new ConfigError(`${key}CLIENT_ID must be set for the provider ${name}`);
    return {
      name: name.toLowerCase(),
      label: env[`${key}LABEL`] || name,
      issuer,
      clientId,
      clientSecret: env[`${key}CLIENT_SECRET`] || undefined,
    };
  });
  const group = env.OIDC_OBSERVER_GROUP || 'civil-society';
  if (!isStakeholderGroup(group))
    throw new ConfigError(`OIDC_OBSERVER_GROUP must be a stakeholder group (got ${JSON.stringify(group)})`);
  const create = env.OIDC_CREATE_OBSERVERS ?? '0';
  if (create !== '0' && create !== '1')
    throw new ConfigError(`OIDC_CREATE_OBSERVERS must be 0 or 1 (got ${JSON.stringify(create)})`);
  return { providers, createObservers: create === '1', observerGroup: group };
}
