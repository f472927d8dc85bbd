/**
 * /invitations/:token: an invited person sets their own password, without being signed in, and
 * lands signed in on the board.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MIN_PASSWORD_LENGTH } from '../../../shared/constants/users.ts';
import type { InvitationInfo } from '../../../shared/schemas/users.ts';
import { ApiError } from '../app/api.ts';
import { chosenOnDevice, switchLanguage } from '../i18n/i18n.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { PasswordField } from './PasswordField.tsx';
import { acceptInvitation, invitationInfo } from './peopleApi.ts';
import { useErrorText } from './useErrorText.ts';
import './people.css';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function InvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t('people.accept.title'));
  const errorText = useErrorText();
  const { token = '' } = useParams();
  const [info, setInfo] = useState<InvitationInfo | null>(null);
  const [gone, setGone] = useState(false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const errors = useFieldErrors(['password', 'repeat'] as const);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    invitationInfo(token).then(
      (found) => {
        setInfo(found);
        // Said in the language the secretariat chose for the person, as their email was, unless this
        // device has a language picked already (a person who picked one knows how to pick another).
        // Usually the page started in it (app/firstLanguage.ts); this keeps it on the device, so the
        // board they land on after setting a password starts in it too, and catches a slow answer.
        if (found.language && !chosenOnDevice()) void switchLanguage(found.language).catch(() => undefined);
      },
      (caught: unknown) => {
        if (caught instanceof ApiError && (caught.status === 410 || caught.status === 400 || caught.status === 404))
          setGone(true);
        else setFailure(errorText(caught));
      },
    );
  }, [token, errorText]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.check({
      password:
        password.length < MIN_PASSWORD_LENGTH &&
        t('people.fields.tooShort', { field: t('people.accept.password'), count: MIN_PASSWORD_LENGTH }),
      repeat: password.length >= MIN_PASSWORD_LENGTH && repeat !== password && t('people.fields.mismatch'),
    });
    if (!valid) return;
    setBusy(true);
    try {
      await acceptInvitation(token, password);
      // Signed in by the answer's cookie: start the app afresh, as after signing in.
      window.location.assign('/');
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'INVITATION_GONE') setGone(true);
      else errors.fail(caught);
      setBusy(false);
    }
  };

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
          <form className="form" onSubmit={submit} noValidate>
            {/* For password managers: the account the new password belongs to. */}
            <input type="email" name="username" autoComplete="username" value={info.email} readOnly hidden />
            <PasswordField
              label={t('people.accept.password')}
              autoComplete="new-password"
              hint={t('people.accept.passwordHint')}
              value={password}
              onChange={setPassword}
              {...errors.field('password')}
            />
            <PasswordField
              label={t('people.accept.repeat')}
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
              {...errors.field('repeat')}
            />
            <ErrorAlert message={errors.formError} />
            <BusyButton type="submit" className="button button--primary" busy={busy}>
              {busy ? t('people.accept.submitting') : t('people.accept.submit')}
            </BusyButton>
          </form>
        </>
      )}
    </section>
  );
}
