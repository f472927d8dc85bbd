/** Single sign-on (docs/interop.md). */
import { Type, type Static } from 'typebox';

export const SsoProvider = Type.Object({
  name: Type.String(),
  /** "Sign in with <label>". */
  label: Type.String(),
  /** Where the browser goes to sign in (a full-page navigation, not fetch). */
  startUrl: Type.String(),
});
export type SsoProvider = Static<typeof SsoProvider>;

export const ProviderParams = Type.Object({ provider: Type.String({ pattern: '^[a-z0-9_]{1,32}$' }) });

export const PasswordLoginBody = Type.Object({
  enabled: Type.Boolean({ description: 'false: this person may sign in only through single sign-on' }),
});
export type PasswordLoginBody = Static<typeof PasswordLoginBody>;

export const PasswordLoginState = Type.Object({ id: Type.String(), passwordLogin: Type.Boolean() });
