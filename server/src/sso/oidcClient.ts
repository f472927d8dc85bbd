/**
 * One OpenID Connect relying party per configured provider, through openid-client: discovery
 * (once, retried after a failure), the authorization URL with state, nonce and PKCE (S256), and
 * the code exchange with every check openid-client makes (state, nonce, issuer, ID token).
 */
import * as oidc from 'openid-client';
import type { OidcProviderConfig } from './oidcConfig.ts';

export interface OidcIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

/** Plain http is allowed for an issuer on this machine only (development and tests). */
function isLoopback(issuer: URL): boolean {
  return issuer.hostname === 'localhost' || issuer.hostname === '127.0.0.1' || issuer.hostname === '[::1]';
}

export class OidcClient {
  readonly provider: OidcProviderConfig;
  private readonly redirectUri: string;
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(provider: OidcProviderConfig, publicOrigin: string) {
    this.provider = provider;
    this.redirectUri = `${publicOrigin}/api/auth/oidc/${provider.name}/callback`;
  }

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.provider.issuer);
      const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
      return oidc.discovery(
        issuer,
        this.provider.clientId,
        this.provider.clientSecret,
        undefined,
        insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
    })();
    this.configuration.catch(() => {
      this.configuration = null;
    });
    return this.configuration;
  }

  /** Where to send the browser, and what the callback must check. */
  async start(): Promise<{ url: string; state: string; nonce: string; verifier: string }> {
    const config = await this.config();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, verifier };
  }

  /** Exchanges the code of the callback URL; the email comes from the ID token or else from userinfo. */
  async finish(callbackUrl: URL, checks: { state: string; nonce: string; verifier: string }): Promise<OidcIdentity> {
    const config = await this.config();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let info: Record<string, unknown> = claims;
    if (typeof claims.email !== 'string')
      info = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), sub: claims.sub };
    return {
      subject: claims.sub,
      email: typeof info.email === 'string' ? info.email : undefined,
      // Only a literal true: some providers send "true" strings or omit the claim.
      emailVerified: info.email_verified === true,
      name: typeof info.name === 'string' ? info.name : undefined,
    };
  }
}
