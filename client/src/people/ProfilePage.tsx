/** /profile: one's own name and affiliation, password, and signing out everywhere. */

import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../shared/constants/users.ts';
import type { Profile } from '../../../shared/schemas/users.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { useSession } from '../app/session.tsx';
import { forgetLocalDocuments } from '../collab/localCopies.ts';
import { closeSharedSocket } from '../collab/socket.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { PasswordField } from './PasswordField.tsx';
import { changePassword, myProfile, saveProfile, signOutEverywhere } from './peopleApi.ts';
import { useErrorText } from './useErrorText.ts';
import './people.css';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('people.profile.title'));
  const errorText = useErrorText();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { userSaved } = useSession();
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
          <DetailsForm
            profile={profile}
            onSaved={(saved) => {
              setProfile(saved);
              // The header's "Signed in as" reads the session's user, which kept the old name until a reload.
              userSaved(saved);
            }}
          />
          <PasswordForm />
          <SignOutEverywhere />
        </>
      )}
    </section>
  );
}

function DetailsForm({ profile, onSaved }: { profile: Profile; onSaved: (profile: Profile) => void }) {
  const { t } = useTranslation();
  const errors = useFieldErrors(['name', 'affiliation'] as const);
  const [name, setName] = useState(profile.name);
  const [affiliation, setAffiliation] = useState(profile.affiliation ?? '');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const words = { name: t('form.required', { field: t('people.profile.name') }) };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!errors.check({ name: !hasVisibleText(name) && words.name })) return;
    setBusy(true);
    try {
      onSaved(await saveProfile({ name: name.trim(), affiliation: affiliation.trim() || null }));
      setSaved(true);
    } catch (caught) {
      errors.fail(caught, words);
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
        <Field label={t('people.profile.name')} {...errors.field('name')}>
          {(control) => (
            <input {...control} autoComplete="name" required value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
        <Field
          label={t('people.profile.affiliation')}
          hint={t('people.profile.affiliationHint')}
          {...errors.field('affiliation')}
        >
          {(control) => (
            <input
              {...control}
              autoComplete="organization"
              value={affiliation}
              onChange={(event) => setAffiliation(event.target.value)}
            />
          )}
        </Field>
        <ErrorAlert message={errors.formError && t('people.profile.failed', { message: errors.formError })} />
        <p role="status">{saved ? t('people.profile.saved') : null}</p>
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {t('people.profile.save')}
        </BusyButton>
      </form>
    </section>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const errors = useFieldErrors(['currentPassword', 'newPassword', 'repeat'] as const);
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [changed, setChanged] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChanged(null);
    const valid = errors.check({
      currentPassword: !values.currentPassword && t('form.required', { field: t('people.profile.currentPassword') }),
      newPassword:
        values.newPassword.length < MIN_PASSWORD_LENGTH &&
        t('people.fields.tooShort', { field: t('people.profile.newPassword'), count: MIN_PASSWORD_LENGTH }),
      repeat:
        values.newPassword.length >= MIN_PASSWORD_LENGTH && values.repeat !== values.newPassword && t('people.fields.mismatch'),
    });
    if (!valid) return;
    setBusy(true);
    try {
      const { sessionsEnded } = await changePassword(values.currentPassword, values.newPassword);
      setValues({ currentPassword: '', newPassword: '', repeat: '' });
      setChanged(sessionsEnded);
    } catch (caught) {
      errors.fail(caught);
    } finally {
      setBusy(false);
    }
  };
  const set = (key: keyof typeof values) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  return (
    <section className="people__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('people.profile.passwordTitle')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <PasswordField
          label={t('people.profile.currentPassword')}
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          {...errors.field('currentPassword')}
        />
        <PasswordField
          label={t('people.profile.newPassword')}
          autoComplete="new-password"
          hint={t('people.profile.newPasswordHint')}
          value={values.newPassword}
          onChange={set('newPassword')}
          {...errors.field('newPassword')}
        />
        <PasswordField
          label={t('people.profile.repeatPassword')}
          autoComplete="new-password"
          value={values.repeat}
          onChange={set('repeat')}
          {...errors.field('repeat')}
        />
        <ErrorAlert message={errors.formError && t('people.profile.passwordFailed', { message: errors.formError })} />
        <p role="status">{changed === null ? null : t('people.profile.passwordChanged', { count: changed })}</p>
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {t('people.profile.changePassword')}
        </BusyButton>
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
