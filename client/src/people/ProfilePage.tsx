/** /profile: one's own name and affiliation, password, and signing out everywhere. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/schemas/users.ts';
import { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/users.ts';
import { useSession } from '../app/session.tsx';
import { closeSharedSocket } from '../collab/socket.ts';
import { forgetLocalDocuments } from '../collab/localCopies.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { changePassword, myProfile, saveProfile, signOutEverywhere } from './peopleApi.ts';
import { fieldOf, useErrorText } from './useErrorText.ts';
import './people.css';

export function ProfilePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    myProfile().then(setProfile, (caught: unknown) => setError(t('app.error', { message: errorText(caught) })));
  }, [t, errorText]);
  return (
    <section className="page people people--narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('people.profile.title')}</h1>
      <ErrorAlert message={error} />
      {!profile && !error && <p role="status">{t('app.loading')}</p>}
      {profile && (
        <>
          <DetailsForm profile={profile} onSaved={setProfile} />
          <PasswordForm />
          <SignOutEverywhere />
        </>
      )}
    </section>
  );
}

function DetailsForm({ profile, onSaved }: { profile: Profile; onSaved: (profile: Profile) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [name, setName] = useState(profile.name);
  const [affiliation, setAffiliation] = useState(profile.affiliation ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!name.trim()) {
      setNameError(t('people.fields.required', { field: t('people.profile.name') }));
      nameInput.current?.focus();
      return;
    }
    setNameError(null);
    setBusy(true);
    try {
      onSaved(await saveProfile({ name: name.trim(), affiliation: affiliation.trim() || null }));
      setMessage({ text: t('people.profile.saved'), error: false });
    } catch (caught) {
      setMessage({ text: t('people.profile.failed', { message: errorText(caught) }), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="people__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('people.profile.details')}</h2>
      <p>{t('people.profile.email', { email: profile.email })}</p>
      <p>{t('people.profile.role', { role: t(`roles.${profile.role}`), group: t(`groups.${profile.group}`) })}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label={t('people.profile.name')}
          id="profile-name"
          hint={nameError ?? undefined}
          liveHint
          invalid={Boolean(nameError)}
          {...(nameError ? { className: 'form__field--invalid' } : {})}
        >
          {(control) => (
            <input
              {...control}
              ref={nameInput}
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('people.profile.affiliation')} id="profile-affiliation" hint={t('people.profile.affiliationHint')}>
          {(control) => (
            <input
              {...control}
              autoComplete="organization"
              value={affiliation}
              onChange={(event) => setAffiliation(event.target.value)}
            />
          )}
        </Field>
        {message?.error ? <ErrorAlert message={message.text} /> : <p role="status">{message?.text}</p>}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('people.profile.save')}
        </button>
      </form>
    </section>
  );
}

type PasswordErrors = Partial<Record<'currentPassword' | 'newPassword' | 'repeat', string>>;

function PasswordForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const focus = (key: string) => form.current?.querySelector<HTMLElement>(`#password-${key}`)?.focus();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const found: PasswordErrors = {};
    if (!values.currentPassword)
      found.currentPassword = t('people.fields.required', { field: t('people.profile.currentPassword') });
    if (values.newPassword.length < MIN_PASSWORD_LENGTH)
      found.newPassword = t('people.fields.tooShort', { field: t('people.profile.newPassword'), count: MIN_PASSWORD_LENGTH });
    else if (values.repeat !== values.newPassword) found.repeat = t('people.fields.mismatch');
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) return focus(first);
    setBusy(true);
    try {
      const { sessionsEnded } = await changePassword(values.currentPassword, values.newPassword);
      setValues({ currentPassword: '', newPassword: '', repeat: '' });
      setMessage({ text: t('people.profile.passwordChanged', { count: sessionsEnded }), error: false });
    } catch (caught) {
      const field = fieldOf(caught) as keyof PasswordErrors | undefined;
      if (field) {
        setErrors({ [field]: errorText(caught) });
        focus(field);
      } else setMessage({ text: t('people.profile.passwordFailed', { message: errorText(caught) }), error: true });
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof PasswordErrors, label: string, autoComplete: string, hint?: string) => (
    <Field
      label={label}
      id={`password-${key}`}
      hint={errors[key] ?? hint}
      liveHint
      invalid={Boolean(errors[key])}
      {...(errors[key] ? { className: 'form__field--invalid' } : {})}
    >
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete={autoComplete}
          required
          value={values[key]}
          onChange={(event) => setValues((old) => ({ ...old, [key]: event.target.value }))}
        />
      )}
    </Field>
  );
  return (
    <section className="people__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('people.profile.passwordTitle')}</h2>
      <form ref={form} className="form" onSubmit={submit} noValidate>
        {field('currentPassword', t('people.profile.currentPassword'), 'current-password')}
        {field('newPassword', t('people.profile.newPassword'), 'new-password', t('people.profile.newPasswordHint'))}
        {field('repeat', t('people.profile.repeatPassword'), 'new-password')}
        {message?.error ? <ErrorAlert message={message.text} /> : <p role="status">{message?.text}</p>}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('people.profile.changePassword')}
        </button>
      </form>
    </section>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user } = useSession();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const run = async () => {
    try {
      closeSharedSocket();
      await signOutEverywhere();
      if (user) await forgetLocalDocuments(user.id);
      // A fresh start: every page shows sign-in again.
      window.location.assign('/');
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <section className="people__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('people.profile.everywhereTitle')}</h2>
      <p>{t('people.profile.everywhereIntro')}</p>
      <ErrorAlert message={error} />
      <button type="button" className="button" onClick={() => void run()}>
        {t('people.profile.everywhere')}
      </button>
    </section>
  );
}
