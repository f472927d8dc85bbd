/**
 * "Forgot password?": /password-reset asks for a link by email; /password-reset/:token (the
 * emailed link) sets a new password. Both work signed out. The request page says the same
 * whether or not the address is known: the server does not tell, and neither do we.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MIN_PASSWORD_LENGTH } from '../../../shared/constants/users.ts';
import { isLanguage } from '../../../shared/i18n/languages.ts';
import { ApiError, post } from '../app/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

const failureText = (caught: unknown) =>
  caught instanceof ApiError ? errorText(caught.code, caught.details) : String((caught as Error).message);

export function ForgotPasswordPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('passwordReset.requestTitle'));
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setBusy(true);
    try {
      const language = i18n.resolvedLanguage;
      await post('/api/auth/password-reset', { email, ...(isLanguage(language) ? { language } : {}) });
      setSent(true);
    } catch (caught) {
      setFailure(failureText(caught));
    }
    setBusy(false);
  };

  return (
    <section className="page page--narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('passwordReset.requestTitle')}</h1>
      {sent ? (
        <p role="status">{t('passwordReset.sent', { email })}</p>
      ) : (
        <>
          <p>{t('passwordReset.requestIntro')}</p>
          <form className="form" onSubmit={submit}>
            <Field label={t('signIn.email')} id="reset-email">
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
            <ErrorAlert message={failure} />
            <BusyButton type="submit" className="button button--primary" busy={busy}>
              {busy ? t('passwordReset.requesting') : t('passwordReset.request')}
            </BusyButton>
          </form>
        </>
      )}
      <p>
        <Link to="/">{t('passwordReset.backToSignIn')}</Link>
      </p>
    </section>
  );
}

export function SetNewPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('passwordReset.setTitle'));
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [outcome, setOutcome] = useState<'done' | 'gone' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: typeof errors = {};
    if (password.length < MIN_PASSWORD_LENGTH)
      found.password = t('people.fields.tooShort', { field: t('passwordReset.password'), count: MIN_PASSWORD_LENGTH });
    else if (repeat !== password) found.repeat = t('people.fields.mismatch');
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`#reset-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await post(`/api/auth/password-reset/${encodeURIComponent(token)}`, { password });
      setOutcome('done');
    } catch (caught) {
      if (caught instanceof ApiError && (caught.code === 'RESET_LINK_GONE' || caught.status === 400)) setOutcome('gone');
      else setFailure(failureText(caught));
    }
    setBusy(false);
  };

  const field = (key: 'password' | 'repeat', label: string, value: string, onChange: (value: string) => void, hint?: string) => (
    <Field label={label} id={`reset-${key}`} hint={errors[key] ?? hint} liveHint invalid={Boolean(errors[key])}>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete="new-password"
          required
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <section className="page page--narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('passwordReset.setTitle')}</h1>
      {outcome === 'done' ? (
        <>
          <p role="status">{t('passwordReset.done')}</p>
          {/* A full load: every session ended, this browser's included. */}
          <a href="/">{t('passwordReset.backToSignIn')}</a>
        </>
      ) : outcome === 'gone' ? (
        <>
          <p className="alert alert--error" role="alert">
            {errorText('RESET_LINK_GONE')}
          </p>
          <Link to="/password-reset">{t('passwordReset.askAgain')}</Link>
        </>
      ) : (
        <form ref={form} className="form" onSubmit={submit} noValidate>
          {field('password', t('passwordReset.password'), password, setPassword, t('people.accept.passwordHint'))}
          {field('repeat', t('passwordReset.repeat'), repeat, setRepeat)}
          <ErrorAlert message={failure} />
          <BusyButton type="submit" className="button button--primary" busy={busy}>
            {busy ? t('passwordReset.setting') : t('passwordReset.set')}
          </BusyButton>
        </form>
      )}
    </section>
  );
}
