/**
 * /invitations/:token: an invited person sets their own password, without being signed in, and
 * lands signed in on the board.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { InvitationInfo } from '../../../shared/schemas/users.ts';
import { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/users.ts';
import { ApiError } from '../app/api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { acceptInvitation, invitationInfo } from './peopleApi.ts';
import { useErrorText } from './useErrorText.ts';
import './people.css';

export function InvitationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { token = '' } = useParams();
  const [info, setInfo] = useState<InvitationInfo | null>(null);
  const [gone, setGone] = useState(false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();

  useEffect(() => {
    invitationInfo(token).then(setInfo, (caught: unknown) => {
      if (caught instanceof ApiError && (caught.status === 410 || caught.status === 400 || caught.status === 404)) setGone(true);
      else setFailure(errorText(caught));
    });
  }, [token, errorText]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: typeof errors = {};
    if (password.length < MIN_PASSWORD_LENGTH)
      found.password = t('people.fields.tooShort', { field: t('people.accept.password'), count: MIN_PASSWORD_LENGTH });
    else if (repeat !== password) found.repeat = t('people.fields.mismatch');
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`#invitation-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await acceptInvitation(token, password);
      // Signed in by the answer's cookie: start the app afresh, as after signing in.
      window.location.assign('/');
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'INVITATION_GONE') setGone(true);
      else setFailure(errorText(caught));
      setBusy(false);
    }
  };

  const field = (key: 'password' | 'repeat', label: string, value: string, onChange: (value: string) => void, hint?: string) => (
    <Field
      label={label}
      id={`invitation-${key}`}
      hint={errors[key] ?? hint}
      liveHint
      invalid={Boolean(errors[key])}
      {...(errors[key] ? { className: 'form__field--invalid' } : {})}
    >
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
      <h1 id={`${id}-title`}>{t('people.accept.title')}</h1>
      {gone ? (
        <>
          <p className="alert alert--error">{t('people.accept.gone')}</p>
          <Link to="/">{t('people.accept.signIn')}</Link>
        </>
      ) : !info ? (
        <>
          <ErrorAlert message={failure} />
          {!failure && <p role="status">{t('people.accept.checking')}</p>}
        </>
      ) : (
        <>
          <p>{t('people.accept.welcome', { name: info.name, email: info.email })}</p>
          <form ref={form} className="form" onSubmit={submit} noValidate>
            {/* For password managers: the account the new password belongs to. */}
            <input type="email" name="username" autoComplete="username" value={info.email} readOnly hidden />
            {field('password', t('people.accept.password'), password, setPassword, t('people.accept.passwordHint'))}
            {field('repeat', t('people.accept.repeat'), repeat, setRepeat)}
            <ErrorAlert message={failure} />
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('people.accept.submitting') : t('people.accept.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
