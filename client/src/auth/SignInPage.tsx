/**
 * Sign-in. Shown in place of any page while signed out, so that a shared deep link opens
 * its page right after signing in.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { ApiError, get } from '../app/api.ts';
import { useSession } from '../app/session.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { SsoButtons } from './SsoButtons.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      // From the front page, land in the newest consultation; a deep link keeps its page.
      if (location.pathname === '/') {
        const meetings = await get<MeetingDto[]>('/api/meetings');
        if (meetings[0]) await navigate(`/meetings/${meetings[0].id}`);
      }
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? t('signIn.failed') : String((caught as Error).message));
      setBusy(false);
    }
  };

  return (
    <section className="page page--narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <Field label={t('signIn.email')} id="email" invalid={Boolean(error)}>
          {(control) => (
            <input
              {...control}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('signIn.password')} id="password" invalid={Boolean(error)}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <ErrorAlert id={errorId} message={error} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <SsoButtons />
    </section>
  );
}
