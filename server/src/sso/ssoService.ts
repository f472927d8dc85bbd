/**
 * Who a provider's identity is on the board. An identity signed in before is that person again.
 * A first sign-in links to the person with the same email, only if the provider says the email is
 * verified (else anyone who can set an email at some provider could take over an account); with
 * OIDC_CREATE_OBSERVERS=1 an unknown verified email becomes a new observer. Roles stay the board's.
 */
import { AppError } from '../http/appError.ts';
import { UniqueViolation } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { normaliseEmail, type User } from '../users/userStore.ts';
import type { OidcIdentity } from './oidcClient.ts';
import type { OidcSettings } from './oidcConfig.ts';
import type { SsoStore } from './ssoStore.ts';

/** Stored in place of a password hash for people created by single sign-on: no password matches it. */
export const NO_PASSWORD = 'sso-only';

export class SsoService {
  private readonly store: Store;
  private readonly sso: SsoStore;
  private readonly settings: OidcSettings;

  constructor(store: Store, sso: SsoStore, settings: OidcSettings) {
    this.store = store;
    this.sso = sso;
    this.settings = settings;
  }

  async personOf(provider: string, identity: OidcIdentity): Promise<User> {
    const linked = await this.sso.userOfIdentity(provider, identity.subject);
    if (linked) {
      const user = await this.store.users.byId(linked);
      if (!user || user.disabled) throw new AppError('SSO_NO_ACCOUNT', 'This account is disabled.');
      await this.sso.touch(provider, identity.subject);
      return user;
    }
    if (!identity.email) throw new AppError('SSO_EMAIL_UNVERIFIED', 'The provider did not give an email address.');
    if (!identity.emailVerified) {
      throw new AppError(
        'SSO_EMAIL_UNVERIFIED',
        'The provider has not verified this email address, so it cannot be linked to a person of the board.',
      );
    }
    const email = normaliseEmail(identity.email);
    const existing = (await this.store.users.credentialsByEmail(email))?.user;
    if (existing) {
      if (existing.disabled) throw new AppError('SSO_NO_ACCOUNT', 'This account is disabled.');
      await this.store.db.transaction(async (tx) => {
        await this.sso.link({ provider, subject: identity.subject, userId: existing.id, email }, tx);
        await this.store.audit.record(
          { actorId: existing.id, action: 'sso.link', subject: `user:${existing.id}`, detail: { provider } },
          tx,
        );
      });
      return existing;
    }
    if (!this.settings.createObservers) {
      throw new AppError('SSO_NO_ACCOUNT', 'No person of the board has this email address; ask the secretariat to invite you.');
    }
    try {
      return await this.store.db.transaction(async (tx) => {
        const user = await this.store.users.create(
          {
            email,
            name: identity.name?.trim() || email,
            role: 'observer',
            group: this.settings.observerGroup,
            passwordHash: NO_PASSWORD,
          },
          tx,
        );
        await this.sso.link({ provider, subject: identity.subject, userId: user.id, email }, tx);
        await this.store.audit.record(
          { actorId: user.id, action: 'sso.create-observer', subject: `user:${user.id}`, detail: { provider } },
          tx,
        );
        return user;
      });
    } catch (error) {
      // Two first sign-ins at once: the other one created the person; link to them.
      if (error instanceof UniqueViolation) return this.personOf(provider, identity);
      throw error;
    }
  }
}
