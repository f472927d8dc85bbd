/** "Sign in with X" for each single sign-on provider the server is configured with (none: nothing). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SsoProvider } from '../../../shared/schemas/sso.ts';
import { get } from '../app/api.ts';

export function SsoButtons() {
  const { t } = useTranslation();
  const [providers, setProviders] = useState<SsoProvider[]>([]);
  useEffect(() => {
    get<SsoProvider[]>('/api/auth/providers').then(setProviders, () => setProviders([]));
  }, []);
  if (providers.length === 0) return null;
  return (
    <nav aria-label={t('sso.or')} className="sso">
      <p>{t('sso.or')}</p>
      <ul className="card-list">
        {providers.map((provider) => (
          // A full-page navigation: the provider's pages and the callback are not fetch calls.
          <li key={provider.name}>
            <a className="button" href={provider.startUrl}>
              {t('sso.signInWith', { label: provider.label })}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
