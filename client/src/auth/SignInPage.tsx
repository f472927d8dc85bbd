/**
 * Sign-in. Shown in place of any page while signed out, so that a shared deep link opens
 * its page right after signing in.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { MeetingDto } from '../../../shared/schemas/meetings.ts';
import { ApiError, get } from '../app/api.ts';
import { useSession } from '../app/session.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { SsoButtons } from './SsoButtons.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const { signIn, ended } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errors = useFieldErrors(['email', 'password'] as const);
  const [busy, setBusy] = useState(false);
  // Wrong credentials: both fields are marked invalid and point at the one message, which does not say which is wrong.
  const [refused, setRefused] = useState(false);
  const alertId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    const valid = errors.check({
      email: !address ? t('signIn.emailMissing') : !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) && t('form.email'),
      password: !password && t('signIn.passwordMissing'),
    });
    setRefused(false);
    if (!valid) return;
    setBusy(true);
    try {
      await signIn(email, password);
      // From the front page, land in the newest consultation; a deep link keeps its page.
      if (location.pathname === '/') {
        const meetings = await get<MeetingDto[]>('/api/meetings');
        if (meetings[0]) await navigate(`/meetings/${meetings[0].id}`);
      }
    } catch (caught) {
      // Wrong credentials name no field on purpose: which of the two is wrong is not said.
      if (caught instanceof ApiError && caught.status === 401) {
        errors.setFormError(t('signIn.failed'));
        setRefused(true);
      } else errors.fail(caught, { email: t('signIn.emailMissing'), password: t('signIn.passwordMissing') });
      setBusy(false);
    }
  };

  return (
    <section className="page page--narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {ended && (
        <p className="alert alert--info" role="status">
          {t('signIn.sessionEnded')}
        </p>
      )}
      <p>{t('signIn.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('signIn.email')} {...errors.field('email')} invalid={refused} describedBy={refused ? alertId : undefined}>
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
        <Field
          label={t('signIn.password')}
          {...errors.field('password')}
          invalid={refused}
          describedBy={refused ? alertId : undefined}
        >
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
        <ErrorAlert id={alertId} message={errors.formError} />
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </BusyButton>
      </form>
      <p>
        <Link to="/password-reset">{t('signIn.forgot')}</Link>
      </p>
      <SsoButtons />
    </section>
  );
}
